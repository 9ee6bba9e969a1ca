package org.atelier.tools.digits;

import java.util.List;

/**
 * The control points of each digit's strokes in a unit box (x to the right, y down), one array
 * of points per stroke; a stroke whose first and last points coincide is a loop. Drawn as smooth
 * curves by {@link OwnDigits}.
 */
final class Skeletons {

    private Skeletons() {}

    static List<double[][]> of(int digit) {
        return switch (digit) {
            case 0 -> List.<double[][]>of(loop(0.5, 0.5, 0.38, 0.5, 10));
            case 1 -> List.<double[][]>of(new double[][] {{0.25, 0.22}, {0.45, 0.08}, {0.6, 0.0}, {0.6, 0.5}, {0.6, 1.0}});
            case 2 -> List.<double[][]>of(new double[][] {{0.12, 0.25}, {0.3, 0.0}, {0.7, 0.0}, {0.85, 0.3}, {0.55, 0.6},
                {0.1, 1.0}, {0.5, 0.98}, {0.95, 1.0}});
            case 3 -> List.<double[][]>of(new double[][] {{0.12, 0.12}, {0.45, -0.02}, {0.85, 0.12}, {0.75, 0.38}, {0.4, 0.48},
                {0.85, 0.6}, {0.88, 0.88}, {0.5, 1.02}, {0.1, 0.88}});
            case 4 -> List.<double[][]>of(new double[][] {{0.45, 0.0}, {0.25, 0.35}, {0.05, 0.68}, {0.5, 0.68}, {0.95, 0.68}},
                    new double[][] {{0.7, 0.3}, {0.7, 1.0}});
            case 5 -> List.<double[][]>of(new double[][] {{0.85, 0.0}, {0.2, 0.0}, {0.15, 0.45}, {0.6, 0.36}, {0.9, 0.65},
                {0.75, 0.95}, {0.45, 1.02}, {0.1, 0.9}});
            case 6 -> List.<double[][]>of(new double[][] {{0.75, 0.02}, {0.35, 0.2}, {0.15, 0.6}, {0.3, 1.0}, {0.75, 0.98},
                {0.85, 0.65}, {0.5, 0.48}, {0.18, 0.65}});
            case 7 -> List.<double[][]>of(new double[][] {{0.05, 0.02}, {0.5, 0.0}, {0.95, 0.0}, {0.65, 0.5}, {0.4, 1.0}});
            case 8 -> List.<double[][]>of(loop(0.5, 0.25, 0.3, 0.25, 8), loop(0.5, 0.72, 0.36, 0.28, 8));
            case 9 -> List.<double[][]>of(loop(0.48, 0.3, 0.33, 0.3, 8), new double[][] {{0.8, 0.3}, {0.78, 0.65}, {0.7, 1.0}});
            default -> throw new IllegalArgumentException("a digit is 0–9, got " + digit);
        };
    }

    /** A closed loop of {@code n} points around an ellipse, starting and ending at its top. */
    private static double[][] loop(double cx, double cy, double rx, double ry, int n) {
        double[][] points = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            double angle = 2 * Math.PI * (i % n) / n;
            points[i] = new double[] {cx + rx * Math.sin(angle), cy - ry * Math.cos(angle)};
        }
        return points;
    }
}

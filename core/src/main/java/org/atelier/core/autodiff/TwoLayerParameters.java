package org.atelier.core.autodiff;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The parameters of a {@link TwoLayerNetwork}, or a gradient of the same shapes: W1 (inputs ×
 * hidden), b1 (hidden), W2 (hidden × classes), b2 (classes), in plain doubles.
 *
 * @param w1 first layer's weights, one row per input
 * @param b1 first layer's biases
 * @param w2 second layer's weights, one row per hidden unit
 * @param b2 second layer's biases
 */
public record TwoLayerParameters(double[][] w1, double[] b1, double[][] w2, double[] b2) {

    /** The parameters' names, in the order of {@link #flat()}. */
    public static final List<String> NAMES = List.of("W1", "b1", "W2", "b2");

    /**
     * Weights drawn from N(0, 1/fan_in) (LeCun's scaling, so pre-activations start with about unit
     * variance for standardized inputs), biases 0.
     *
     * @param inputs input features
     * @param hidden hidden units
     * @param classes output classes
     * @param random the source of the weights
     * @return the parameters
     */
    public static TwoLayerParameters initialize(int inputs, int hidden, int classes, Random random) {
        return new TwoLayerParameters(gaussian(inputs, hidden, random), new double[hidden],
                gaussian(hidden, classes, random), new double[classes]);
    }

    /** Input features. */
    public int inputs() {
        return w1.length;
    }

    /** Hidden units. */
    public int hidden() {
        return b1.length;
    }

    /** Output classes. */
    public int classes() {
        return b2.length;
    }

    /** The number of scalar parameters. */
    public int count() {
        return flat().stream().mapToInt(a -> a.length).sum();
    }

    /** Each parameter flattened row by row, in the order of {@link #NAMES}. */
    public List<double[]> flat() {
        return List.of(flatten(w1), b1.clone(), flatten(w2), b2.clone());
    }

    /** Each parameter's shape, e.g. {@code 4×5}, in the order of {@link #NAMES}. */
    public List<String> shapes() {
        return List.of(w1.length + "×" + b1.length, String.valueOf(b1.length), w2.length + "×" + b2.length,
                String.valueOf(b2.length));
    }

    /**
     * One gradient-descent step: these parameters minus {@code rate} times the gradient.
     *
     * @param gradient a gradient of the same shapes
     * @param rate the learning rate
     * @return the new parameters
     */
    public TwoLayerParameters step(TwoLayerParameters gradient, double rate) {
        return new TwoLayerParameters(axpy(w1, gradient.w1, -rate), axpy(new double[][] {b1},
                new double[][] {gradient.b1}, -rate)[0], axpy(w2, gradient.w2, -rate),
                axpy(new double[][] {b2}, new double[][] {gradient.b2}, -rate)[0]);
    }

    /**
     * The largest absolute difference to another value of the same shapes, per parameter.
     *
     * @param other the other parameters or gradient
     * @return one maximum per parameter, in the order of {@link #NAMES}
     */
    public double[] maxAbsDifference(TwoLayerParameters other) {
        List<double[]> mine = flat();
        List<double[]> theirs = other.flat();
        double[] max = new double[mine.size()];
        for (int p = 0; p < mine.size(); p++) {
            if (mine.get(p).length != theirs.get(p).length) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s has %d values here but %d there",
                        NAMES.get(p), mine.get(p).length, theirs.get(p).length));
            }
            for (int i = 0; i < mine.get(p).length; i++) {
                max[p] = Math.max(max[p], Math.abs(mine.get(p)[i] - theirs.get(p)[i]));
            }
        }
        return max;
    }

    /** The Euclidean norm of each parameter, in the order of {@link #NAMES}. */
    public double[] norms() {
        return flat().stream().mapToDouble(a -> Math.sqrt(Arrays.stream(a).map(v -> v * v).sum())).toArray();
    }

    private static double[][] gaussian(int rows, int columns, Random random) {
        double scale = 1 / Math.sqrt(rows);
        double[][] matrix = new double[rows][columns];
        for (double[] row : matrix) {
            for (int j = 0; j < columns; j++) {
                row[j] = scale * random.nextGaussian();
            }
        }
        return matrix;
    }

    private static double[][] axpy(double[][] y, double[][] x, double a) {
        double[][] out = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            out[i] = new double[y[i].length];
            for (int j = 0; j < y[i].length; j++) {
                out[i][j] = y[i][j] + a * x[i][j];
            }
        }
        return out;
    }

    private static double[] flatten(double[][] matrix) {
        return Arrays.stream(matrix).flatMapToDouble(Arrays::stream).toArray();
    }
}

package org.atelier.core.models;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.autodiff.Autograd;

/**
 * An activation function measured on a grid: its values and derivative as the engine computes them
 * (DJL's implementation, differentiated by the engine's autograd in float64), how far they are from
 * the closed forms, the derivative's largest value, and the intervals where the derivative is
 * smaller in magnitude than a threshold (where the function saturates and passes almost no gradient
 * back).
 *
 * @param function the function
 * @param x the grid
 * @param values f(x) by the engine
 * @param derivatives f′(x) by the engine's autograd
 * @param maxValueError the largest |engine f − closed form| on the grid
 * @param maxDerivativeError the largest |autograd f′ − closed-form f′| on the grid
 * @param derivativeMax the largest f′ on the grid (closed form)
 * @param derivativeArgMax where it is reached (the first such grid point)
 * @param saturated the intervals within the grid's range where |f′| &lt; the threshold, each {from, to}
 */
public record ActivationProfile(ActivationFunction function, double[] x, double[] values, double[] derivatives,
        double maxValueError, double maxDerivativeError, double derivativeMax, double derivativeArgMax,
        List<double[]> saturated) {

    /**
     * Measures a function.
     *
     * @param manager where the engine computes
     * @param function the function
     * @param x the grid, increasing; points at kinks (x = 0) are better left out
     * @param threshold |f′| below it counts as saturated, e.g. 0.01
     * @return the profile
     */
    public static ActivationProfile of(NDManager manager, ActivationFunction function, double[] x, double threshold) {
        double[][] engine = Autograd.elementwise(manager, function::apply, x);
        double valueError = 0;
        double derivativeError = 0;
        double max = Double.NEGATIVE_INFINITY;
        double argMax = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            valueError = Math.max(valueError, Math.abs(engine[0][i] - function.value(x[i])));
            derivativeError = Math.max(derivativeError, Math.abs(engine[1][i] - function.derivative(x[i])));
            double slope = function.derivative(x[i]);
            if (slope > max) {
                max = slope;
                argMax = x[i];
            }
        }
        return new ActivationProfile(function, x, engine[0], engine[1], valueError, derivativeError, max, argMax,
                saturation(function, x, threshold));
    }

    /** The share of the grid's range [x₀, xₙ] that is saturated. */
    public double saturatedShare() {
        double width = x[x.length - 1] - x[0];
        return saturated.stream().mapToDouble(i -> i[1] - i[0]).sum() / width;
    }

    /**
     * The intervals where |f′| &lt; threshold: runs of grid points found by the closed form, each
     * end refined by bisection to 1e-9 (an end at the grid's edge stays there: the interval may go
     * on beyond it).
     */
    private static List<double[]> saturation(ActivationFunction f, double[] x, double threshold) {
        List<double[]> intervals = new ArrayList<>();
        int i = 0;
        while (i < x.length) {
            if (!saturated(f, x[i], threshold)) {
                i++;
                continue;
            }
            int start = i;
            while (i + 1 < x.length && saturated(f, x[i + 1], threshold)) {
                i++;
            }
            double from = start == 0 ? x[0] : boundary(f, x[start - 1], x[start], threshold);
            double to = i == x.length - 1 ? x[i] : boundary(f, x[i + 1], x[i], threshold);
            intervals.add(new double[] {from, to});
            i++;
        }
        return intervals;
    }

    private static boolean saturated(ActivationFunction f, double x, double threshold) {
        return Math.abs(f.derivative(x)) < threshold;
    }

    /** Bisection between a point that is not saturated and one that is. */
    private static double boundary(ActivationFunction f, double outside, double inside, double threshold) {
        while (Math.abs(inside - outside) > 1e-9) {
            double middle = (inside + outside) / 2;
            if (saturated(f, middle, threshold)) {
                inside = middle;
            } else {
                outside = middle;
            }
        }
        return (inside + outside) / 2;
    }
}

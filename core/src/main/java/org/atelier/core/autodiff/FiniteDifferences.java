package org.atelier.core.autodiff;

import java.util.function.ToDoubleFunction;

/**
 * Gradients by central differences, (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h: the check that needs
 * nothing but the function's values. The truncation error is O(h²) (f‴·h²/6) and the rounding
 * error O(ε·|f|/h), so h ≈ 1e-5 gives about 1e-10 in double precision for well-scaled functions.
 */
public final class FiniteDifferences {

    private FiniteDifferences() {}

    /**
     * The central-difference gradient.
     *
     * @param function the function of a point
     * @param point where to differentiate (not changed)
     * @param step h, &gt; 0
     * @return one partial derivative per coordinate
     */
    public static double[] gradient(ToDoubleFunction<double[]> function, double[] point, double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("the step must be positive, got " + step);
        }
        double[] gradient = new double[point.length];
        double[] shifted = point.clone();
        for (int i = 0; i < point.length; i++) {
            shifted[i] = point[i] + step;
            double up = function.applyAsDouble(shifted);
            shifted[i] = point[i] - step;
            double down = function.applyAsDouble(shifted);
            shifted[i] = point[i];
            gradient[i] = (up - down) / (2 * step);
        }
        return gradient;
    }
}

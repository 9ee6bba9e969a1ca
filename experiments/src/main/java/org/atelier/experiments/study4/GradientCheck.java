package org.atelier.experiments.study4;

import org.atelier.core.autodiff.Expression;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The gradient of the expression three ways: the project's reverse sweep, the engine's autograd in
 * float64 and central differences.
 *
 * @param expression the function
 * @param point where it was differentiated
 * @param value f at the point
 * @param reverseMode the reverse sweep's gradient
 * @param autograd DJL's {@code GradientCollector}, float64
 * @param finiteDifferences central differences
 * @param step the finite-difference step h
 */
record GradientCheck(Expression expression, double[] point, double value, double[] reverseMode, double[] autograd,
        double[] finiteDifferences, double step) {

    /** The largest |reverse mode − autograd| over the variables. */
    double maxErrorAutograd() {
        return maxDifference(reverseMode, autograd);
    }

    /** The largest |reverse mode − central differences| over the variables. */
    double maxErrorFiniteDifferences() {
        return maxDifference(reverseMode, finiteDifferences);
    }

    /** One row per variable: the three gradients and the two differences. */
    Table table() {
        StringColumn variable = StringColumn.create("partial");
        DoubleColumn at = DoubleColumn.create("at");
        DoubleColumn reverse = DoubleColumn.create("reverse_mode");
        DoubleColumn engine = DoubleColumn.create("gradient_collector");
        DoubleColumn numeric = DoubleColumn.create("central_differences");
        DoubleColumn engineError = DoubleColumn.create("abs_error_gradient_collector");
        DoubleColumn numericError = DoubleColumn.create("abs_error_central_differences");
        for (int i = 0; i < point.length; i++) {
            variable.append("∂f/∂x" + (i + 1));
            at.append(point[i]);
            reverse.append(reverseMode[i]);
            engine.append(autograd[i]);
            numeric.append(finiteDifferences[i]);
            engineError.append(Math.abs(reverseMode[i] - autograd[i]));
            numericError.append(Math.abs(reverseMode[i] - finiteDifferences[i]));
        }
        return Table.create("gradient check", variable, at, reverse, engine, numeric, engineError, numericError);
    }

    static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}

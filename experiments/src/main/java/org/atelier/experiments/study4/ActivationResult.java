package org.atelier.experiments.study4;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.atelier.core.models.ActivationFunction;
import org.atelier.core.models.ActivationProfile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One activation function measured: its profile on the grid (engine values and autograd
 * derivative, their errors, the derivative's maximum, the saturated intervals) and its output on
 * standard-normal inputs, sampled on the engine and integrated exactly.
 *
 * @param profile the grid measurements
 * @param sampledMean the mean of f(z) over the engine's N(0, 1) samples
 * @param sampledStandardError that mean's standard error
 * @param exactMean E[f(Z)] by quadrature
 * @param exactStd the standard deviation of f(Z) by quadrature
 */
record ActivationResult(ActivationProfile profile, double sampledMean, double sampledStandardError, double exactMean,
        double exactStd) {

    /** The function. */
    ActivationFunction function() {
        return profile.function();
    }

    /** The saturated intervals as text, e.g. {@code x < −4.5951, x > 4.5951}, or "nowhere". */
    String saturation() {
        double[] x = profile.x();
        List<double[]> intervals = profile.saturated();
        if (intervals.isEmpty()) {
            return "nowhere in range";
        }
        return intervals.stream().map(i -> {
            boolean left = i[0] == x[0];
            boolean right = i[1] == x[x.length - 1];
            if (left && right) {
                return "everywhere";
            }
            return left ? "x < " + number(i[1]) : right ? "x > " + number(i[0])
                    : number(i[0]) + " < x < " + number(i[1]);
        }).collect(Collectors.joining(", "));
    }

    /** One row per function: derivative maximum, saturation, outputs on N(0, 1), autograd's errors. */
    static Table table(List<ActivationResult> results) {
        StringColumn name = StringColumn.create("function");
        DoubleColumn max = DoubleColumn.create("derivative_max");
        DoubleColumn argMax = DoubleColumn.create("derivative_max_at");
        StringColumn saturated = StringColumn.create("saturates_where");
        DoubleColumn share = DoubleColumn.create("saturated_share");
        DoubleColumn mean = DoubleColumn.create("output_mean");
        DoubleColumn se = DoubleColumn.create("output_mean_se");
        DoubleColumn exact = DoubleColumn.create("output_mean_exact");
        DoubleColumn std = DoubleColumn.create("output_std_exact");
        DoubleColumn derivativeError = DoubleColumn.create("max_abs_derivative_error");
        DoubleColumn valueError = DoubleColumn.create("max_abs_value_error");
        for (ActivationResult r : results) {
            name.append(r.function().id());
            max.append(r.profile.derivativeMax());
            argMax.append(r.profile.derivativeArgMax());
            saturated.append(r.saturation());
            share.append(r.profile.saturatedShare());
            mean.append(r.sampledMean);
            se.append(r.sampledStandardError);
            exact.append(r.exactMean);
            std.append(r.exactStd);
            derivativeError.append(r.profile.maxDerivativeError());
            valueError.append(r.profile.maxValueError());
        }
        return Table.create("activation functions", name, max, argMax, saturated, share, mean, se, exact, std,
                derivativeError, valueError);
    }

    /** Three decimals, a true minus sign, and no "−0.000" for a boundary that bisection left a hair below 0. */
    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.matches("-?0\\.0+") ? "0" : text.replace('-', '−');
    }
}

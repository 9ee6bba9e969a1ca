package org.atelier.experiments.study4;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.atelier.core.models.ActivationFunction;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The words of {@code activation-functions}: each method turns one finding into its report
 * section, its answer and its metrics, from the same numbers.
 */
final class ActivationFunctionsReport {

    /** The report. */
    static final RunFile REPORT = new RunFile("report.md", "the activation functions compared with the run's numbers");

    /** Autograd and the closed form must agree to this in float64. */
    static final double TOLERANCE = 1e-6;

    /** An output mean this close to 0 counts as centred. */
    static final double CENTRED = 0.05;

    private final StudyReport report = new StudyReport("Activation functions and their derivatives");
    private final String engine;
    private final double[] grid;
    private final double threshold;
    private final int samples;

    ActivationFunctionsReport(String engine, double[] grid, double threshold, int samples, boolean smoke) {
        this.engine = engine;
        this.grid = grid;
        this.threshold = threshold;
        this.samples = samples;
        if (smoke) {
            report.preface("**Smoke run: a coarse grid and few samples; the sampled means are rough.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    void functions(List<ActivationResult> results, RunFile figure) {
        StringColumn name = StringColumn.create("function");
        StringColumn f = StringColumn.create("f(x)");
        StringColumn derivative = StringColumn.create("f′(x)");
        for (ActivationResult r : results) {
            name.append(r.function().id());
            f.append(r.function().formula());
            derivative.append(r.function().derivativeFormula());
        }
        report.section("The functions and their derivatives")
                .paragraph(String.format(Locale.ROOT, "Each function is DJL's implementation, computed by %s on %d "
                        + "points over [%s, %s] in float64 (midpoints of equal steps, so that no point sits on the "
                        + "kink at 0, where the ReLU family has no derivative); the derivative is the engine's "
                        + "autograd (one backward pass of Σ f(x)). Shaded: where |f′| < %s. Leaky ReLU's slope is "
                        + "0.01, ELU's α = 1, SELU's λ = %.4f and α = %.4f (Klambauer et al. 2017), GELU is the exact "
                        + "x·Φ(x), SiLU is swish with β = 1.", engine, grid.length, number(grid[0] - halfStep()),
                        number(grid[grid.length - 1] + halfStep()), threshold, ActivationFunction.SELU_LAMBDA,
                        ActivationFunction.SELU_ALPHA))
                .image("activation functions and derivatives", figure)
                .table(Table.create("formulas", name, f, derivative), 4);
    }

    void check(List<ActivationResult> results) {
        double derivativeError = results.stream().mapToDouble(r -> r.profile().maxDerivativeError()).max().orElse(0);
        double valueError = results.stream().mapToDouble(r -> r.profile().maxValueError()).max().orElse(0);
        List<ActivationResult> off = results.stream().filter(r -> r.profile().maxDerivativeError() > TOLERANCE
                || r.profile().maxValueError() > TOLERANCE).toList();
        String verdict = off.isEmpty()
                ? String.format(Locale.ROOT, "every function and derivative agrees with its closed form to %s", Study4.error(
                        Math.max(derivativeError, valueError)))
                : "**" + off.stream().map(r -> String.format(Locale.ROOT, "%s (f′ off by %s, f by %s)", r.function()
                        .id(), Study4.error(r.profile().maxDerivativeError()), Study4.error(r.profile().maxValueError())))
                        .collect(Collectors.joining(", ")) + " disagree" + (off.size() == 1 ? "s" : "")
                        + " with the closed form by more than " + Study4.error(TOLERANCE) + "**; the others agree";
        StudyReport.Section section = report.section("Autograd against the closed forms")
                .paragraph(String.format(Locale.ROOT, "On %s, %s. Leaky ReLU differs by about 2e-10 because DJL "
                        + "takes its slope as a float (0.01f = 0.0099999998).%s", engine, verdict, off.stream()
                        .anyMatch(r -> r.function() == ActivationFunction.SELU)
                        ? " MXNet 1.9.1's SELU gradient for x < 0 is λ·(f(x) + α) instead of f(x) + λα = λα·eˣ: a "
                                + "bug in the engine's backward pass (its forward values are close), so SELU networks "
                                + "train with wrong gradients on MXNet."
                        : "") + singlePrecision(results))
                .answer(String.format(Locale.ROOT, "**Autograd vs closed form (%s, float64):** largest derivative "
                        + "error %s, largest value error %s%s.", engine, Study4.error(derivativeError), Study4.error(valueError),
                        off.isEmpty() ? "" : "; off: " + off.stream().map(r -> r.function().id())
                                .collect(Collectors.joining(", "))))
                .metric("max_abs_derivative_error", derivativeError)
                .metric("max_abs_value_error", valueError);
        results.forEach(r -> section.metric("max_abs_derivative_error_" + key(r), r.profile().maxDerivativeError()));
    }

    void derivatives(List<ActivationResult> results, RunFile table) {
        ActivationResult sigmoid = find(results, ActivationFunction.SIGMOID);
        double sigmoidMax = sigmoid.profile().derivativeMax();
        List<ActivationResult> above = results.stream().filter(r -> r.profile().derivativeMax() > 1 + 1e-9).toList();
        StudyReport.Section section = report.section("How large can the derivative get?")
                .paragraph("Per function (`" + table.name() + "`): the derivative's maximum on the grid and where it "
                        + "is reached, where |f′| < " + threshold + ", the share of the range that is saturated, the "
                        + "mean of f(z) over the sampled z ~ N(0, 1) with its standard error, the exact mean and "
                        + "standard deviation of f(Z) by quadrature, and the autograd errors.")
                .table(ActivationResult.table(results), 4)
                .paragraph(String.format(Locale.ROOT, "Backpropagation multiplies one f′ per layer. The sigmoid's "
                        + "derivative is at most %.4f (at x = %s): through 10 sigmoid layers the activations alone "
                        + "scale the gradient by at most %.4f^10 = %.1e, even with every unit at its best point, "
                        + "which is the vanishing gradient. tanh reaches %.4f, but only at x = 0. The ReLU "
                        + "family passes the gradient unchanged (f′ = 1) for every positive input. %s%s",
                        sigmoidMax, number(sigmoid.profile().derivativeArgMax()), sigmoidMax,
                        Math.pow(sigmoidMax, 10), find(results, ActivationFunction.TANH).profile().derivativeMax(),
                        above.isEmpty() ? "" : above.stream().map(r -> String.format(Locale.ROOT, "%s (%.4f at x = %s)",
                                r.function().id(), r.profile().derivativeMax(), number(r.profile().derivativeArgMax())))
                                .collect(Collectors.joining(", ")) + " exceed 1 somewhere: they can amplify a "
                                + "gradient as well as pass it.", atEdge(results)))
                .answer(String.format(Locale.ROOT, "**Largest derivative:** sigmoid %.4f, tanh %.4f, ReLU %.4f; "
                        + "above 1: %s.", sigmoidMax, find(results, ActivationFunction.TANH).profile().derivativeMax(),
                        find(results, ActivationFunction.RELU).profile().derivativeMax(), above.isEmpty() ? "none"
                                : above.stream().map(r -> String.format(Locale.ROOT, "%s %.4f", r.function().id(),
                                        r.profile().derivativeMax())).collect(Collectors.joining(", "))));
        results.forEach(r -> section.metric("derivative_max_" + key(r), r.profile().derivativeMax()));
    }

    void saturation(List<ActivationResult> results) {
        List<String> lines = results.stream().map(r -> String.format(Locale.ROOT, "%s: %s (%.0f %% of the range)",
                r.function().id(), r.saturation(), 100 * r.profile().saturatedShare())).toList();
        List<String> never = results.stream().filter(r -> r.profile().saturated().isEmpty())
                .map(r -> r.function().id()).toList();
        StudyReport.Section section = report.section("Where do they saturate?")
                .paragraph(String.format(Locale.ROOT, "Where |f′| < %s, a unit passes back less than a hundredth of "
                        + "the gradient it receives; over [%s, %s]:", threshold, number(grid[0] - halfStep()),
                        number(grid[grid.length - 1] + halfStep())))
                .bullets(lines)
                .paragraph("Sigmoid and tanh saturate on both sides: large inputs of either sign stop learning. "
                        + "ReLU is flat on the whole negative half (a unit whose inputs are all negative is \"dead\" "
                        + "and never recovers); ELU, softplus, GELU and SiLU flatten out only for clearly negative "
                        + "inputs (GELU and SiLU also where their derivative crosses zero, at their minimum). "
                        + (never.isEmpty() ? "" : String.join(", ", never) + (never.size() == 1 ? " never falls" : " never fall")
                                + " below the threshold in this range"
                                + (never.contains(ActivationFunction.LEAKY_RELU.id()) ? " (leaky ReLU's slope 0.01 is "
                                        + "exactly at it)." : ".")))
                .answer("**Saturation (|f′| < " + threshold + "):** " + String.join("; ", lines) + ".");
        results.forEach(r -> section.metric("saturated_share_" + key(r), r.profile().saturatedShare()));
    }

    void outputs(List<ActivationResult> results) {
        List<ActivationResult> centred = results.stream().filter(r -> Math.abs(r.exactMean()) < CENTRED).toList();
        List<ActivationResult> shifted = results.stream().filter(r -> Math.abs(r.exactMean()) >= CENTRED)
                .sorted(Comparator.comparingDouble(r -> -Math.abs(r.exactMean()))).toList();
        double worstZ = results.stream().mapToDouble(r -> Math.abs(r.sampledMean() - r.exactMean())
                / r.sampledStandardError()).max().orElse(0);
        ActivationResult selu = find(results, ActivationFunction.SELU);
        StudyReport.Section section = report.section("What do they do to N(0, 1) inputs?")
                .paragraph(String.format(Locale.ROOT, "The mean of f(z) over %,d z drawn from N(0, 1) by the engine "
                        + "(seeded), and the exact E[f(Z)] by quadrature: the sampled means lie within %.1f standard "
                        + "errors of the exact ones. Centred outputs (|mean| < %s): %s. Shifted: %s. A layer whose "
                        + "outputs all have a positive mean feeds the next layer inputs of one sign, so the gradients "
                        + "of a unit's incoming weights share a sign too and zig-zag (LeCun et al. 1998); batch "
                        + "normalization or zero-centred activations avoid it. SELU keeps mean %.4f and standard "
                        + "deviation %.4f: it maps N(0, 1) to itself, which is what makes deep SELU networks "
                        + "self-normalizing.", samples, worstZ, CENTRED,
                        centred.isEmpty() ? "none" : centred.stream().map(r -> String.format(Locale.ROOT, "%s (%.4f)",
                                r.function().id(), r.exactMean())).collect(Collectors.joining(", ")),
                        shifted.stream().map(r -> String.format(Locale.ROOT, "%s (%.4f)", r.function().id(),
                                r.exactMean())).collect(Collectors.joining(", ")), selu.exactMean(), selu.exactStd()))
                .answer(String.format(Locale.ROOT, "**Output mean on N(0, 1):** %s; centred: %s.",
                        results.stream().map(r -> r.function().id() + " " + String.format(Locale.ROOT, "%.3f",
                                r.sampledMean()).replaceFirst("^-(0\\.0+)$", "$1")).collect(Collectors.joining(", ")),
                        centred.stream().map(r -> r.function().id()).collect(Collectors.joining(", "))));
        results.forEach(r -> section.metric("output_mean_" + key(r), r.sampledMean()));
    }

    /**
     * A sentence on functions that agree only to float32 precision (errors above 1e-8, within the
     * tolerance): the engine computes them with float32 constants or in float32 inside.
     */
    private static String singlePrecision(List<ActivationResult> results) {
        List<String> names = results.stream().filter(r -> Math.max(r.profile().maxDerivativeError(),
                r.profile().maxValueError()) > 1e-8 && r.profile().maxDerivativeError() <= TOLERANCE)
                .map(r -> String.format(Locale.ROOT, "%s (%s)", r.function().id(), Study4.error(Math.max(
                        r.profile().maxDerivativeError(), r.profile().maxValueError())))).toList();
        return names.isEmpty() ? "" : " " + String.join(", ", names) + (names.size() == 1 ? " agrees" : " agree")
                + " only to about float32 precision: the engine computes " + (names.size() == 1 ? "it" : "them")
                + " with float32 constants or in float32 inside, even for float64 arrays.";
    }

    /** A sentence on maxima reached at the edge of the grid, where the derivative may grow further. */
    private String atEdge(List<ActivationResult> results) {
        List<String> edge = results.stream().filter(r -> r.profile().derivativeArgMax() == grid[0]
                || r.profile().derivativeArgMax() == grid[grid.length - 1]).map(r -> r.function().id()).toList();
        return edge.isEmpty() ? "" : " " + String.join(", ", edge) + " reach" + (edge.size() == 1 ? "es" : "")
                + " the maximum at the edge of the range: the derivative still grows beyond it.";
    }

    private double halfStep() {
        return (grid[1] - grid[0]) / 2;
    }

    private static ActivationResult find(List<ActivationResult> results, ActivationFunction function) {
        return results.stream().filter(r -> r.function() == function).findFirst().orElseThrow();
    }

    /** The metric suffix: {@code leaky_relu}. */
    private static String key(ActivationResult r) {
        return r.function().id().replace('-', '_');
    }

    /** Rounded to 6 decimals: grid points such as −0.005 print as they are meant. */
    private static String number(double value) {
        return Study4.plain(Math.round(value * 1e6) / 1e6);
    }
}

package org.atelier.experiments.study4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.atelier.core.autodiff.Expression;
import org.atelier.core.autodiff.Graph;
import org.atelier.core.autodiff.Node;
import org.atelier.core.autodiff.Op;
import org.atelier.core.autodiff.ReverseSweep;
import org.atelier.core.autodiff.Trace;
import org.atelier.core.autodiff.TwoLayerParameters;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;

/**
 * The words of {@code autodiff}: each method turns one step into its report section, its answer
 * and its metrics, from the same numbers.
 */
final class AutodiffReport {

    /** The report. */
    static final RunFile REPORT = new RunFile("report.md", "reverse-mode autodiff step by step, with the run's numbers");

    /** The agreement the issue asks of every gradient in double precision. */
    static final double TOLERANCE = 1e-6;

    private final StudyReport report = new StudyReport("Reverse-mode automatic differentiation, step by step");
    private final String engine;

    AutodiffReport(String engine) {
        this.engine = engine;
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    void graph(Expression expression, double[] point, Trace trace, RunFile figure) {
        List<Node> steps = trace.steps();
        Node y = steps.get(steps.size() - 1);
        long operations = steps.stream().filter(n -> n.op() != Op.INPUT).count();
        report.section("The function and its computational graph")
                .paragraph(String.format(Locale.ROOT, "f = %s at %s. Evaluating it is a sequence of %d elementary "
                        + "operations, each a node of the computational graph whose arrows lead from a node's "
                        + "arguments to the node. Following the usual notation (Griewank and Walther; Baydin et al. "
                        + "2018), the %d inputs are %s … v₀ and the operations v₁ … %s in the order they are "
                        + "computed; y = %6$s is the output.", code(expression.text()), point(point), operations,
                        point.length, trace.name(steps.get(0)), trace.name(y)))
                .image("computational graph", figure)
                .paragraph("Blue: the inputs; orange: the output. Each box holds the node's definition, its value v "
                        + "from the forward pass and its adjoint v̄ = ∂y/∂v from the reverse sweep; each arrow "
                        + "carries the local partial derivative of its target with respect to its source.")
                .answer(String.format(Locale.ROOT, "**f%s = %.4f**, computed in %d elementary operations.",
                        point(point), y.value(), operations))
                .metric("function_value", y.value());
    }

    void forward(Trace trace, RunFile table) {
        report.section("Forward trace")
                .paragraph("The forward pass evaluates the nodes in topological order (every node after its "
                        + "arguments) and keeps every intermediate value: the reverse sweep needs them for the local "
                        + "partials. (`" + table.name() + "`)")
                .table(trace.forwardTable(), 4);
    }

    void reverse(Trace trace, ReverseSweep sweep, List<Node> inputs, RunFile table) {
        double[] gradient = sweep.gradient(inputs);
        StudyReport.Section section = report.section("Reverse sweep")
                .paragraph("The sweep seeds the output's adjoint with ȳ = 1 and visits the nodes in reverse "
                        + "topological order. A node's adjoint is complete once all of its consumers have been "
                        + "visited: it is the sum, over every node that uses it, of that node's adjoint times the "
                        + "local partial derivative (the chain rule). A node used more than once "
                        + "collects one term per use" + reused(trace) + ". (`" + table.name() + "`)")
                .table(trace.reverseTable(), 4);
        List<String> partials = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            partials.add(String.format(Locale.ROOT, "∂f/∂%s = %s = %.4f", inputs.get(i).name(), trace.name(inputs.get(i))
                    .replaceFirst("v", "v̄"), gradient[i]));
            section.metric("gradient_x" + (i + 1), gradient[i]);
        }
        section.paragraph("The inputs' adjoints are the gradient: " + String.join(", ", partials) + ".")
                .answer("**Gradient by the reverse sweep:** " + String.join(", ", partials) + ".");
    }

    void check(GradientCheck check, RunFile table) {
        double fdError = check.maxErrorFiniteDifferences();
        report.section("Checked against the engine's autograd and finite differences")
                .paragraph(String.format(Locale.ROOT, "The same expression on %s arrays of type float64, "
                        + "differentiated by DJL's `GradientCollector`, and by central differences (f(x + h·eᵢ) − "
                        + "f(x − h·eᵢ)) / 2h with h = %s. (`%s`)", engine, Study4.plain(check.step()), table.name()))
                .table(check.table(), 6)
                .paragraph(String.format(Locale.ROOT, "The engine agrees with the reverse sweep to %s: both apply the"
                        + " same chain rule in double precision, so they differ by rounding only. Central "
                        + "differences differ by %s, their truncation error (about f‴·h²/6) plus rounding (about "
                        + "ε·|f|/h): a check that needs nothing but f, good to a few digits fewer.",
                        Study4.error(check.maxErrorAutograd()), Study4.error(fdError)))
                .answer(String.format(Locale.ROOT, "**Check:** the reverse sweep agrees with %s's GradientCollector "
                        + "(float64) to %s and with central differences (h = %s) to %s.", engine,
                        Study4.error(check.maxErrorAutograd()), Study4.plain(check.step()), Study4.error(fdError)))
                .metric("max_abs_gradient_error_expression", check.maxErrorAutograd())
                .metric("max_abs_gradient_error_finite_differences", fdError);
    }

    void cost(Graph graph, ReverseSweep sweep) {
        List<Node> order = sweep.order();
        int n = (int) order.stream().filter(node -> node.op() == Op.INPUT).count();
        int edges = order.stream().mapToInt(node -> node.inputs().size()).sum();
        long operations = order.stream().filter(node -> node.op() != Op.INPUT && node.op() != Op.CONSTANT).count();
        report.section("What the gradient cost")
                .paragraph(String.format(Locale.ROOT, "The forward pass computed %d operations; the reverse sweep "
                        + "did one multiply-add per edge, %d in all, and produced all %d partial derivatives at "
                        + "once. Forward-mode differentiation needs one pass per input (%d), central differences "
                        + "two evaluations of f per input (%d): reverse mode's cost does not grow with the number of "
                        + "inputs, which is why training, with millions of parameters and one scalar loss, uses it.",
                        operations, edges, n, n, 2 * n));
    }

    void network(NetworkStep step, RunFile table) {
        TwoLayerParameters p = step.parameters();
        Map<String, Number> numbers = new LinkedHashMap<>();
        numbers.put("loss before the step", step.lossBefore());
        numbers.put("loss after the step", step.lossAfter());
        numbers.put("largest |hand − autograd| over all parameters", Arrays.stream(step.hand()
                .maxAbsDifference(step.autograd())).max().orElse(0));
        numbers.put("largest |scalar engine − autograd|", Arrays.stream(step.reverseMode()
                .maxAbsDifference(step.autograd())).max().orElse(0));
        numbers.put("largest difference of the parameters after the two steps", step.stepDifference());
        boolean lower = step.lossAfter() < step.lossBefore();
        report.section("One training step of a two-layer network")
                .paragraph(String.format(Locale.ROOT, "x → h = σ(x·W1 + b1) → p = softmax(h·W2 + b2), %d inputs, "
                        + "%d sigmoid hidden units, %d classes (%d parameters, weights N(0, 1/fan-in), biases 0), the "
                        + "mean cross-entropy L over a batch of %d examples with standard-normal features and random "
                        + "labels (seeded). Backpropagation derived by hand, with Y the one-hot labels and N the "
                        + "batch size:", p.inputs(), p.hidden(), p.classes(), p.count(), step.batch()))
                .bullets(List.of("∂L/∂Z2 = (P − Y) / N (softmax and cross-entropy together)",
                        "∂L/∂W2 = Hᵀ · ∂L/∂Z2, ∂L/∂b2 = the column sums of ∂L/∂Z2",
                        "∂L/∂H = ∂L/∂Z2 · W2ᵀ",
                        "∂L/∂Z1 = ∂L/∂H ⊙ H ⊙ (1 − H) (σ′ = σ(1 − σ))",
                        "∂L/∂W1 = Xᵀ · ∂L/∂Z1, ∂L/∂b1 = the column sums of ∂L/∂Z1"))
                .paragraph(String.format(Locale.ROOT, "Computed in plain Java loops, compared with %s's autograd "
                        + "(the same forward pass on float64 arrays: matrix products, DJL's sigmoid and log-softmax, "
                        + "inside a `GradientCollector`) and with the scalar engine of §1–§3 (every multiplication "
                        + "and addition a node). Then one gradient-descent step W ← W − %s·∂L/∂W. (`%s`)", engine,
                        Study4.plain(step.rate()), table.name()))
                .table(step.table(), 6)
                .keyNumbers(numbers)
                .paragraph(String.format(Locale.ROOT, "The three gradients agree to %s, so the step is the same "
                        + "whichever computed it (the parameters differ by %s afterwards). The loss went from %.4f to "
                        + "%.4f: %s.", Study4.error(step.maxError()), Study4.error(step.stepDifference()), step.lossBefore(),
                        step.lossAfter(), lower ? "the step went downhill, as a small enough step along −∇L must"
                                : "it rose: the learning rate is too large for this batch"))
                .answer(String.format(Locale.ROOT, "**Two-layer network:** hand-derived backpropagation and the "
                        + "scalar engine agree with %s's autograd to %s on all %d parameters; one step at rate %s "
                        + "takes the loss from %.4f to %.4f.", engine, Study4.error(step.maxError()), p.count(),
                        Study4.plain(step.rate()), step.lossBefore(), step.lossAfter()))
                .metric("max_abs_gradient_error_network", step.maxError())
                .metric("loss_before_step", step.lossBefore())
                .metric("loss_after_step", step.lossAfter());
    }

    void total(GradientCheck check, NetworkStep step) {
        double max = Math.max(check.maxErrorAutograd(), step.maxError());
        boolean within = max <= TOLERANCE;
        report.section("Agreement")
                .paragraph(String.format(Locale.ROOT, "The largest difference between a gradient computed here (the "
                        + "reverse sweep, hand-derived backpropagation) and %s's autograd, over the expression and "
                        + "the network: **%s**, %s the bar of %s.", engine, Study4.error(max),
                        within ? "well within" : "NOT within", Study4.error(TOLERANCE)))
                .answer(String.format(Locale.ROOT, "**max_abs_gradient_error** = %s (%s 1e-6).", Study4.error(max),
                        within ? "within" : "NOT within"))
                .metric("max_abs_gradient_error", max);
    }

    /** " (here: v₋₁ and v₀)": the nodes that are an argument more than once, or nothing. */
    private static String reused(Trace trace) {
        List<String> names = trace.steps().stream().filter(node -> trace.steps().stream()
                .mapToLong(user -> user.inputs().stream().filter(arg -> arg.id() == node.id()).count()).sum() > 1)
                .map(trace::name).toList();
        return names.isEmpty() ? "" : " (here: " + String.join(", ", names) + ")";
    }

    /** "(2, 5)". */
    static String point(double[] point) {
        return Arrays.stream(point).mapToObj(Study4::plain).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}

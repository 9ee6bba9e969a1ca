package org.atelier.experiments.study4;

import java.util.List;
import java.util.Random;
import org.atelier.core.autodiff.Autograd;
import org.atelier.core.autodiff.Expression;
import org.atelier.core.autodiff.FiniteDifferences;
import org.atelier.core.autodiff.Graph;
import org.atelier.core.autodiff.Node;
import org.atelier.core.autodiff.ReverseSweep;
import org.atelier.core.autodiff.Trace;
import org.atelier.core.autodiff.TwoLayerNetwork;
import org.atelier.core.autodiff.TwoLayerParameters;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;

/**
 * {@code autodiff}: reverse-mode automatic differentiation step by step. Builds the computational
 * graph of an expression (by default f(x₁, x₂) = ln x₁ + x₁·x₂ − sin x₂ at (2, 5)), writes its
 * forward trace and reverse sweep as tables and the graph as a figure, and checks the gradient
 * against DJL's {@code GradientCollector} in float64 and central differences; then takes one
 * gradient-descent step of a two-layer network whose gradient is derived by hand, computed by the
 * scalar engine and by autograd.
 */
public final class Autodiff implements Experiment {

    static final RunFile GRAPH = new RunFile("computational-graph.png",
            "the expression's computational graph: every node with its value and adjoint, every edge with its local"
                    + " partial");
    static final RunFile FORWARD_CSV = new RunFile("forward-trace.csv", "the forward trace: every node's definition and value");
    static final RunFile FORWARD_MD = new RunFile("forward-trace.md", "the same as a Markdown table");
    static final RunFile REVERSE_CSV = new RunFile("reverse-sweep.csv",
            "the reverse sweep: every adjoint as a formula, with the values put in, and its value");
    static final RunFile REVERSE_MD = new RunFile("reverse-sweep.md", "the same as a Markdown table");
    static final RunFile CHECK_CSV = new RunFile("gradient-check.csv",
            "the gradient by the reverse sweep, by GradientCollector (float64) and by central differences");
    static final RunFile CHECK_MD = new RunFile("gradient-check.md", "the same as a Markdown table");
    static final RunFile NETWORK_CSV = new RunFile("network-gradients.csv",
            "the two-layer network's gradient per parameter: norm, hand-derived and scalar-engine errors against autograd");
    static final RunFile NETWORK_MD = new RunFile("network-gradients.md", "the same as a Markdown table");

    @Override
    public String name() {
        return "autodiff";
    }

    @Override
    public String description() {
        return "Reverse-mode autodiff step by step (graph, forward trace, adjoints) checked against autograd and finite"
                + " differences; one hand-derived backprop step";
    }

    @Override
    public String study() {
        return Study4.STUDY;
    }

    @Override
    public String details() {
        return """
                How does reverse-mode automatic differentiation compute a gradient? Builds the computational graph
                of `expression` at `point` with the project's scalar reverse-mode engine: the forward pass gives
                every intermediate value v (the forward trace), the reverse sweep, in reverse topological order,
                every adjoint v̄ = ∂f/∂v as the sum over the node's consumers of their adjoint times the local
                partial. Writes both traces as tables and the graph as a figure, and checks the gradient against
                DJL's GradientCollector on the selected engine in float64 and against central differences. Then
                one gradient-descent step of a two-layer network (sigmoid hidden layer, softmax, cross-entropy) on
                a seeded random batch: its gradient by backpropagation derived by hand, by the scalar engine and
                by autograd, compared parameter by parameter.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofString("expression", "ln(x1) + x1*x2 - sin(x2)", "the function of x1 … xn: + - * / ^, ln,"
                        + " exp, sin, cos, tanh, sigmoid, sqrt"),
                Param.ofDoubles("point", List.of(2.0, 5.0), "where to differentiate, one value per variable"),
                Param.ofDouble("fd_step", 1e-5, "the step h of the central differences").between(1e-12, 1),
                Param.ofInt("inputs", 4, "the network's input features").between(1, 100),
                Param.ofInt("hidden", 5, "the network's hidden units").between(1, 100),
                Param.ofInt("classes", 3, "the network's classes").between(2, 100),
                Param.ofInt("batch", 8, "examples in the network's batch").smoke(4).between(1, 1000),
                Param.ofDouble("learning_rate", 0.5, "the step's learning rate").between(0, 100));
    }

    @Override
    public List<RunFile> outputs() {
        return List.of(AutodiffReport.REPORT, GRAPH, FORWARD_CSV, FORWARD_MD, REVERSE_CSV, REVERSE_MD, CHECK_CSV,
                CHECK_MD, NETWORK_CSV, NETWORK_MD);
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        Expression expression = Expression.parse(params.getString("expression"));
        double[] point = params.getDoubles("point").stream().mapToDouble(Double::doubleValue).toArray();
        AutodiffReport report = new AutodiffReport(context.backend().engineName());

        Graph graph = new Graph();
        Node output = expression.build(graph, point);
        List<Node> inputs = graph.nodes().subList(0, point.length);
        ReverseSweep sweep = graph.backward(output);
        Trace trace = Trace.of(sweep, inputs);
        dir.save(GRAPH, trace.figure("Computational graph of f = " + expression.text() + " at "
                + AutodiffReport.point(point)));
        dir.csv(FORWARD_CSV, trace.forwardTable());
        dir.markdown(FORWARD_MD, trace.forwardTable(), 4);
        dir.csv(REVERSE_CSV, trace.reverseTable());
        dir.markdown(REVERSE_MD, trace.reverseTable(), 4);
        report.graph(expression, point, trace, GRAPH);
        report.forward(trace, FORWARD_CSV);
        report.reverse(trace, sweep, inputs, REVERSE_CSV);

        double[] reverse = sweep.gradient(inputs);
        GradientCheck check = new GradientCheck(expression, point, output.value(), reverse,
                Autograd.gradient(context.manager(), expression, point),
                FiniteDifferences.gradient(expression::value, point, params.getDouble("fd_step")),
                params.getDouble("fd_step"));
        dir.csv(CHECK_CSV, check.table());
        dir.markdown(CHECK_MD, check.table(), 6);
        report.check(check, CHECK_CSV);
        report.cost(graph, sweep);

        NetworkStep step = networkStep(context);
        dir.csv(NETWORK_CSV, step.table());
        dir.markdown(NETWORK_MD, step.table(), 6);
        report.network(step, NETWORK_CSV);
        report.total(check, step);
        report.report().write(dir, AutodiffReport.REPORT, context::metric);
    }

    /** A seeded random batch (standard normal features, uniform labels) and one step with each gradient. */
    private static NetworkStep networkStep(ExperimentContext context) {
        Params params = context.params();
        Random random = new Random(context.seed());
        int batch = params.getInt("batch");
        int classes = params.getInt("classes");
        double[][] x = new double[batch][params.getInt("inputs")];
        int[] labels = new int[batch];
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < x[n].length; i++) {
                x[n][i] = random.nextGaussian();
            }
            labels[n] = random.nextInt(classes);
        }
        TwoLayerNetwork network = new TwoLayerNetwork(x, labels);
        TwoLayerParameters parameters = TwoLayerParameters.initialize(x[0].length, params.getInt("hidden"), classes,
                random);
        TwoLayerParameters hand = network.backpropagation(parameters);
        TwoLayerParameters autograd = network.autograd(context.manager(), parameters);
        double rate = params.getDouble("learning_rate");
        TwoLayerParameters stepped = parameters.step(hand, rate);
        double stepDifference = java.util.Arrays.stream(stepped.maxAbsDifference(parameters.step(autograd, rate)))
                .max().orElse(0);
        return new NetworkStep(batch, parameters, hand, network.reverseMode(parameters), autograd, rate,
                network.loss(parameters), network.loss(stepped), stepDifference);
    }
}

package org.atelier.core.autodiff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atelier.core.report.NumberText;
import org.atelier.core.report.chart.GraphFigure;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A reverse sweep written out the way textbooks do (Griewank and Walther's notation, as in Baydin
 * et al. 2018, table 3): the n inputs are {@code v₁₋ₙ … v₀}, the operations {@code v₁, v₂, …} in
 * topological order; the forward trace lists every intermediate value, the reverse trace every
 * adjoint v̄ = ∂y/∂v as the sum over the node's consumers of their adjoint times the local partial.
 * Constants are not nodes of the trace; they appear as numbers in the formulas.
 */
public final class Trace {

    private static final String BAR = "\u0304";
    private static final int DECIMALS = 4;

    private final ReverseSweep sweep;
    private final List<Node> steps = new ArrayList<>();
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, String> inputNames = new HashMap<>();

    private Trace(ReverseSweep sweep, List<Node> inputs) {
        this.sweep = sweep;
        int n = inputs.size();
        for (int i = 0; i < n; i++) {
            Node input = inputs.get(i);
            names.put(input.id(), "v" + Subscripts.of(i + 1 - n));
            inputNames.put(input.id(), input.name());
            steps.add(input);
        }
        int next = 1;
        for (Node node : sweep.order()) {
            if (node.op() == Op.CONSTANT) {
                names.put(node.id(), node.name());
            } else if (!names.containsKey(node.id())) {
                if (node.op() == Op.INPUT) {
                    throw new IllegalArgumentException("input " + node.name() + " is not among the trace's inputs");
                }
                names.put(node.id(), "v" + Subscripts.of(next++));
                steps.add(node);
            }
        }
    }

    /**
     * The trace of a sweep.
     *
     * @param sweep the reverse sweep
     * @param inputs the independent variables, in order (also those the output does not depend on)
     * @return the trace
     */
    public static Trace of(ReverseSweep sweep, List<Node> inputs) {
        return new Trace(sweep, inputs);
    }

    /** The inputs, then the operations in topological order (the output last). */
    public List<Node> steps() {
        return List.copyOf(steps);
    }

    /**
     * The trace's name of a node: {@code v₋₁}, {@code v₃}, or a constant's number.
     *
     * @param node a node of the sweep
     * @return its name
     */
    public String name(Node node) {
        return names.get(node.id());
    }

    /** The node's definition: its input's name ({@code x₁}) or its operation ({@code ln v₋₁}). */
    public String definition(Node node) {
        if (node.op() == Op.INPUT) {
            return inputNames.get(node.id());
        }
        return node.op().formula(argumentNames(node));
    }

    /**
     * The forward trace: one row per node with its definition and value.
     *
     * @return columns {@code node, definition, value}
     */
    public Table forwardTable() {
        StringColumn node = StringColumn.create("node");
        StringColumn definition = StringColumn.create("definition");
        DoubleColumn value = DoubleColumn.create("value");
        for (Node step : steps) {
            node.append(name(step));
            definition.append(definition(step));
            value.append(step.value());
        }
        return Table.create("forward trace", node, definition, value);
    }

    /**
     * The reverse trace, from the output back to the inputs: each adjoint as a formula, the same
     * formula with the numbers put in, and its value.
     *
     * @return columns {@code adjoint, formula, with_values, value}
     */
    public Table reverseTable() {
        StringColumn adjoint = StringColumn.create("adjoint");
        StringColumn formula = StringColumn.create("formula");
        StringColumn numbers = StringColumn.create("with_values");
        DoubleColumn value = DoubleColumn.create("value");
        for (int i = steps.size() - 1; i >= 0; i--) {
            Node step = steps.get(i);
            List<String> symbolic = new ArrayList<>();
            List<String> numeric = new ArrayList<>();
            for (Node consumer : steps) {
                for (int arg = 0; arg < consumer.inputs().size(); arg++) {
                    if (consumer.inputs().get(arg).id() == step.id()) {
                        symbolic.add(bar(consumer) + " · " + consumer.op().partialFormula(arg, argumentNames(consumer)));
                        numeric.add(number(sweep.adjoint(consumer)) + " · " + number(consumer.partial(arg)));
                    }
                }
            }
            boolean output = step.id() == sweep.output().id();
            adjoint.append(bar(step));
            formula.append(output ? "1 (the seed: ∂y/∂y)" : symbolic.isEmpty() ? "0 (y does not depend on it)"
                    : String.join(" + ", symbolic));
            numbers.append(output ? "1" : numeric.isEmpty() ? "0" : String.join(" + ", numeric));
            value.append(sweep.adjoint(step));
        }
        return Table.create("reverse trace", adjoint, formula, numbers, value);
    }

    /**
     * The computational graph as a figure: one box per node with its definition, value and
     * adjoint, one arrow per argument, labelled with the local partial derivative.
     *
     * @param title the figure's title
     * @return the figure
     */
    public GraphFigure figure(String title) {
        GraphFigure.Builder figure = GraphFigure.builder().title(title).caption("Each box: node = definition, its "
                + "value v and its adjoint v" + BAR + " = ∂y/∂v. Each arrow: the local partial ∂(target)/∂(source).");
        for (Node step : steps) {
            figure.node(name(step), List.of(name(step) + " = " + definition(step), "v = " + NumberText.formatDecimal(step.value(), DECIMALS),
                    "v" + BAR + " = " + NumberText.formatDecimal(sweep.adjoint(step), DECIMALS)));
        }
        for (Node step : steps) {
            for (int arg = 0; arg < step.inputs().size(); arg++) {
                Node source = step.inputs().get(arg);
                if (source.op() != Op.CONSTANT) {
                    String partial = step.op().partialFormula(arg, argumentNames(step));
                    String value = NumberText.formatDecimal(step.partial(arg), DECIMALS);
                    // A constant partial (1 for a sum, −1 for a difference) is shown once, not as "1 = 1.0000".
                    figure.edge(name(source), name(step), partial.matches("−?1") ? partial : partial + " = " + value);
                }
            }
        }
        return figure.build();
    }

    private String[] argumentNames(Node node) {
        return node.inputs().stream().map(this::name).toArray(String[]::new);
    }

    private String bar(Node node) {
        String name = name(node);
        return name.charAt(0) + BAR + name.substring(1);
    }

    private static String number(double value) {
        String text = NumberText.formatDecimal(value, DECIMALS);
        return value < 0 ? "(" + text.replace('-', '−') + ")" : text;
    }
}

package org.atelier.core.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A computational graph of scalar nodes, built by evaluating: every call computes its node's value
 * at once (the forward pass) and records how it was computed. {@link #backward} then runs the
 * reverse sweep of reverse-mode automatic differentiation from any node.
 *
 * <p>This is the textbook algorithm (Griewank and Walther; Baydin et al. 2018, "Automatic
 * differentiation in machine learning: a survey"), one scalar per node, for teaching and for
 * checking small computations; DJL's {@code GradientCollector} does the same on whole arrays inside
 * the engine and is what training uses.
 *
 * <pre>{@code
 * Graph graph = new Graph();
 * Node x1 = graph.input("x₁", 2);
 * Node x2 = graph.input("x₂", 5);
 * Node f = graph.apply(Op.SUBTRACT, graph.apply(Op.ADD, graph.apply(Op.LN, x1),
 *         graph.apply(Op.MULTIPLY, x1, x2)), graph.apply(Op.SIN, x2));
 * ReverseSweep sweep = graph.backward(f);
 * sweep.adjoint(x1); // 5.5 = 1/x₁ + x₂
 * }</pre>
 */
public final class Graph {

    private final List<Node> nodes = new ArrayList<>();

    /**
     * Adds an independent variable.
     *
     * @param name its name, e.g. {@code x₁}
     * @param value its value
     * @return the node
     */
    public Node input(String name, double value) {
        return record(new Node(nodes.size(), Op.INPUT, List.of(), value, name));
    }

    /**
     * Adds a number that is not differentiated.
     *
     * @param value the number
     * @return the node
     */
    public Node constant(double value) {
        String text = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
        return record(new Node(nodes.size(), Op.CONSTANT, List.of(), value, text));
    }

    /**
     * Adds an operation on earlier nodes of this graph and computes its value.
     *
     * @param op the operation
     * @param args its arguments, as many as the operation takes
     * @return the node
     * @throws IllegalArgumentException if the count is wrong or an argument belongs to another graph
     */
    public Node apply(Op op, Node... args) {
        if (op == Op.INPUT || op == Op.CONSTANT || args.length != op.arity()) {
            throw new IllegalArgumentException(op + " takes " + op.arity() + " argument(s), got " + args.length);
        }
        for (Node arg : args) {
            if (arg.id() >= nodes.size() || nodes.get(arg.id()) != arg) {
                throw new IllegalArgumentException("node " + arg.id() + " belongs to another graph");
            }
        }
        double value = op.value(args[0].value(), args.length > 1 ? args[1].value() : 0);
        return record(new Node(nodes.size(), op, List.of(args), value, ""));
    }

    /** Shorthand for {@code apply(Op.ADD, a, b)}. */
    public Node add(Node a, Node b) {
        return apply(Op.ADD, a, b);
    }

    /** Shorthand for {@code apply(Op.MULTIPLY, a, b)}. */
    public Node multiply(Node a, Node b) {
        return apply(Op.MULTIPLY, a, b);
    }

    /**
     * The sum of several nodes, as a chain of additions (a single node is returned as it is).
     *
     * @param terms one or more nodes
     * @return the sum
     */
    public Node sum(List<Node> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a sum needs at least one term");
        }
        Node total = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            total = add(total, terms.get(i));
        }
        return total;
    }

    /** Every node, in the order it was made. */
    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Reverse-mode differentiation of {@code output}: orders the nodes it depends on topologically
     * (every node after its arguments), seeds the output's adjoint with 1 and, from the output back
     * to the inputs, adds each node's adjoint times its local partials to its arguments' adjoints.
     * One sweep gives the derivative of the output with respect to every node.
     *
     * @param output the node to differentiate
     * @return the adjoints and the order they were computed in
     */
    public ReverseSweep backward(Node output) {
        if (output.id() >= nodes.size() || nodes.get(output.id()) != output) {
            throw new IllegalArgumentException("node " + output.id() + " belongs to another graph");
        }
        List<Node> order = topologicalOrder(output);
        double[] adjoints = new double[nodes.size()];
        adjoints[output.id()] = 1;
        for (int i = order.size() - 1; i >= 0; i--) {
            Node node = order.get(i);
            for (int arg = 0; arg < node.inputs().size(); arg++) {
                adjoints[node.inputs().get(arg).id()] += adjoints[node.id()] * node.partial(arg);
            }
        }
        return new ReverseSweep(output, order, adjoints);
    }

    /** The nodes {@code output} depends on, itself last, each after its arguments (depth-first post-order). */
    private static List<Node> topologicalOrder(Node output) {
        List<Node> order = new ArrayList<>();
        boolean[] seen = new boolean[output.id() + 1];
        // An explicit stack: a long chain (a sum of many terms) would overflow the call stack.
        List<Node> stack = new ArrayList<>(List.of(output));
        List<Integer> nextArg = new ArrayList<>(List.of(0));
        seen[output.id()] = true;
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Node node = stack.get(top);
            int arg = nextArg.get(top);
            if (arg < node.inputs().size()) {
                nextArg.set(top, arg + 1);
                Node child = node.inputs().get(arg);
                if (!seen[child.id()]) {
                    seen[child.id()] = true;
                    stack.add(child);
                    nextArg.add(0);
                }
            } else {
                order.add(node);
                stack.remove(top);
                nextArg.remove(top);
            }
        }
        return order;
    }

    private Node record(Node node) {
        nodes.add(node);
        return node;
    }
}

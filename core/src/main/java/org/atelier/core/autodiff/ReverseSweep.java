package org.atelier.core.autodiff;

import java.util.List;

/**
 * The result of {@link Graph#backward}: the adjoint (∂output/∂node) of every node the output
 * depends on, and the topological order of those nodes (the output last; the sweep ran it
 * backwards).
 */
public final class ReverseSweep {

    private final Node output;
    private final List<Node> order;
    private final double[] adjoints;

    ReverseSweep(Node output, List<Node> order, double[] adjoints) {
        this.output = output;
        this.order = List.copyOf(order);
        this.adjoints = adjoints.clone();
    }

    /** The differentiated node. */
    public Node output() {
        return output;
    }

    /** The nodes the output depends on, each after its arguments, the output last. */
    public List<Node> order() {
        return order;
    }

    /**
     * ∂output/∂node; 0 for a node the output does not depend on.
     *
     * @param node a node of the same graph
     * @return its adjoint
     */
    public double adjoint(Node node) {
        return node.id() < adjoints.length ? adjoints[node.id()] : 0;
    }

    /**
     * The gradient with respect to the given nodes (usually the inputs).
     *
     * @param nodes nodes of the same graph
     * @return their adjoints, in the same order
     */
    public double[] gradient(List<Node> nodes) {
        return nodes.stream().mapToDouble(this::adjoint).toArray();
    }
}

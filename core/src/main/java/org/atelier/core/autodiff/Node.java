package org.atelier.core.autodiff;

import java.util.List;

/**
 * One scalar node of a {@link Graph}: an input, a constant or an operation on earlier nodes, with
 * the value the forward pass gave it. Nodes are made by their graph, which numbers them in the
 * order they were made.
 *
 * @param id the node's position in its graph, from 0
 * @param op what the node computes
 * @param inputs its arguments, {@link Op#arity()} of them, all made earlier
 * @param value its value
 * @param name the input's name for {@link Op#INPUT}, the number's text for {@link Op#CONSTANT}, empty otherwise
 */
public record Node(int id, Op op, List<Node> inputs, double value, String name) {

    /** Copies the inputs. */
    public Node {
        inputs = List.copyOf(inputs);
    }

    /** The value of the first argument, or 0 without one. */
    double a() {
        return inputs.isEmpty() ? 0 : inputs.get(0).value();
    }

    /** The value of the second argument, or 0 without one. */
    double b() {
        return inputs.size() < 2 ? 0 : inputs.get(1).value();
    }

    /**
     * ∂(this node)/∂(its argument), at the values of the forward pass.
     *
     * @param argument 0 or 1
     * @return the local partial derivative
     */
    public double partial(int argument) {
        return op.partial(argument, a(), b(), value);
    }
}

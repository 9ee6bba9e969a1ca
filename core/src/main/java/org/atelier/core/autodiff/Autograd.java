package org.atelier.core.autodiff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Gradients from the engine's own automatic differentiation (DJL's {@link GradientCollector}) in
 * double precision, the reference the project's reverse-mode engine and hand-derived gradients are
 * checked against.
 */
public final class Autograd {

    private Autograd() {}

    /**
     * The gradient of an expression at a point, computed by the engine in float64.
     *
     * @param manager where the arrays live (its engine differentiates)
     * @param expression the function
     * @param point where to differentiate, one value per variable
     * @return one partial derivative per variable
     */
    public static double[] gradient(NDManager manager, Expression expression, double[] point) {
        try (NDManager scope = manager.newSubManager()) {
            List<NDArray> inputs = new ArrayList<>();
            for (double value : point) {
                NDArray input = scope.create(new double[] {value});
                input.setRequiresGradient(true);
                inputs.add(input);
            }
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                NDArray output = expression.apply(inputs);
                checkDouble(output);
                collector.backward(output.sum());
            }
            return inputs.stream().mapToDouble(input -> input.getGradient().toDoubleArray()[0]).toArray();
        }
    }

    /**
     * The element-wise derivative f′(x) of an element-wise function at every x, from one backward
     * pass of Σ f(x) (each output depends on its own input only), in float64.
     *
     * @param manager where the arrays live
     * @param function the element-wise function, e.g. an activation
     * @param x the points
     * @return f(x) and f′(x), each as long as x
     */
    public static double[][] elementwise(NDManager manager, UnaryOperator<NDArray> function, double[] x) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(x);
            input.setRequiresGradient(true);
            double[] values;
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                NDArray output = function.apply(input);
                checkDouble(output);
                values = output.toDoubleArray();
                collector.backward(output.sum());
            }
            return new double[][] {values, input.getGradient().toDoubleArray()};
        }
    }

    private static void checkDouble(NDArray output) {
        if (output.getDataType() != DataType.FLOAT64) {
            throw new IllegalStateException("the engine computed in " + output.getDataType() + ", not float64");
        }
    }
}

package org.atelier.core.autodiff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * A two-layer network, x → σ(x·W1 + b1) → softmax(h·W2 + b2), with the mean cross-entropy loss
 * over a batch, and its gradient three ways: backpropagation derived by hand, the project's scalar
 * reverse-mode engine ({@link Graph}) and the engine's autograd (DJL's {@code GradientCollector},
 * float64). All three must agree to rounding.
 *
 * @param x the batch, one row of features per example
 * @param labels each example's class, 0 … classes − 1
 */
public record TwoLayerNetwork(double[][] x, int[] labels) {

    /** Checks that there is one label per row. */
    public TwoLayerNetwork {
        if (x.length == 0 || x.length != labels.length) {
            throw new IllegalArgumentException("need one label per example, got " + x.length + " rows and "
                    + labels.length + " labels");
        }
    }

    /**
     * The mean cross-entropy loss of the batch.
     *
     * @param p the parameters
     * @return −(1/N) Σₙ ln softmax(zₙ)[yₙ]
     */
    public double loss(TwoLayerParameters p) {
        Forward forward = forward(p);
        double total = 0;
        for (int n = 0; n < x.length; n++) {
            total -= Math.log(forward.probabilities[n][labels[n]]);
        }
        return total / x.length;
    }

    /**
     * The gradient by backpropagation derived by hand. With Z1 = X·W1 + b1, H = σ(Z1), Z2 =
     * H·W2 + b2, P = softmax(Z2) row by row and Y the one-hot labels:
     * <pre>
     * ∂L/∂Z2 = (P − Y) / N          (softmax and cross-entropy together)
     * ∂L/∂W2 = Hᵀ · ∂L/∂Z2,  ∂L/∂b2 = column sums of ∂L/∂Z2
     * ∂L/∂H  = ∂L/∂Z2 · W2ᵀ
     * ∂L/∂Z1 = ∂L/∂H ⊙ H ⊙ (1 − H)   (σ′ = σ(1 − σ))
     * ∂L/∂W1 = Xᵀ · ∂L/∂Z1,  ∂L/∂b1 = column sums of ∂L/∂Z1
     * </pre>
     *
     * @param p the parameters
     * @return the gradient of {@link #loss}
     */
    public TwoLayerParameters backpropagation(TwoLayerParameters p) {
        Forward forward = forward(p);
        int batch = x.length;
        double[][] dz2 = new double[batch][p.classes()];
        for (int n = 0; n < batch; n++) {
            for (int k = 0; k < p.classes(); k++) {
                dz2[n][k] = (forward.probabilities[n][k] - (labels[n] == k ? 1 : 0)) / batch;
            }
        }
        double[][] dz1 = new double[batch][p.hidden()];
        for (int n = 0; n < batch; n++) {
            for (int j = 0; j < p.hidden(); j++) {
                double dh = 0;
                for (int k = 0; k < p.classes(); k++) {
                    dh += dz2[n][k] * p.w2()[j][k];
                }
                double h = forward.hidden[n][j];
                dz1[n][j] = dh * h * (1 - h);
            }
        }
        return new TwoLayerParameters(transposeTimes(x, dz1), columnSums(dz1), transposeTimes(forward.hidden, dz2),
                columnSums(dz2));
    }

    /**
     * The gradient by the project's scalar reverse-mode engine: every multiplication and addition
     * of the forward pass is a node of a {@link Graph}, and one reverse sweep gives the adjoint of
     * every parameter.
     *
     * @param p the parameters
     * @return the gradient of {@link #loss}
     */
    public TwoLayerParameters reverseMode(TwoLayerParameters p) {
        Graph graph = new Graph();
        Node[][] w1 = inputs(graph, "W1", p.w1());
        Node[] b1 = inputs(graph, "b1", new double[][] {p.b1()})[0];
        Node[][] w2 = inputs(graph, "W2", p.w2());
        Node[] b2 = inputs(graph, "b2", new double[][] {p.b2()})[0];
        List<Node> losses = new ArrayList<>();
        for (int n = 0; n < x.length; n++) {
            Node[] row = new Node[x[n].length];
            for (int i = 0; i < row.length; i++) {
                row[i] = graph.constant(x[n][i]);
            }
            Node[] hidden = new Node[p.hidden()];
            for (int j = 0; j < hidden.length; j++) {
                hidden[j] = graph.apply(Op.SIGMOID, affine(graph, row, w1, b1, j));
            }
            List<Node> exps = new ArrayList<>();
            Node target = null;
            for (int k = 0; k < p.classes(); k++) {
                Node logit = affine(graph, hidden, w2, b2, k);
                exps.add(graph.apply(Op.EXP, logit));
                target = k == labels[n] ? logit : target;
            }
            losses.add(graph.apply(Op.SUBTRACT, graph.apply(Op.LN, graph.sum(exps)), target));
        }
        Node loss = graph.multiply(graph.sum(losses), graph.constant(1.0 / x.length));
        ReverseSweep sweep = graph.backward(loss);
        return new TwoLayerParameters(adjoints(sweep, w1), adjoints(sweep, new Node[][] {b1})[0], adjoints(sweep, w2),
                adjoints(sweep, new Node[][] {b2})[0]);
    }

    /**
     * The gradient by the engine's autograd: the same forward pass on float64 arrays (matrix
     * products, DJL's sigmoid and log-softmax) inside a {@code GradientCollector}.
     *
     * @param manager where the arrays live (its engine differentiates)
     * @param p the parameters
     * @return the gradient of {@link #loss}
     */
    public TwoLayerParameters autograd(NDManager manager, TwoLayerParameters p) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray w1 = parameter(scope, p.w1());
            NDArray b1 = parameter(scope, new double[][] {p.b1()});
            NDArray w2 = parameter(scope, p.w2());
            NDArray b2 = parameter(scope, new double[][] {p.b2()});
            NDArray features = scope.create(x);
            double[][] oneHot = new double[x.length][p.classes()];
            for (int n = 0; n < x.length; n++) {
                oneHot[n][labels[n]] = 1;
            }
            NDArray targets = scope.create(oneHot);
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                NDArray hidden = Activation.sigmoid(features.matMul(w1).add(b1));
                NDArray logProbabilities = hidden.matMul(w2).add(b2).logSoftmax(1);
                NDArray loss = logProbabilities.mul(targets).sum().neg().div(x.length);
                collector.backward(loss);
            }
            return new TwoLayerParameters(matrix(w1.getGradient()), matrix(b1.getGradient())[0],
                    matrix(w2.getGradient()), matrix(b2.getGradient())[0]);
        }
    }

    /** The forward pass in plain doubles, keeping what backpropagation reuses. */
    private Forward forward(TwoLayerParameters p) {
        double[][] hidden = new double[x.length][p.hidden()];
        double[][] probabilities = new double[x.length][p.classes()];
        for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < p.hidden(); j++) {
                double z = p.b1()[j];
                for (int i = 0; i < p.inputs(); i++) {
                    z += x[n][i] * p.w1()[i][j];
                }
                hidden[n][j] = 1 / (1 + Math.exp(-z));
            }
            double max = Double.NEGATIVE_INFINITY;
            double[] logits = new double[p.classes()];
            for (int k = 0; k < p.classes(); k++) {
                logits[k] = p.b2()[k];
                for (int j = 0; j < p.hidden(); j++) {
                    logits[k] += hidden[n][j] * p.w2()[j][k];
                }
                max = Math.max(max, logits[k]);
            }
            double sum = 0;
            for (int k = 0; k < p.classes(); k++) {
                probabilities[n][k] = Math.exp(logits[k] - max);
                sum += probabilities[n][k];
            }
            for (int k = 0; k < p.classes(); k++) {
                probabilities[n][k] /= sum;
            }
        }
        return new Forward(hidden, probabilities);
    }

    private record Forward(double[][] hidden, double[][] probabilities) {}

    /** b[j] + Σᵢ in[i]·W[i][j] as nodes. */
    private static Node affine(Graph graph, Node[] in, Node[][] w, Node[] b, int j) {
        List<Node> terms = new ArrayList<>(List.of(b[j]));
        for (int i = 0; i < in.length; i++) {
            terms.add(graph.multiply(in[i], w[i][j]));
        }
        return graph.sum(terms);
    }

    private static Node[][] inputs(Graph graph, String name, double[][] values) {
        Node[][] nodes = new Node[values.length][];
        for (int i = 0; i < values.length; i++) {
            nodes[i] = new Node[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                nodes[i][j] = graph.input(name + "[" + i + "," + j + "]", values[i][j]);
            }
        }
        return nodes;
    }

    private static double[][] adjoints(ReverseSweep sweep, Node[][] nodes) {
        double[][] values = new double[nodes.length][];
        for (int i = 0; i < nodes.length; i++) {
            values[i] = new double[nodes[i].length];
            for (int j = 0; j < nodes[i].length; j++) {
                values[i][j] = sweep.adjoint(nodes[i][j]);
            }
        }
        return values;
    }

    private static NDArray parameter(NDManager manager, double[][] values) {
        NDArray array = manager.create(values);
        array.setRequiresGradient(true);
        return array;
    }

    private static double[][] matrix(NDArray array) {
        Shape shape = array.getShape();
        int rows = (int) shape.get(0);
        int columns = (int) shape.get(1);
        double[] flat = array.toDoubleArray();
        double[][] out = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * columns, out[i], 0, columns);
        }
        return out;
    }

    private static double[][] transposeTimes(double[][] a, double[][] b) {
        double[][] out = new double[a[0].length][b[0].length];
        for (int n = 0; n < a.length; n++) {
            for (int i = 0; i < a[0].length; i++) {
                for (int j = 0; j < b[0].length; j++) {
                    out[i][j] += a[n][i] * b[n][j];
                }
            }
        }
        return out;
    }

    private static double[] columnSums(double[][] a) {
        double[] out = new double[a[0].length];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                out[j] += row[j];
            }
        }
        return out;
    }
}

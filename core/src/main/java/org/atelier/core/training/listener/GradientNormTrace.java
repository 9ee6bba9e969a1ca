package org.atelier.core.training.listener;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The per-layer gradient norms that {@link GradientNorms} sampled during one training, as a value
 * that travels with a trial's result: the layers (weight parameters, from the input on), and for
 * every sampled update its epoch, its step and the L2 norm of each layer's weight gradient.
 *
 * <p>Step 0 is the first update's gradient, computed with the initial parameters: {@link
 * #atInitialization()}. Norms are of one mini-batch's gradient, so they are noisy from sample to
 * sample; {@link #epochMeans()} averages them per epoch on a log scale.
 *
 * @param layers the weight parameters' names, in order from the input (DJL's parameter paths, e.g.
 *     {@code 02SequentialBlock_01Linear_weight})
 * @param shapes each layer's weight shape, e.g. {@code 64×784} (outputs × inputs)
 * @param epochs the epoch (1-based) of each sample
 * @param steps the update (0-based, counted over the whole training) of each sample
 * @param norms one row per sample, one column per layer
 */
public record GradientNormTrace(List<String> layers, List<String> shapes, int[] epochs, long[] steps, double[][] norms)
        implements Serializable {

    /** Checks that the parts agree. */
    public GradientNormTrace {
        layers = List.copyOf(layers);
        shapes = List.copyOf(shapes);
        Objects.requireNonNull(epochs, "epochs");
        if (shapes.size() != layers.size() || steps.length != epochs.length || norms.length != epochs.length) {
            throw new IllegalArgumentException("a gradient-norm trace needs one shape per layer and one epoch, step and"
                    + " row per sample; got " + layers.size() + " layers, " + shapes.size() + " shapes, " + epochs.length
                    + " epochs, " + steps.length + " steps, " + norms.length + " rows");
        }
        for (double[] row : norms) {
            if (row.length != layers.size()) {
                throw new IllegalArgumentException("every sample needs one norm per layer (" + layers.size() + "), got "
                        + row.length);
            }
        }
    }

    /** The number of layers. */
    public int layerCount() {
        return layers.size();
    }

    /** The number of sampled updates. */
    public int sampleCount() {
        return steps.length;
    }

    /**
     * The norms at initialization: the gradient of the first update, before any parameter changed.
     *
     * @return one norm per layer, from the input on
     * @throws IllegalStateException if the first update was not sampled
     */
    public double[] atInitialization() {
        if (steps.length == 0 || steps[0] != 0) {
            throw new IllegalStateException("the trace holds no sample of the first update (step 0)");
        }
        return norms[0].clone();
    }

    /**
     * One layer's norm over the sampled updates.
     *
     * @param layer the layer's index, 0 for the first (input) layer
     * @return one norm per sample
     */
    public double[] layer(int layer) {
        Objects.checkIndex(layer, layers.size());
        return Arrays.stream(norms).mapToDouble(row -> row[layer]).toArray();
    }

    /**
     * The geometric mean of each layer's sampled norms per epoch (the mean on the log scale the
     * norms are plotted on; a zero norm makes its epoch's mean 0).
     *
     * @return one row per epoch that has samples, in order, one column per layer; {@link #sampledEpochs()} names them
     */
    public double[][] epochMeans() {
        int[] epochList = sampledEpochs();
        double[][] means = new double[epochList.length][layers.size()];
        for (int e = 0; e < epochList.length; e++) {
            int count = 0;
            for (int s = 0; s < epochs.length; s++) {
                if (epochs[s] == epochList[e]) {
                    count++;
                    for (int l = 0; l < layers.size(); l++) {
                        means[e][l] += Math.log(norms[s][l]);
                    }
                }
            }
            for (int l = 0; l < layers.size(); l++) {
                means[e][l] = Math.exp(means[e][l] / count);
            }
        }
        return means;
    }

    /** The epochs that have at least one sample, in order. */
    public int[] sampledEpochs() {
        return Arrays.stream(epochs).distinct().sorted().toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GradientNormTrace that && layers.equals(that.layers) && shapes.equals(that.shapes)
                && Arrays.equals(epochs, that.epochs) && Arrays.equals(steps, that.steps)
                && Arrays.deepEquals(norms, that.norms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layers, shapes, Arrays.hashCode(epochs), Arrays.hashCode(steps), Arrays.deepHashCode(norms));
    }

    @Override
    public String toString() {
        return "GradientNormTrace[" + layers.size() + " layers, " + steps.length + " samples]";
    }
}

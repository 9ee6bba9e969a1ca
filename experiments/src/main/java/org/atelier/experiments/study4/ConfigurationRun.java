package org.atelier.experiments.study4;

import java.util.Arrays;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.atelier.core.training.listener.GradientNormTrace;
import org.atelier.core.trial.TrialResult;

/**
 * What one configuration of the vanishing-gradient study did: its history and its per-layer
 * gradient norms, and the numbers the report draws from them.
 *
 * @param configuration the network
 * @param history its epochs (epoch 0, before training, first)
 * @param gradients its sampled per-layer weight-gradient norms
 */
record ConfigurationRun(DepthConfiguration configuration, History history, GradientNormTrace gradients) {

    /** A configuration counts as stalled when its validation accuracy stays below twice chance (10 classes: 20 %). */
    static final double STALL_ACCURACY = 0.2;

    /** The run of a finished trial. */
    static ConfigurationRun of(DepthConfiguration configuration, TrialResult result) {
        return new ConfigurationRun(configuration, result.history(), result.requireGradientNorms());
    }

    /** The name, e.g. {@code sigmoid_20}. */
    String name() {
        return configuration.name();
    }

    /** The first (input) layer's weight-gradient norm at initialization. */
    double firstLayerAtInit() {
        return gradients.atInitialization()[0];
    }

    /** The last (output) layer's weight-gradient norm at initialization. */
    double lastLayerAtInit() {
        return gradients.atInitialization()[gradients.layerCount() - 1];
    }

    /** log10(last layer's norm / first layer's norm) at initialization: how many orders of magnitude the gradient loses on its way back. */
    double ordersOfMagnitudeAtInit() {
        return Math.log10(lastLayerAtInit() / firstLayerAtInit());
    }

    /** The smallest and the largest layer's norm at initialization. */
    double[] rangeAtInit() {
        double[] norms = gradients.atInitialization();
        return new double[] {Arrays.stream(norms).min().orElseThrow(), Arrays.stream(norms).max().orElseThrow()};
    }

    /**
     * The orders of magnitude by which the first layer's norm exceeds the last one's from their
     * sizes alone: an L2 norm grows with the square root of the number of weights, so equal
     * per-weight gradients in a 64×784 and a 10×64 matrix differ by √(784/10), 0.95 orders.
     */
    double sizeOrders() {
        return 0.5 * Math.log10(entries(gradients.shapes().get(0))
                / entries(gradients.shapes().get(gradients.layerCount() - 1)));
    }

    private static double entries(String shape) {
        return Arrays.stream(shape.split("×")).mapToDouble(Double::parseDouble).reduce(1, (a, b) -> a * b);
    }

    /** The same after training: from the last epoch's (geometric) mean norms. */
    double ordersOfMagnitudeAtEnd() {
        double[][] means = gradients.epochMeans();
        double[] last = means[means.length - 1];
        return Math.log10(last[last.length - 1] / last[0]);
    }

    /** The first layer's mean norm in the last epoch. */
    double firstLayerAtEnd() {
        double[][] means = gradients.epochMeans();
        return means[means.length - 1][0];
    }

    /** The last epoch. */
    EpochRecord last() {
        return history.last();
    }

    /** The validation accuracy after the last epoch. */
    double valAccuracy() {
        return last().valAccuracy();
    }

    /** Whether the network stalled: validation accuracy below {@link #STALL_ACCURACY} after the last epoch. */
    boolean stalled() {
        return !(valAccuracy() >= STALL_ACCURACY);
    }

    /** Whether training diverged: the last epoch's training loss is not a finite number. */
    boolean diverged() {
        return !Double.isFinite(last().trainLoss());
    }

    /** Mean seconds per training epoch (epoch 0, an evaluation only, left out). */
    double secondsPerEpoch() {
        return history.epochs().stream().filter(e -> e.epoch() > 0).mapToDouble(EpochRecord::seconds).average()
                .orElse(Double.NaN);
    }
}

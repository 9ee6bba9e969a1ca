package org.atelier.core.study;

import java.util.List;

/**
 * One way of running gradient descent in the protocol: its batch size, the learning rates its
 * sweep tries for how many epochs, and the epoch criterion (early stopping on validation loss:
 * stop after {@code patience} epochs without an improvement larger than {@code minDelta}, at most
 * {@code maxEpochs}; the parameters of the best epoch are kept).
 *
 * @param files the files the protocol writes for it
 * @param label how the report names it, e.g. "full-batch GD"
 * @param batchSize samples per update; at least the training-set size means full batch
 * @param rates the learning rates of the sweep
 * @param sweepEpochs the sweep's budget of epochs per rate
 * @param maxEpochs the most epochs a seed trains
 * @param patience epochs without improvement before stopping
 * @param minDelta the smallest validation-loss decrease that counts as improvement
 */
public record GradientDescent(VariantFiles files, String label, int batchSize, List<Double> rates, int sweepEpochs,
        int maxEpochs, int patience, double minDelta) {

    /** Copies the rates. */
    public GradientDescent {
        rates = List.copyOf(rates);
    }

    /**
     * Updates per epoch on a training set.
     *
     * @param trainSize the number of training samples
     * @return ⌈trainSize / batchSize⌉
     */
    public int batchesPerEpoch(int trainSize) {
        int batch = Math.min(batchSize, trainSize);
        return (trainSize + batch - 1) / batch;
    }

    /** A description of the epoch criterion for the report. */
    public String criterion() {
        return "early stopping on the validation loss: training stops after " + patience
                + " epochs in a row without a decrease larger than " + minDelta + " below the best so far (at most "
                + maxEpochs + " epochs); the parameters of the epoch with the lowest validation loss are kept";
    }
}

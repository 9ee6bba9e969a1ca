package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Sums loss and correct predictions of one pass on the device, so that a pass costs one host
 * sync at its end instead of two per batch (what DJL's evaluator listeners do).
 */
final class EpochAccumulator implements BatchProgress, AutoCloseable {

    private final NDManager manager;
    private final NDArray lossSum;
    private final NDArray correct;
    private final int epoch;
    private final int batches;
    private final long start = System.nanoTime();
    private int batch;
    private long samples;

    EpochAccumulator(NDManager parent, int epoch, int batches) {
        this.manager = parent.newSubManager();
        this.lossSum = manager.zeros(new Shape(), DataType.FLOAT32);
        this.correct = manager.zeros(new Shape(), DataType.FLOAT32);
        this.epoch = epoch;
        this.batches = batches;
    }

    /**
     * Adds one batch.
     *
     * @param loss the batch's mean loss (a scalar)
     * @param lossWeight what the mean is multiplied by before summing: 1 for a mean over batches,
     *     the batch size for a mean over samples
     * @param predictions the batch's class scores {@code (B, classes)}
     * @param labels the batch's class indices {@code (B)}
     */
    void add(NDArray loss, float lossWeight, NDList predictions, NDList labels) {
        NDArray value = loss.stopGradient();
        lossSum.addi(lossWeight == 1f ? value : value.mul(lossWeight));
        NDArray predicted = predictions.head().argMax(1).toType(DataType.FLOAT32, false);
        correct.addi(predicted.eq(labels.head()).toType(DataType.FLOAT32, false).sum());
        samples += labels.head().getShape().get(0);
        batch++;
    }

    /** The sum of the added losses (a device sync). */
    double lossSum() {
        return lossSum.getFloat();
    }

    /** The number of samples added. */
    long samples() {
        return samples;
    }

    /** The fraction of samples classified correctly (a device sync). */
    double accuracy() {
        return samples == 0 ? Double.NaN : correct.getFloat() / samples;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int batches() {
        return batches;
    }

    @Override
    public long elapsedNanos() {
        return System.nanoTime() - start;
    }

    @Override
    public double runningLoss() {
        return batch == 0 ? Double.NaN : lossSum() / batch;
    }

    @Override
    public double runningAccuracy() {
        return accuracy();
    }

    @Override
    public void close() {
        manager.close();
    }
}

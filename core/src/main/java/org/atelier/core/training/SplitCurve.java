package org.atelier.core.training;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Loss and accuracy of a model on one more split (usually the test set) after each epoch, next to
 * the {@link History} of the same fit: the curve a {@code listener.EvaluateEachEpoch} records.
 * Serializable, so that a trial run in another JVM sends it back with its history.
 *
 * @param split the split's name, e.g. {@code test}
 * @param epochs the epoch numbers, in order (0 = before training, when it was evaluated)
 * @param loss the mean loss per sample at each epoch
 * @param accuracy the accuracy at each epoch
 */
public record SplitCurve(String split, int[] epochs, double[] loss, double[] accuracy) implements Serializable {

    /** Checks that the arrays have one value per epoch and copies them. */
    public SplitCurve {
        if (epochs.length != loss.length || epochs.length != accuracy.length) {
            throw new IllegalArgumentException("a split curve needs one loss and one accuracy per epoch, got "
                    + epochs.length + " epochs, " + loss.length + " losses and " + accuracy.length + " accuracies");
        }
        epochs = epochs.clone();
        loss = loss.clone();
        accuracy = accuracy.clone();
    }

    /**
     * The accuracy after an epoch.
     *
     * @param epoch the epoch number
     * @return its accuracy
     * @throws IllegalArgumentException if the curve has no such epoch
     */
    public double accuracyAt(int epoch) {
        return accuracy[index(epoch)];
    }

    /**
     * The loss after an epoch.
     *
     * @param epoch the epoch number
     * @return its loss
     * @throws IllegalArgumentException if the curve has no such epoch
     */
    public double lossAt(int epoch) {
        return loss[index(epoch)];
    }

    /**
     * The trained epoch (≥ 1) of highest accuracy, the earlier one on a tie: the "best epoch" of
     * an exercise that reports the best epoch's accuracy on this split.
     *
     * @return the epoch number
     * @throws IllegalStateException if no epoch was trained
     */
    public int bestAccuracyEpoch() {
        int best = -1;
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] > 0 && (best < 0 || accuracy[i] > accuracy[best])) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("the " + split + " curve has no trained epoch");
        }
        return epochs[best];
    }

    private int index(int epoch) {
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] == epoch) {
                return i;
            }
        }
        throw new IllegalArgumentException("the " + split + " curve has no epoch " + epoch + "; it has "
                + Arrays.toString(epochs));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SplitCurve c && split.equals(c.split) && Arrays.equals(epochs, c.epochs)
                && Arrays.equals(loss, c.loss) && Arrays.equals(accuracy, c.accuracy);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * split.hashCode() + Arrays.hashCode(epochs)) + Arrays.hashCode(loss))
                + Arrays.hashCode(accuracy);
    }

    @Override
    public String toString() {
        return split + " curve " + Arrays.toString(epochs) + " accuracy " + Arrays.toString(accuracy);
    }
}

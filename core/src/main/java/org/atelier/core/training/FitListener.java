package org.atelier.core.training;

/**
 * A callback of {@link Training#fit}, in the spirit of Keras callbacks. All methods default to
 * doing nothing. Listeners are called on the training thread; they must be cheap in
 * {@link #onBatchEnd}, which runs after every update.
 */
public interface FitListener {

    /**
     * Training is about to begin.
     *
     * @param maxEpochs the maximum number of epochs
     * @param batchesPerEpoch the number of updates per epoch
     */
    default void onFitBegin(int maxEpochs, int batchesPerEpoch) {}

    /**
     * An epoch is about to begin.
     *
     * @param epoch the epoch number, 1-based
     */
    default void onEpochBegin(int epoch) {}

    /**
     * One update is done.
     *
     * @param progress where the epoch stands; its running loss and accuracy cost a device sync each
     */
    default void onBatchEnd(BatchProgress progress) {}

    /**
     * An epoch (or the evaluation before training, epoch 0) is complete.
     *
     * @param record its numbers
     */
    default void onEpochEnd(EpochRecord record) {}

    /**
     * Training is over.
     *
     * @param history the whole history
     */
    default void onFitEnd(History history) {}
}

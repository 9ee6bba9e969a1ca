package org.atelier.core.training;

import java.io.Serializable;

/**
 * A callback of {@link Training#fit}, in the spirit of Keras callbacks and Lightning's hooks.
 * Every hook gets the {@link FitContext}, through which a listener reads the records so far and
 * the learning rate, and stops training or changes the rate. All methods default to doing
 * nothing. Listeners are called on the training thread in the order they were added; they must
 * be cheap in {@link #onBatchEnd}, which runs after every update. A listener that keeps state
 * resets it in {@link #onFitBegin}, so that one configuration can be used for several fits.
 *
 * <p>A listener whose state carries from one epoch to the next (a best value, a patience counter,
 * a curve it records) returns it from {@link #backupState} and takes it back in {@link
 * #restoreState}, so that a fit resumed from a {@link TrainingBackup} goes on as if it had never
 * stopped. The defaults keep nothing, which is right for a listener that only reports.
 *
 * <p>The listeners that ship with the core are in {@code org.atelier.core.training.listener}
 * (early stopping, restoring the best epoch, a best-epoch checkpoint, reducing the learning rate
 * on a plateau), plus {@link ProgressPrinter}.
 */
public interface FitListener {

    /**
     * Training is about to begin (the block is initialized).
     *
     * @param context the fit
     */
    default void onFitBegin(FitContext context) {}

    /**
     * An epoch is about to begin.
     *
     * @param context the fit
     * @param epoch the epoch number, 1-based
     */
    default void onEpochBegin(FitContext context, int epoch) {}

    /**
     * One update is done.
     *
     * @param context the fit
     * @param progress where the epoch stands; its running loss and accuracy cost a device sync each
     */
    default void onBatchEnd(FitContext context, BatchProgress progress) {}

    /**
     * An epoch (or the evaluation before training, epoch 0) is complete and recorded: {@code
     * record} is the last of {@code context.records()}.
     *
     * @param context the fit
     * @param record its numbers
     */
    default void onEpochEnd(FitContext context, EpochRecord record) {}

    /**
     * Training is over.
     *
     * @param context the fit
     * @param history the whole history
     */
    default void onFitEnd(FitContext context, History history) {}

    /**
     * The state this listener carries into the next epoch, for a {@link TrainingBackup}; called
     * after {@link #onEpochEnd} of each epoch the fit backs up.
     *
     * @param context the fit
     * @return the state (Atelier's or the JDK's serializable value classes), or null if it keeps none
     */
    default Serializable backupState(FitContext context) {
        return null;
    }

    /**
     * Takes back the state {@link #backupState} returned, when a fit resumes from a backup; called
     * after {@link #onFitBegin}, which sees the restored records in {@code context.records()}.
     *
     * @param context the fit, with its parameters and records as they were when the state was kept
     * @param state what {@link #backupState} returned then (not null)
     */
    default void restoreState(FitContext context, Serializable state) {}
}

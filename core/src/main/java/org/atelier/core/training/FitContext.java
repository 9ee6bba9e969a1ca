package org.atelier.core.training;

import ai.djl.Model;
import ai.djl.training.Trainer;
import java.util.List;

/**
 * What a {@link FitListener} sees of a running {@link Training#fit} and how it steers it: the
 * model and trainer, the epochs recorded so far, the current learning rate, and the two controls
 * Keras callbacks have ({@code model.stop_training = True}, {@code optimizer.learning_rate = x}).
 */
public interface FitContext {

    /** The model being trained. */
    Model model();

    /** The DJL trainer of this fit (its manager, loss and parameters). */
    Trainer trainer();

    /** The maximum number of epochs. */
    int maxEpochs();

    /** The number of updates per epoch. */
    int batchesPerEpoch();

    /** Whether the fit has validation data, so that {@code val_*} keys have values. */
    boolean hasValidation();

    /** The epochs recorded so far, in order (epoch 0 first when it was evaluated); unmodifiable. */
    List<EpochRecord> records();

    /** The learning rate the next update will use, NaN if the optimizer's is unknown. */
    double learningRate();

    /**
     * Sets the learning rate of every following update (the schedule, if any, is replaced by this
     * fixed value).
     *
     * @param rate the new rate, positive
     * @throws IllegalStateException if the optimizer was given as a built DJL {@code Optimizer},
     *     whose rate cannot be changed from outside (use {@code optSgd}, {@code optAdam} or
     *     {@code optOptimizer(factory, schedule)})
     */
    void setLearningRate(double rate);

    /** Asks training to stop after the current epoch (Keras's {@code stop_training}). */
    void stopTraining();

    /** Whether a listener asked training to stop. */
    boolean stopRequested();
}

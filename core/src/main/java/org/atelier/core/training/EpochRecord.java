package org.atelier.core.training;

/**
 * The numbers of one epoch, one row of {@code history.csv}. Epoch 0 is the evaluation before the
 * first update, when requested. Validation values are NaN when there is no validation data.
 *
 * @param epoch the epoch number, 1-based; 0 = before training
 * @param trainLoss mean loss over the epoch's batches (epoch 0: over the whole training set)
 * @param trainAccuracy fraction of training samples classified correctly during the epoch
 * @param valLoss mean loss over the validation samples after the epoch, without gradient
 * @param valAccuracy validation accuracy after the epoch
 * @param learningRate learning rate at the end of the epoch, NaN if the optimizer's is unknown
 * @param seconds wall time of the epoch including validation
 * @param steps cumulative number of parameter updates since training began
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
        double learningRate, double seconds, long steps) {

    /** Whether the epoch has validation numbers. */
    public boolean hasValidation() {
        return !Double.isNaN(valLoss);
    }
}

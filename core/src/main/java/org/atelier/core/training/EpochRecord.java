package org.atelier.core.training;

import java.io.Serializable;

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
        double learningRate, double seconds, long steps) implements Serializable {

    /**
     * A value by its Keras name: {@code loss}, {@code accuracy}, {@code val_loss}, {@code
     * val_accuracy} or {@code lr}.
     *
     * @param key the name, one of {@link History#KEYS}
     * @return the value (NaN where the fit had no validation data or the rate is unknown)
     * @throws IllegalArgumentException for any other name
     */
    public double get(String key) {
        return switch (key) {
            case "loss" -> trainLoss;
            case "accuracy" -> trainAccuracy;
            case "val_loss" -> valLoss;
            case "val_accuracy" -> valAccuracy;
            case "lr" -> learningRate;
            default -> throw new IllegalArgumentException("unknown history key '" + key + "'; known: "
                    + String.join(", ", History.KEYS));
        };
    }

    /** Whether the epoch has validation numbers. */
    public boolean hasValidation() {
        return !Double.isNaN(valLoss);
    }
}

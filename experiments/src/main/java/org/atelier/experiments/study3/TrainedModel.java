package org.atelier.experiments.study3;

import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;

/**
 * One model of the capacity ladder after training and testing.
 *
 * @param label its name in tables and legends, e.g. {@code tiny CNN}
 * @param spec the trial that trained it
 * @param result the trial's result
 * @param parameters its trainable parameters
 * @param testAccuracy accuracy of the kept parameters on the 10 000 test images
 */
record TrainedModel(String label, TrialSpec spec, TrialResult result, long parameters, double testAccuracy) {

    History history() {
        return result.history();
    }

    /** The epoch whose parameters were kept: lowest validation loss. */
    EpochRecord kept() {
        return history().best();
    }

    double secondsPerEpoch() {
        return history().totalSeconds() / history().epochs().size();
    }
}

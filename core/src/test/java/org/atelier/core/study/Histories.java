package org.atelier.core.study;

import java.util.ArrayList;
import java.util.List;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;

/** Hand-made histories for the study tests. */
final class Histories {

    private Histories() {}

    /**
     * A history from epoch 0 with the given validation losses; train loss = validation loss + 0.1,
     * accuracies 1 − loss / 10, {@code stepsPerEpoch} updates per epoch.
     */
    static History ofValLosses(int stepsPerEpoch, double... valLosses) {
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = 0; e < valLosses.length; e++) {
            double v = valLosses[e];
            epochs.add(new EpochRecord(e, v + 0.1, 1 - (v + 0.1) / 10, v, 1 - v / 10, 0.1, 1.0, (long) e * stepsPerEpoch));
        }
        return new History(epochs, false);
    }
}

package org.atelier.core.training;

import ai.djl.training.tracker.Tracker;

/**
 * The learning-rate tracker a fit hands its optimizer: the configured schedule until a listener
 * sets a rate ({@link FitContext#setLearningRate}), that fixed rate afterwards.
 */
final class AdjustableRate implements Tracker {

    private final Tracker schedule;
    private Float fixed;

    AdjustableRate(Tracker schedule) {
        this.schedule = schedule;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return fixed != null ? fixed : schedule.getNewValue(numUpdate);
    }

    void set(float rate) {
        this.fixed = rate;
    }

    /** The rate a listener set, or null while the schedule applies (what a backup keeps). */
    Float fixed() {
        return fixed;
    }

    /** Puts back what {@link #fixed()} returned. */
    void restoreFixed(Float rate) {
        this.fixed = rate;
    }
}

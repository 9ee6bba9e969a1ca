package org.atelier.core.training.listener;

import java.util.Locale;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.History;

/**
 * The quantity a listener watches and what counts as an improvement, as Keras's callbacks take it:
 * {@code monitor} (a {@link History#KEYS key}), {@code mode} and {@code min_delta}. A NaN value
 * (a diverged loss) is never an improvement.
 *
 * @param key the watched key, e.g. {@code val_loss}
 * @param mode whether lower or higher is better
 * @param minDelta how much the value must beat the best one by to count as an improvement, ≥ 0
 */
public record Monitor(String key, Mode mode, double minDelta) {

    /** Whether lower or higher values are better. */
    public enum Mode {
        /** Lower is better (losses). */
        MIN,
        /** Higher is better (accuracies). */
        MAX,
        /** {@link #MAX} for keys naming an accuracy, {@link #MIN} otherwise (Keras's {@code auto}). */
        AUTO
    }

    /** Checks the key and the delta, and resolves {@link Mode#AUTO}. */
    public Monitor {
        if (!History.KEYS.contains(key)) {
            throw new IllegalArgumentException("cannot monitor '" + key + "'; known: " + String.join(", ", History.KEYS));
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("min delta must be ≥ 0, got " + minDelta);
        }
        if (mode == Mode.AUTO) {
            mode = key.contains("acc") ? Mode.MAX : Mode.MIN;
        }
    }

    /**
     * Watches a key in its natural direction, with no minimum delta.
     *
     * @param key e.g. {@code val_loss} or {@code val_accuracy}
     * @return the monitor
     */
    public static Monitor of(String key) {
        return new Monitor(key, Mode.AUTO, 0);
    }

    /** The value of the watched key in a record. */
    public double value(EpochRecord record) {
        return record.get(key);
    }

    /** The worst possible value, what the first value always improves on. */
    public double worst() {
        return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Whether {@code current} beats {@code best} by more than the minimum delta.
     *
     * @param current the new value
     * @param best the best so far
     * @return true for an improvement
     */
    public boolean improves(double current, double best) {
        return mode == Mode.MIN ? current < best - minDelta : current > best + minDelta;
    }

    /**
     * Fails early when the watched key will have no values in this fit.
     *
     * @param context the fit
     * @param listener the listener's name, for the message
     * @throws IllegalArgumentException for a {@code val_*} key without validation data
     */
    void check(FitContext context, String listener) {
        if (key.startsWith("val_") && !context.hasValidation()) {
            throw new IllegalArgumentException(listener + " monitors " + key + " but the fit has no validation data;"
                    + " pass validation data or monitor " + key.substring(4));
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s, min delta %s)", key, mode.name().toLowerCase(Locale.ROOT), minDelta);
    }
}

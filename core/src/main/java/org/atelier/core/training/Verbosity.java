package org.atelier.core.training;

import org.atelier.core.AtelierException;

/**
 * How much a fit prints, as Keras's {@code fit(..., verbose=0|1|2)}: nothing, a progress bar, or
 * one line per epoch. {@link FitConfig.Builder#optVerbose(int)} takes the level as Keras does;
 * {@link ProgressPrinter} prints it.
 */
public enum Verbosity {

    /** {@code verbose=0}: nothing is printed. */
    SILENT(0),
    /**
     * {@code verbose=1}: {@code Epoch 3/10}, then a bar of the epoch's ⌈N / batch⌉ steps, redrawn in
     * place on a terminal; elsewhere (a log file, a pipe) only the finished bar, once per epoch.
     */
    PROGRESS_BAR(1),
    /** {@code verbose=2}: one line per epoch, {@code Epoch 3/10 - 5.1s - loss: … - val_accuracy: …}. */
    ONE_LINE_PER_EPOCH(2);

    private final int level;

    Verbosity(int level) {
        this.level = level;
    }

    /** Keras's number for this level. */
    public int level() {
        return level;
    }

    /**
     * The level of Keras's number.
     *
     * @param level 0, 1 or 2
     * @return the verbosity
     * @throws AtelierException for any other number
     */
    public static Verbosity of(int level) {
        for (Verbosity v : values()) {
            if (v.level == level) {
                return v;
            }
        }
        throw new AtelierException("verbose must be 0 (silent), 1 (progress bar) or 2 (one line per epoch), as in"
                + " Keras's fit; got " + level);
    }
}

package org.atelier.core.training.listener;

import java.io.Serializable;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;

/**
 * Stops training when the monitored value has not improved for {@code patience} epochs in a row:
 * Keras's {@code EarlyStopping(monitor, min_delta, patience, mode)}. Epoch 0, when recorded, is
 * the first value to beat. To end with the best epoch's parameters rather than the last one's,
 * add a {@link RestoreBestEpoch} as well.
 */
public final class EarlyStopping implements FitListener {

    private final Monitor monitor;
    private final int patience;
    private double best;
    private int wait;
    private int stoppedEpoch;

    /**
     * Creates the listener.
     *
     * @param monitor what to watch, e.g. {@code Monitor.of("val_loss")}
     * @param patience epochs without improvement after which training stops, ≥ 1
     */
    public EarlyStopping(Monitor monitor, int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping needs a patience of at least 1 epoch, got " + patience);
        }
        this.monitor = monitor;
        this.patience = patience;
    }

    /**
     * Stops on validation loss, as the Keras default does.
     *
     * @param patience epochs without improvement, ≥ 1
     * @param minDelta the decrease that counts as an improvement, ≥ 0
     * @return the listener
     */
    public static EarlyStopping onValLoss(int patience, double minDelta) {
        return new EarlyStopping(new Monitor("val_loss", Monitor.Mode.MIN, minDelta), patience);
    }

    @Override
    public void onFitBegin(FitContext context) {
        monitor.check(context, "early stopping");
        best = monitor.worst();
        wait = 0;
        stoppedEpoch = 0;
    }

    @Override
    public void onEpochEnd(FitContext context, EpochRecord record) {
        double value = monitor.value(record);
        if (monitor.improves(value, best)) {
            best = value;
            wait = 0;
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = record.epoch();
            context.stopTraining();
        }
    }

    /** What a training backup keeps: the best value, the epochs waited, the epoch stopped after. */
    private record State(double best, int waited, int stoppedEpoch) implements Serializable {}

    @Override
    public Serializable backupState(FitContext context) {
        return new State(best, wait, stoppedEpoch);
    }

    @Override
    public void restoreState(FitContext context, Serializable state) {
        State kept = (State) state;
        best = kept.best();
        wait = kept.waited();
        stoppedEpoch = kept.stoppedEpoch();
    }

    /** The epoch after which this listener stopped the last fit, 0 if it did not stop it. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The monitored quantity. */
    public Monitor monitor() {
        return monitor;
    }

    /** The patience in epochs. */
    public int patience() {
        return patience;
    }
}

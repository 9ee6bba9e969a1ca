package org.atelier.core.training.listener;

import org.atelier.core.training.StoredArray;
import java.util.List;
import java.io.Serializable;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;
import org.atelier.core.training.History;

/**
 * Puts back the parameters of the best epoch when training ends (Keras's {@code
 * restore_best_weights}). The best epoch's values are copied on the device whenever the
 * monitored value improves (into buffers allocated once), so no file is written. With the default
 * {@code Monitor.of("val_loss")} the restored epoch is {@link History#best()}'s. Epoch 0, when
 * recorded, counts: if training never beat the start, the initial parameters come back.
 */
public final class RestoreBestEpoch implements FitListener {

    private final Monitor monitor;
    private ParameterSnapshot snapshot;
    private double best;
    private int bestEpoch = -1;

    /** Restores the epoch of the lowest validation loss. */
    public RestoreBestEpoch() {
        this(Monitor.of("val_loss"));
    }

    /**
     * Restores the epoch that is best by the given monitor.
     *
     * @param monitor what to watch
     */
    public RestoreBestEpoch(Monitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void onFitBegin(FitContext context) {
        monitor.check(context, "restoring the best epoch");
        snapshot = new ParameterSnapshot(context.model().getBlock(), context.trainer().getManager());
        best = monitor.worst();
        bestEpoch = -1;
    }

    @Override
    public void onEpochEnd(FitContext context, EpochRecord record) {
        double value = monitor.value(record);
        if (monitor.improves(value, best)) {
            best = value;
            bestEpoch = record.epoch();
            snapshot.take();
        }
    }

    @Override
    public void onFitEnd(FitContext context, History history) {
        try (ParameterSnapshot taken = snapshot) {
            if (taken.isTaken()) {
                taken.restore();
            }
        }
        snapshot = null;
    }

    /** What a training backup keeps: the best value and epoch, and that epoch's parameters (empty before one). */
    private record State(double best, int bestEpoch, List<StoredArray> parameters) implements Serializable {}

    @Override
    public Serializable backupState(FitContext context) {
        return new State(best, bestEpoch, snapshot.stored());
    }

    @Override
    public void restoreState(FitContext context, Serializable state) {
        State kept = (State) state;
        best = kept.best();
        bestEpoch = kept.bestEpoch();
        snapshot.restoreStored(kept.parameters());
    }

    /** The epoch whose parameters the last fit ended with, -1 if it recorded none. */
    public int bestEpoch() {
        return bestEpoch;
    }
}

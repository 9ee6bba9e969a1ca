package org.atelier.core.training.listener;

import java.io.Serializable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atelier.core.AtelierException;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;
import org.atelier.core.training.ModelFiles;

/**
 * Saves the parameters as a DJL {@code .params} file whenever the monitored value improves,
 * keeping only the best epoch's file (Keras's {@code ModelCheckpoint(save_best_only=True)}). The
 * file is {@code NAME-EEEE.params} in the directory, {@code EEEE} the epoch, as DJL's {@code
 * Model.save} names it, and is written atomically. Monitoring {@code loss} works without
 * validation data; the last epoch always improves on nothing when {@code minDelta} is 0 and the
 * loss only falls.
 */
public final class BestEpochCheckpoint implements FitListener {

    private final Path directory;
    private final String name;
    private final Monitor monitor;
    private double best;
    private Path saved;

    /**
     * Creates the listener.
     *
     * @param directory where to save
     * @param name the file name's stem, usually the model's name
     * @param monitor what to watch, e.g. {@code Monitor.of("val_loss")}
     */
    public BestEpochCheckpoint(Path directory, String name, Monitor monitor) {
        this.directory = directory;
        this.name = name;
        this.monitor = monitor;
    }

    @Override
    public void onFitBegin(FitContext context) {
        monitor.check(context, "the best-epoch checkpoint");
        best = monitor.worst();
        saved = null;
    }

    @Override
    public void onEpochEnd(FitContext context, EpochRecord record) {
        double value = monitor.value(record);
        if (!monitor.improves(value, best)) {
            return;
        }
        best = value;
        Path file = ModelFiles.saveParameters(context.model(), directory, name, record.epoch());
        if (saved != null && !saved.equals(file)) {
            try {
                Files.deleteIfExists(saved);
            } catch (IOException e) {
                throw new AtelierException("cannot delete the previous checkpoint " + saved + ": " + e.getMessage(), e);
            }
        }
        saved = file;
    }

    /** What a training backup keeps: the best value and the file saved for it (null before one). */
    private record State(double best, String saved) implements Serializable {}

    @Override
    public Serializable backupState(FitContext context) {
        return new State(best, saved == null ? null : saved.toString());
    }

    @Override
    public void restoreState(FitContext context, Serializable state) {
        State kept = (State) state;
        best = kept.best();
        saved = kept.saved() == null ? null : Path.of(kept.saved());
    }

    /** The file of the best epoch saved by the last fit, or null if none was saved. */
    public Path saved() {
        return saved;
    }
}

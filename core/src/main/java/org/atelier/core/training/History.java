package org.atelier.core.training;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.atelier.core.report.TableFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * What a training run did, epoch by epoch: Keras's {@code History}. Serializable, so that a trial
 * run in another JVM can send its history back ({@code org.atelier.core.trial}).
 *
 * @param epochs the epochs in order, starting with epoch 0 when it was evaluated before training
 * @param stoppedEarly whether early stopping ended training before the maximum number of epochs
 */
public record History(List<EpochRecord> epochs, boolean stoppedEarly) implements Serializable {

    /** The CSV columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds", "steps");

    /** Keras's names of the per-epoch values, in Keras's order ({@link EpochRecord#get}). */
    public static final List<String> KEYS = List.of("loss", "accuracy", "val_loss", "val_accuracy", "lr");

    /** Copies the list so the history cannot change afterwards. */
    public History {
        epochs = List.copyOf(epochs);
    }

    /** The evaluation before the first update (epoch 0), if it was requested. */
    public Optional<EpochRecord> initial() {
        return epochs.stream().filter(e -> e.epoch() == 0).findFirst();
    }

    /**
     * The keys this history has values for, as Keras's {@code history.history.keys()}: {@code loss,
     * accuracy}, then {@code val_loss, val_accuracy} if there was validation data, then {@code lr}
     * if the learning rate is known.
     *
     * @return the keys in Keras's order
     */
    public List<String> keys() {
        List<EpochRecord> trained = trained();
        return KEYS.stream().filter(key -> trained.stream().anyMatch(e -> !Double.isNaN(e.get(key)))).toList();
    }

    /**
     * One value per trained epoch (1, 2, …; epoch 0 is in {@link #initial()}), as Keras's {@code
     * history.history[key]}.
     *
     * @param key one of {@link #keys()}
     * @return the values in epoch order
     * @throws IllegalArgumentException if the key is unknown or this history has no values for it
     */
    public double[] get(String key) {
        if (!keys().contains(key)) {
            throw new IllegalArgumentException("this history has no values for '" + key + "'; it has: "
                    + String.join(", ", keys()));
        }
        return trained().stream().mapToDouble(e -> e.get(key)).toArray();
    }

    private List<EpochRecord> trained() {
        return epochs.stream().filter(e -> e.epoch() > 0).toList();
    }

    /** The last epoch recorded. */
    public EpochRecord last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("the history is empty");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The record of the epoch with the lowest validation loss. */
    public EpochRecord best() {
        return epochs.stream().filter(EpochRecord::hasValidation)
                .min(Comparator.comparingDouble(EpochRecord::valLoss))
                .orElseThrow(() -> new IllegalStateException("no validation data was given, so there is no best epoch"));
    }

    /** The number of the epoch with the lowest validation loss (0 if training never beat the start). */
    public int bestEpoch() {
        return best().epoch();
    }

    /** The wall time of all recorded epochs (epoch 0 and validation included), in seconds. */
    public double totalSeconds() {
        return epochs.stream().mapToDouble(EpochRecord::seconds).sum();
    }

    /** The number of parameter updates made in total. */
    public long totalSteps() {
        return epochs.isEmpty() ? 0 : last().steps();
    }

    /**
     * The history as a Keras user reads it, {@code pd.DataFrame(history.history)}: one row per
     * trained epoch (epoch 0 left out, as Keras has none), the column {@code epoch} (1, 2, …), then
     * one column per {@link #keys()}, e.g. {@code loss, accuracy, val_loss, val_accuracy, lr}.
     *
     * @return the table
     */
    public Table toKerasTable() {
        Table table = Table.create("history", IntColumn.create("epoch", trained().stream().mapToInt(EpochRecord::epoch)
                .toArray()));
        for (String key : keys()) {
            table.addColumns(DoubleColumn.create(key, get(key)));
        }
        return table;
    }

    /** The history as a table with the {@link #COLUMNS}. */
    public Table toTable() {
        return Table.create("history",
                IntColumn.create(COLUMNS.get(0), epochs.stream().mapToInt(EpochRecord::epoch).toArray()),
                DoubleColumn.create(COLUMNS.get(1), epochs.stream().mapToDouble(EpochRecord::trainLoss)),
                DoubleColumn.create(COLUMNS.get(2), epochs.stream().mapToDouble(EpochRecord::trainAccuracy)),
                DoubleColumn.create(COLUMNS.get(3), epochs.stream().mapToDouble(EpochRecord::valLoss)),
                DoubleColumn.create(COLUMNS.get(4), epochs.stream().mapToDouble(EpochRecord::valAccuracy)),
                DoubleColumn.create(COLUMNS.get(5), epochs.stream().mapToDouble(EpochRecord::learningRate)),
                DoubleColumn.create(COLUMNS.get(6), epochs.stream().mapToDouble(EpochRecord::seconds)),
                LongColumn.create(COLUMNS.get(7), epochs.stream().mapToLong(EpochRecord::steps).toArray()));
    }

    /**
     * Writes the history as CSV (header {@link #COLUMNS}; missing validation values are empty),
     * atomically and with the usual permissions of a new file ({@link TableFiles}, the writer a
     * run directory uses for every table).
     *
     * @param file the CSV file, e.g. {@code history.csv}
     * @return the file
     * @throws org.atelier.core.AtelierException if the file cannot be written
     */
    public Path writeCsv(Path file) {
        return TableFiles.writeCsv(toTable(), file);
    }
}

package org.atelier.experiments.study3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.atelier.core.trial.TrialResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The epochs × batch size grid of {@code keras-history}: one fit per batch size for the largest
 * epochs value, each cell read from that fit's history at its epochs value. With a fixed learning
 * rate and each epoch's batch order drawn from the seed and the epoch's number, the first E epochs
 * of the longer fit are exactly a fit of E epochs, so a row costs one fit instead of one per cell.
 *
 * @param plan the batch sizes (rows) and epochs values (columns)
 * @param histories one history per batch size, in the plan's order
 * @param cells one cell per (batch size, epochs), row by row
 */
record EpochsBatchGrid(Plan plan, List<History> histories, List<Cell> cells) {

    /** A cell whose validation loss is within this share of the best counts as converged as well. */
    static final double NEAR_BEST = 0.05;

    /**
     * The grid's rows and columns, each sorted and without repeats.
     *
     * @param batchSizes the rows
     * @param epochs the columns
     */
    record Plan(List<Integer> batchSizes, List<Integer> epochs) {
        /** The epochs every row's fit trains for: the largest column. */
        int maxEpochs() {
            return epochs.get(epochs.size() - 1);
        }
    }

    /**
     * One combination after its epochs.
     *
     * @param batchSize the batch size
     * @param epochs the epochs trained
     * @param steps the updates made, epochs · ⌈N / batch⌉
     * @param loss the training loss of the last epoch (Keras's {@code loss}: mean over its batches, in training mode)
     * @param accuracy the training accuracy of the last epoch, likewise
     * @param valLoss the validation loss after the last epoch
     * @param valAccuracy the validation accuracy after the last epoch
     * @param seconds wall time of the epochs, validation included
     */
    record Cell(int batchSize, int epochs, long steps, double loss, double accuracy, double valLoss, double valAccuracy,
            double seconds) {

        /** Validation minus training loss: above 0 the network fits the training images better than new ones. */
        double gapLoss() {
            return valLoss - loss;
        }

        /** Training minus validation accuracy. */
        double gapAccuracy() {
            return accuracy - valAccuracy;
        }
    }

    /**
     * The plan of a grid: rows and columns sorted, repeats dropped.
     *
     * @param batchSizes the batch sizes
     * @param epochs the epochs values
     * @return the plan
     */
    static Plan plan(List<Integer> batchSizes, List<Integer> epochs) {
        return new Plan(batchSizes.stream().distinct().sorted().toList(), epochs.stream().distinct().sorted().toList());
    }

    /**
     * Reads the cells from the fits.
     *
     * @param plan the plan
     * @param results one fit per batch size of the plan, in its order, each of {@link Plan#maxEpochs()} epochs
     * @return the grid
     */
    static EpochsBatchGrid of(Plan plan, List<TrialResult> results) {
        if (results.size() != plan.batchSizes().size()) {
            throw new IllegalArgumentException(results.size() + " fits for " + plan.batchSizes().size() + " batch sizes");
        }
        List<History> histories = results.stream().map(TrialResult::history).toList();
        List<Cell> cells = new ArrayList<>();
        for (int row = 0; row < histories.size(); row++) {
            History history = histories.get(row);
            if (history.last().epoch() != plan.maxEpochs()) {
                throw new IllegalStateException("the fit of batch " + plan.batchSizes().get(row) + " ended after epoch "
                        + history.last().epoch() + ", not " + plan.maxEpochs());
            }
            for (int epochs : plan.epochs()) {
                EpochRecord at = history.epochs().stream().filter(e -> e.epoch() == epochs).findFirst().orElseThrow();
                double seconds = history.epochs().stream().filter(e -> e.epoch() >= 1 && e.epoch() <= epochs)
                        .mapToDouble(EpochRecord::seconds).sum();
                cells.add(new Cell(plan.batchSizes().get(row), epochs, at.steps(), at.trainLoss(), at.trainAccuracy(),
                        at.valLoss(), at.valAccuracy(), seconds));
            }
        }
        return new EpochsBatchGrid(plan, histories, List.copyOf(cells));
    }

    /** The cell of the lowest validation loss: the combination whose curves converge best. */
    Cell best() {
        return cells.stream().min(Comparator.comparingDouble(Cell::valLoss)).orElseThrow();
    }

    /** The quickest cell whose validation loss is within {@link #NEAR_BEST} of the best's. */
    Cell quickestNearBest() {
        double limit = best().valLoss() * (1 + NEAR_BEST);
        return cells.stream().filter(c -> c.valLoss() <= limit).min(Comparator.comparingDouble(Cell::seconds))
                .orElseThrow();
    }

    /** The lowest validation loss of a row over all its epochs (not only the grid's columns), and its epoch. */
    EpochRecord bestEpoch(int row) {
        return histories.get(row).best();
    }

    /** Seconds per epoch of a row's fit, validation included. */
    double secondsPerEpoch(int row) {
        History history = histories.get(row);
        return history.totalSeconds() / history.last().epoch();
    }

    /**
     * One value per cell as rows (batch sizes) × columns (epochs), for a heat map.
     *
     * @param value what to read from a cell
     * @return {@code [row][column]}
     */
    double[][] values(ToDoubleFunction<Cell> value) {
        int columns = plan.epochs().size();
        double[][] values = new double[plan.batchSizes().size()][columns];
        for (int i = 0; i < cells.size(); i++) {
            values[i / columns][i % columns] = value.applyAsDouble(cells.get(i));
        }
        return values;
    }

    /** The row and column of a cell. */
    int[] position(Cell cell) {
        return new int[] {plan.batchSizes().indexOf(cell.batchSize()), plan.epochs().indexOf(cell.epochs())};
    }

    /** One row per cell. */
    Table table() {
        Table table = Table.create("grid", IntColumn.create("batch_size"), IntColumn.create("epochs"),
                LongColumn.create("steps"), DoubleColumn.create("loss"), DoubleColumn.create("accuracy"),
                DoubleColumn.create("val_loss"), DoubleColumn.create("val_accuracy"),
                DoubleColumn.create("gap_loss"), DoubleColumn.create("gap_accuracy"), DoubleColumn.create("seconds"));
        for (Cell c : cells) {
            table.intColumn("batch_size").append(c.batchSize());
            table.intColumn("epochs").append(c.epochs());
            table.longColumn("steps").append(c.steps());
            table.doubleColumn("loss").append(c.loss());
            table.doubleColumn("accuracy").append(c.accuracy());
            table.doubleColumn("val_loss").append(c.valLoss());
            table.doubleColumn("val_accuracy").append(c.valAccuracy());
            table.doubleColumn("gap_loss").append(c.gapLoss());
            table.doubleColumn("gap_accuracy").append(c.gapAccuracy());
            table.doubleColumn("seconds").append(c.seconds());
        }
        return table;
    }
}

package org.atelier.core.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.FigureRow;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.training.EpochRecord;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Cases of a technique comparison side by side ({@link CaseRuns}): their learning curves in one
 * figure per split with mean ± std bands over the seeds, a table of their best-epoch accuracies,
 * and whether a difference to a reference case exceeds the seed noise.
 *
 * @param cases the cases, in the order they are drawn and tabulated
 */
public record CaseComparison(List<CaseRuns> cases) {

    /** How many standard errors a difference of means must exceed to count as more than seed noise. */
    public static final double NOISE_FACTOR = 2;

    /** Copies the list. */
    public CaseComparison {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one case");
        }
    }

    /**
     * This comparison's cases followed by another's, e.g. the cases trained from scratch and then
     * those that started from pre-trained parameters in a later batch.
     *
     * @param more the cases to append
     * @return the comparison of both lists' cases
     */
    public CaseComparison and(CaseComparison more) {
        List<CaseRuns> all = new ArrayList<>(cases);
        all.addAll(more.cases());
        return new CaseComparison(all);
    }

    /**
     * The difference of two cases' mean best-epoch test accuracies and its standard error
     * √(s₁²/n₁ + s₂²/n₂) (Welch).
     *
     * @param mean the difference {@code case − reference}
     * @param standardError its standard error
     */
    public record Difference(double mean, double standardError) {
        /** Whether |difference| exceeds {@link #NOISE_FACTOR} standard errors (and the error is known). */
        public boolean exceedsNoise() {
            return standardError > 0 && Math.abs(mean) > NOISE_FACTOR * standardError;
        }

        /**
         * The difference of two means over seeds, with Welch's standard error.
         *
         * @param other the case's values over its seeds
         * @param reference the reference's values over its seeds
         * @return {@code other − reference}
         */
        public static Difference between(MeanStd other, MeanStd reference) {
            return new Difference(other.mean() - reference.mean(), Math.sqrt(other.std() * other.std() / other.n()
                    + reference.std() * reference.std() / reference.n()));
        }
    }

    /**
     * The difference of mean best-epoch test accuracy between two cases.
     *
     * @param other the case
     * @param reference the reference case
     * @return {@code other − reference} with its standard error
     */
    public static Difference difference(CaseRuns other, CaseRuns reference) {
        return Difference.between(other.bestTestAccuracy(), reference.bestTestAccuracy());
    }

    /** The case of highest mean best-epoch test accuracy. */
    public CaseRuns best() {
        CaseRuns best = cases.get(0);
        for (CaseRuns c : cases) {
            if (c.bestTestAccuracy().mean() > best.bestTestAccuracy().mean()) {
                best = c;
            }
        }
        return best;
    }

    /**
     * One row per case: {@code case, seeds, best_epoch_mean, best_test_accuracy_mean, _std,
     * validation_selected_test_accuracy_mean, _std, seconds_per_epoch}.
     *
     * @return the table
     */
    public Table table() {
        return Table.create("cases",
                StringColumn.create("case", cases.stream().map(CaseRuns::name).toList()),
                IntColumn.create("seeds", cases.stream().mapToInt(c -> c.seeds().size()).toArray()),
                DoubleColumn.create("best_epoch_mean", cases.stream().mapToDouble(c -> c.bestEpoch().mean())),
                DoubleColumn.create("best_test_accuracy_mean", cases.stream().mapToDouble(c -> c.bestTestAccuracy().mean())),
                DoubleColumn.create("best_test_accuracy_std", cases.stream().mapToDouble(c -> c.bestTestAccuracy().std())),
                DoubleColumn.create("validation_selected_test_accuracy_mean",
                        cases.stream().mapToDouble(c -> c.validationSelectedTestAccuracy().mean())),
                DoubleColumn.create("validation_selected_test_accuracy_std",
                        cases.stream().mapToDouble(c -> c.validationSelectedTestAccuracy().std())),
                DoubleColumn.create("seconds_per_epoch", cases.stream().mapToDouble(CaseRuns::secondsPerEpoch)));
    }

    /** Every case's per-seed rows ({@link CaseRuns#seedTable()}) in one table. */
    public Table seedTable() {
        Table all = cases.get(0).seedTable();
        cases.subList(1, cases.size()).forEach(c -> all.append(c.seedTable()));
        return all;
    }

    /** Every case's history rows ({@link CaseRuns#historyTable()}) in one table. */
    public Table historyTable() {
        Table all = cases.get(0).historyTable();
        cases.subList(1, cases.size()).forEach(c -> all.append(c.historyTable()));
        return all;
    }

    /**
     * The learning curves of every case on the training set: loss (log scale, from epoch 0 when
     * recorded) and accuracy (from epoch 1) side by side, each case's mean with a ± one standard
     * deviation band over its seeds. The training numbers are those of the epoch's batches, with
     * dropout and augmentation on, as the fit saw them.
     *
     * @param title the figure's title
     * @return the figure
     */
    public Figure trainingCurves(String title) {
        return curves(title, "training set", c -> c.train(EpochRecord::trainLoss), c -> c.train(EpochRecord::trainAccuracy));
    }

    /**
     * The learning curves of every case on the test set, evaluated after each epoch without
     * dropout or augmentation: loss and accuracy side by side as in {@link #trainingCurves}.
     *
     * @param title the figure's title
     * @return the figure
     */
    public Figure testCurves(String title) {
        return curves(title, "test set", c -> c.test(false), c -> c.test(true));
    }

    private Figure curves(String title, String split, Function<CaseRuns, double[][]> loss,
            Function<CaseRuns, double[][]> accuracy) {
        return new FigureRow(title, List.of(panel(split + ": loss", "loss (log scale)", loss, 0, true),
                panel(split + ": accuracy", "accuracy", accuracy, 1, false)));
    }

    private ChartFigure panel(String title, String yLabel, Function<CaseRuns, double[][]> values,
            int fromEpoch, boolean log) {
        LineChart.Builder chart = LineChart.builder().title(title).xLabel("epoch").yLabel(yLabel).logY(log)
                .size(800, 560);
        for (CaseRuns c : cases) {
            double[] x = c.epochs();
            int from = (int) Arrays.stream(x).filter(e -> e < fromEpoch).count();
            double[][] runs = Arrays.stream(values.apply(c)).map(r -> Arrays.copyOfRange(r, from, r.length))
                    .toArray(double[][]::new);
            String label = c.name() + " (" + c.seeds().size() + (c.seeds().size() == 1 ? " seed)" : " seeds, mean ± std)");
            chart.runs(label, Arrays.copyOfRange(x, from, x.length), runs, false);
        }
        return EpochAxis.wholeEpochs(chart.build());
    }
}

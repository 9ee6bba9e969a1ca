package org.atelier.experiments.study4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.atelier.core.data.Fold;
import org.atelier.core.data.LabeledData;
import org.atelier.core.evaluation.Classifier;
import org.atelier.core.evaluation.CrossValidation;
import org.atelier.core.evaluation.HoldOut;
import org.atelier.core.evaluation.MajorityClassifier;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.stats.BootstrapInterval;
import org.atelier.core.stats.MeanStd;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every classifier (scaled correctly) on the same test part and the same folds: hold-out scores
 * with a bootstrap interval, and cross-validated accuracies.
 *
 * @param entries one per classifier, in comparison order
 */
record ClassifierResults(List<Entry> entries) {

    /**
     * One classifier's results.
     *
     * @param name its name
     * @param holdOut its scores on the train/test split
     * @param cv its accuracies on the folds
     * @param interval the bootstrap interval of its test accuracy
     */
    record Entry(String name, HoldOut holdOut, CrossValidation cv, BootstrapInterval interval) {}

    /**
     * Evaluates the classifiers that the scaling comparison has not, and takes the correctly scaled
     * results of those it has.
     *
     * @param others classifiers to evaluate here, each with its scaling already applied
     * @param data all wines, unscaled
     * @param split the train/test split's indices
     * @param folds the cross-validation folds
     * @param scaling the comparison whose correctly scaled rows join the results
     * @param confidence the bootstrap interval's level
     * @param resamples the bootstrap's resamples
     * @param seed the bootstrap's seed
     * @return the results, the others first
     */
    static ClassifierResults run(List<Classifier> others, LabeledData data, Fold split, List<List<Fold>> folds,
            ScalingComparison scaling, double confidence, int resamples, long seed) {
        List<Entry> entries = new ArrayList<>();
        for (Classifier classifier : others) {
            HoldOut holdOut = HoldOut.of(classifier, split.split(data));
            entries.add(new Entry(classifier.name(), holdOut, CrossValidation.run(classifier, data, folds),
                    BootstrapInterval.ofMean(holdOut.correctness(), confidence, resamples, seed)));
        }
        for (ScalingComparison.Row row : scaling.rows()) {
            if (row.regime() == ScalingComparison.Regime.TRAIN_ONLY) {
                entries.add(new Entry(row.classifier(), row.holdOut(), row.cv(),
                        BootstrapInterval.ofMean(row.holdOut().correctness(), confidence, resamples, seed)));
            }
        }
        return new ClassifierResults(List.copyOf(entries));
    }

    Entry entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no results for " + name));
    }

    HoldOut holdOut(String name) {
        return entry(name).holdOut();
    }

    CrossValidation cv(String name) {
        return entry(name).cv();
    }

    BootstrapInterval interval(String name) {
        return entry(name).interval();
    }

    /** {@code classifier, train_accuracy, test_accuracy, gap, macro_f1, ci_low, ci_high} on the test part. */
    Table holdOutTable() {
        return Table.create("hold-out",
                StringColumn.create("classifier", entries.stream().map(Entry::name)),
                DoubleColumn.create("train_accuracy", entries.stream().mapToDouble(e -> e.holdOut().trainAccuracy())),
                DoubleColumn.create("test_accuracy", entries.stream().mapToDouble(e -> e.holdOut().testAccuracy())),
                DoubleColumn.create("gap", entries.stream().mapToDouble(e -> e.holdOut().trainAccuracy()
                        - e.holdOut().testAccuracy())),
                DoubleColumn.create("macro_f1", entries.stream().mapToDouble(e -> e.holdOut().test().macroF1())),
                DoubleColumn.create("ci_low", entries.stream().mapToDouble(e -> e.interval().low())),
                DoubleColumn.create("ci_high", entries.stream().mapToDouble(e -> e.interval().high())));
    }

    /** {@code repetition, fold, CLASSIFIER...}: every fold's held-out accuracy. */
    Table foldTable() {
        CrossValidation first = entries.get(0).cv();
        int n = first.accuracies().length;
        Table table = Table.create("folds",
                IntColumn.create("repetition", IntStream.range(0, n).map(i -> i / first.folds() + 1).toArray()),
                IntColumn.create("fold", IntStream.range(0, n).map(i -> i % first.folds() + 1).toArray()));
        for (Entry e : entries) {
            table.addColumns(DoubleColumn.create(e.name(), e.cv().accuracies()));
        }
        return table;
    }

    /**
     * Per classifier: {@code kfold_mean, kfold_std} (the first repetition alone: one k-fold CV),
     * {@code repeated_mean, repeated_std} (every fold of every repetition), {@code
     * repetition_mean_min, repetition_mean_max} (how far one k-fold estimate moves with the shuffle).
     */
    Table cvTable() {
        return Table.create("cross-validation",
                StringColumn.create("classifier", entries.stream().map(Entry::name)),
                DoubleColumn.create("kfold_mean", entries.stream().mapToDouble(e -> e.cv().repetition(0).mean())),
                DoubleColumn.create("kfold_std", entries.stream().mapToDouble(e -> e.cv().repetition(0).std())),
                DoubleColumn.create("repeated_mean", entries.stream().mapToDouble(e -> e.cv().all().mean())),
                DoubleColumn.create("repeated_std", entries.stream().mapToDouble(e -> e.cv().all().std())),
                DoubleColumn.create("repetition_mean_min", entries.stream()
                        .mapToDouble(e -> Arrays.stream(e.cv().repetitionMeans()).min().orElseThrow())),
                DoubleColumn.create("repetition_mean_max", entries.stream()
                        .mapToDouble(e -> Arrays.stream(e.cv().repetitionMeans()).max().orElseThrow())));
    }

    /** The mean k-fold accuracy of each repetition, one line per classifier that beats the baseline's range. */
    ChartFigure repetitionChart() {
        LineChart.Builder chart = LineChart.builder()
                .title("Each repetition's k-fold estimate (majority baseline, far below, left out)")
                .xLabel("repetition (another shuffle of the folds)").yLabel("mean held-out accuracy").markers(true);
        for (Entry e : entries) {
            if (e.name().equals(new MajorityClassifier().name())) {
                continue;
            }
            double[] means = e.cv().repetitionMeans();
            double[] x = IntStream.rangeClosed(1, means.length).asDoubleStream().toArray();
            MeanStd all = e.cv().all();
            chart.series(String.format(Locale.ROOT, "%s (%.3f ± %.3f)", e.name(), all.mean(), all.std()), x,
                    means);
        }
        return EpochAxis.wholeEpochs(chart.build());
    }
}

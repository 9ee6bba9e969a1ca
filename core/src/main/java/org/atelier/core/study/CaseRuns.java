package org.atelier.core.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.atelier.core.training.SplitCurve;
import org.atelier.core.trial.TrialResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One case of a comparison of training techniques (a model, its data and its fit) trained from
 * several seeds, with the test set evaluated after every epoch ({@code FitSpec.evaluateTest}). Per
 * seed it answers two questions: the exercise's <em>best epoch</em>, the epoch of highest test
 * accuracy (an optimistic number: the test set chose it), and the honest one, the test accuracy
 * of the epoch of highest <em>validation</em> accuracy (the earlier epoch on a tie), which a user
 * without the test labels could have picked. Epoch 0, when recorded, is never chosen.
 *
 * @param name the case's name, e.g. {@code baseline}
 * @param seeds the seeds, one per run
 * @param histories each seed's history (train and validation)
 * @param testCurves each seed's test curve, same epochs
 * @param params each seed's kept {@code .params} file, or null
 */
public record CaseRuns(String name, List<Long> seeds, List<History> histories, List<SplitCurve> testCurves,
        List<String> params) {

    /** The best-epoch numbers of one seed. */
    public record Seed(long seed, int bestTestEpoch, double bestTestAccuracy, int validationEpoch,
            double validationSelectedTestAccuracy) {}

    /** Copies the lists. */
    public CaseRuns {
        seeds = List.copyOf(seeds);
        histories = List.copyOf(histories);
        testCurves = List.copyOf(testCurves);
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    /**
     * The runs of trials that trained one seed each with the test set watched.
     *
     * @param name the case's name
     * @param seeds the seeds, one per result
     * @param results the results, in seed order
     * @return the runs
     * @throws org.atelier.core.AtelierException if a trial failed
     */
    public static CaseRuns of(String name, List<Long> seeds, List<TrialResult> results) {
        if (seeds.isEmpty() || seeds.size() != results.size()) {
            throw new IllegalArgumentException("need one trial result per seed, got " + seeds.size() + " seeds and "
                    + results.size() + " results");
        }
        TrialResult.requireSucceeded(results);
        return new CaseRuns(name, seeds, results.stream().map(TrialResult::history).toList(),
                results.stream().map(TrialResult::requireTestCurve).toList(),
                results.stream().map(TrialResult::paramsFile).toList());
    }

    /** The best-epoch numbers of every seed, in order. */
    public List<Seed> perSeed() {
        List<Seed> rows = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            SplitCurve test = testCurves.get(i);
            int best = test.bestAccuracyEpoch();
            int selected = validationEpoch(histories.get(i));
            rows.add(new Seed(seeds.get(i), best, test.accuracyAt(best), selected, test.accuracyAt(selected)));
        }
        return rows;
    }

    /** The trained epoch of highest validation accuracy, the earlier on a tie. */
    static int validationEpoch(History history) {
        EpochRecord best = null;
        for (EpochRecord e : history.epochs()) {
            if (e.epoch() > 0 && (best == null || e.valAccuracy() > best.valAccuracy())) {
                best = e;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no trained epoch with validation numbers");
        }
        return best.epoch();
    }

    /** The test accuracy of each seed's best epoch (chosen on the test set), mean ± std over the seeds. */
    public MeanStd bestTestAccuracy() {
        return MeanStd.of(perSeed().stream().mapToDouble(Seed::bestTestAccuracy).toArray());
    }

    /** The test accuracy of each seed's epoch chosen on validation accuracy, mean ± std over the seeds. */
    public MeanStd validationSelectedTestAccuracy() {
        return MeanStd.of(perSeed().stream().mapToDouble(Seed::validationSelectedTestAccuracy).toArray());
    }

    /**
     * The test accuracy after each seed's last epoch, mean ± std over the seeds: the number of a
     * fixed training budget, chosen by nothing (neither the test nor a validation set).
     */
    public MeanStd finalTestAccuracy() {
        return MeanStd.of(finalTestAccuracies());
    }

    /** The test accuracy after each seed's last epoch, in the order of {@link #seeds()}. */
    public double[] finalTestAccuracies() {
        return testCurves.stream().mapToDouble(c -> c.accuracy()[c.accuracy().length - 1]).toArray();
    }

    /** Each seed's training time (the sum of its epochs' seconds, evaluation included), mean ± std over the seeds. */
    public MeanStd trainingSeconds() {
        return MeanStd.of(histories.stream().mapToDouble(History::totalSeconds).toArray());
    }

    /** The best epoch (chosen on the test set), mean ± std over the seeds. */
    public MeanStd bestEpoch() {
        return MeanStd.of(perSeed().stream().mapToDouble(Seed::bestTestEpoch).toArray());
    }

    /** The mean wall time of a trained epoch (validation and test evaluation included), in seconds. */
    public double secondsPerEpoch() {
        return histories.stream().flatMap(h -> h.epochs().stream()).filter(e -> e.epoch() > 0)
                .mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
    }

    /**
     * A training-set metric per epoch, one row per seed, over the epochs all seeds trained.
     *
     * @param metric e.g. {@code EpochRecord::trainLoss}
     * @return {@code seeds × epochs}
     */
    public double[][] train(ToDoubleFunction<EpochRecord> metric) {
        return MeanCurve.common(histories, metric);
    }

    /**
     * A test-set metric per epoch, one row per seed (aligned with {@link #epochs()}).
     *
     * @param accuracy true for accuracy, false for loss
     * @return {@code seeds × epochs}
     */
    public double[][] test(boolean accuracy) {
        int shared = epochs().length;
        return testCurves.stream().map(c -> Arrays.copyOf(accuracy ? c.accuracy() : c.loss(), shared))
                .toArray(double[][]::new);
    }

    /** The epochs all seeds recorded, as chart x values. */
    public double[] epochs() {
        return MeanCurve.commonEpochs(histories);
    }

    /** One row per seed: {@code case, seed, best_epoch, best_test_accuracy, validation_epoch, validation_selected_test_accuracy}. */
    public Table seedTable() {
        List<Seed> rows = perSeed();
        return Table.create(name + " seeds",
                StringColumn.create("case", rows.stream().map(r -> name).toList()),
                LongColumn.create("seed", rows.stream().mapToLong(Seed::seed).toArray()),
                IntColumn.create("best_epoch", rows.stream().mapToInt(Seed::bestTestEpoch).toArray()),
                DoubleColumn.create("best_test_accuracy", rows.stream().mapToDouble(Seed::bestTestAccuracy)),
                IntColumn.create("validation_epoch", rows.stream().mapToInt(Seed::validationEpoch).toArray()),
                DoubleColumn.create("validation_selected_test_accuracy",
                        rows.stream().mapToDouble(Seed::validationSelectedTestAccuracy)));
    }

    /**
     * Every seed's epochs in one table: {@code case, seed}, the {@link History#COLUMNS}, then {@code
     * test_loss, test_accuracy}.
     *
     * @return the rows of all seeds, seed after seed
     */
    public Table historyTable() {
        Table all = null;
        for (int i = 0; i < seeds.size(); i++) {
            Table table = histories.get(i).toTable();
            int rows = table.rowCount();
            SplitCurve test = testCurves.get(i);
            table.insertColumn(0, LongColumn.create("seed", rows).setMissingTo(seeds.get(i)));
            table.insertColumn(0, StringColumn.create("case", Collections.nCopies(rows, name)));
            int[] epochs = table.intColumn("epoch").asIntArray();
            double[] loss = new double[rows];
            double[] accuracy = new double[rows];
            for (int r = 0; r < rows; r++) {
                loss[r] = test.lossAt(epochs[r]);
                accuracy[r] = test.accuracyAt(epochs[r]);
            }
            table.addColumns(DoubleColumn.create("test_loss", loss), DoubleColumn.create("test_accuracy", accuracy));
            all = all == null ? table : all.append(table);
        }
        return all;
    }
}

package org.atelier.experiments.study3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import org.atelier.core.report.chart.ErrorBarChart;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.FigureRow;
import org.atelier.core.report.chart.RankingChart;
import org.atelier.core.search.CvResults;
import org.atelier.core.search.HyperparameterSearch;
import org.atelier.core.search.SearchResult;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.SplitCurve;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.atelier.experiments.study3.HyperparameterSearchExperiment.BATCH_SIZE;
import static org.atelier.experiments.study3.HyperparameterSearchExperiment.EPOCHS;
import static org.atelier.experiments.study3.HyperparameterSearchExperiment.HIDDEN_UNITS;
import static org.atelier.experiments.study3.HyperparameterSearchExperiment.LEARNING_RATE;

/**
 * The words of {@code hyperparameter-search}: each method turns one finding into its report
 * section, its answer and its metrics, side by side, so that a number cannot differ between
 * {@code report.md}, the answers at a glance and {@code summary.json}; and the figures and the
 * refit table of the run.
 */
final class HyperparameterSearchReport {

    /** The report. */
    static final RunFile REPORT = new RunFile("report.md",
            "the searches, their ranked candidates, grid against random, and the refitted best candidates' test accuracy");

    /** The refits' histories. */
    static final RunFile HISTORY = new RunFile("history.csv", "per-epoch history of each search's refit (search, epoch,"
            + " training loss and accuracy, learning rate, seconds, steps, test loss and accuracy)");

    /** Rows of each search's ranked table shown in the report (the Markdown file holds all). */
    private static final int SHOWN = 10;

    private final StudyReport report = new StudyReport("Grid and random search on MNIST's dense network");

    HyperparameterSearchReport(boolean smoke) {
        if (smoke) {
            report.preface("**Smoke run: 600 training images, one epoch, tiny networks; the numbers below mean nothing.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    void setup(HyperparameterSearch grid, HyperparameterSearch random, TrialSpec base, long seed) {
        FitSpec fit = base.fit();
        report.section("The two searches")
                .paragraph(String.format(Locale.ROOT, "The network of the Keras sheet: 784 inputs → n hidden ReLU units "
                        + "→ 10 outputs, Glorot-uniform weights (Keras's default), trained with %s at a fixed rate on "
                        + "standardized MNIST pixels (mean and standard deviation of each fit's own training part), "
                        + "seed %d. What varies is the learning rate, the batch size, the number of epochs and n.",
                        fit.optimizer().equals(FitSpec.SGD) ? "plain SGD" : "Adam", seed))
                .bullets(List.of(
                        String.format(Locale.ROOT, "**Grid search** (scikit-learn's `GridSearchCV`): every "
                                + "combination of %s: %d candidates.", values(grid), grid.candidates().size()),
                        String.format(Locale.ROOT, "**Random search** (`RandomizedSearchCV`): %d candidates drawn "
                                + "(seed %d) from %s.", random.candidates().size(), seed, distributions(random)),
                        String.format(Locale.ROOT, "**Scoring:** %s on the held-out part of %s of the training images "
                                + "(the same splits for every candidate and both searches); candidates ranked by the "
                                + "mean over the splits, as scikit-learn ranks them (ties share the lower rank).",
                                grid.scoring().scorerName(), grid.cv()),
                        "**Refit:** each search's best candidate is trained again on all training images and tested on "
                                + "the 10 000 test images, which no search decision saw."));
    }

    private static String values(HyperparameterSearch grid) {
        Map<String, List<Object>> values = new TreeMap<>();
        grid.candidates().forEach(c -> c.forEach((k, v) -> {
            List<Object> seen = values.computeIfAbsent(k, x -> new ArrayList<>());
            if (!seen.contains(v)) {
                seen.add(v);
            }
        }));
        return values.entrySet().stream().map(e -> e.getKey() + " ∈ {" + e.getValue().stream().map(CvResults::format)
                .collect(Collectors.joining(", ")) + "}").collect(Collectors.joining(", "));
    }

    private static String distributions(HyperparameterSearch random) {
        return random.description().replaceFirst("^\\d+ draws from \\{", "").replaceFirst("\\} \\(seed \\d+\\)$", "")
                .replace("=", " ~ ");
    }

    void search(SearchResult result, RunFile ranked, RunFile all, RunFile figure) {
        CvResults cv = result.cvResults();
        HyperparameterSearch search = result.search();
        CvResults.Candidate best = cv.best();
        int fits = cv.candidates().size() * cv.splits();
        double seconds = fitSeconds(cv);
        String name = search.name().equals("grid") ? "Grid search" : "Random search";
        long ties = cv.candidates().stream().filter(c -> c.rank() == 1).count();
        StudyReport.Section section = report.section(name)
                .paragraph(String.format(Locale.ROOT, "%d candidates × %d splits = %d fits, %.0f s of training "
                        + "in all. The best %d by mean score (all of them, and every fold's score, in %s and %s):",
                        cv.candidates().size(), cv.splits(), fits, seconds, Math.min(SHOWN, cv.candidates().size()),
                        ranked.name(), all.name()))
                .table(cv.rankedTable(SHOWN), 4)
                .paragraph(String.format(Locale.ROOT, "Best: **%s** with a mean %s of **%.4f ± %.4f** over the "
                        + "splits%s. %s", text(best.params()), cv.scoring().scorerName(), best.meanScore(),
                        best.stdScore(), ties > 1 ? " (tied with " + (ties - 1) + " more at rank 1; sklearn keeps the "
                                + "first)" : "", runnerUp(cv)));
        if (search.name().equals("grid")) {
            section.image("mean cross-validation score against the learning rate", figure)
                    .paragraph("Left: the grid, one line per hidden-units value, each point the best candidate of "
                            + "that learning rate and width over the other parameters, ± the standard deviation of "
                            + "its splits. Right: every random-search candidate at its learning rate, coloured by "
                            + "width.");
        }
        String key = search.name();
        section.answer(String.format(Locale.ROOT, "**%s:** best %s, mean %s %.4f ± %.4f (%d fits, %.0f s).", name,
                        text(best.params()), cv.scoring().scorerName(), best.meanScore(), best.stdScore(), fits, seconds))
                .metric("best_score_" + key, best.meanScore())
                .metric("trials_" + key, fits)
                .metric("fit_seconds_" + key, seconds);
    }

    /** How far the second-best candidate is behind, measured in the best's split spread. */
    private static String runnerUp(CvResults cv) {
        List<CvResults.Candidate> ranked = cv.ranked();
        if (ranked.size() < 2 || Double.isNaN(ranked.get(1).meanScore())) {
            return "";
        }
        CvResults.Candidate best = ranked.get(0);
        CvResults.Candidate second = ranked.get(1);
        double gap = best.meanScore() - second.meanScore();
        boolean within = gap <= Math.max(best.stdScore(), second.stdScore());
        return String.format(Locale.ROOT, "The runner-up (%s) is %.4f behind, %s the splits' standard deviation "
                + "(%.4f): %s", text(second.params()), gap, within ? "within" : "beyond",
                Math.max(best.stdScore(), second.stdScore()), within
                        ? "the ranking between the two is not resolved by these folds."
                        : "the order of the top two holds against the fold-to-fold spread.");
    }

    void compare(SearchResult grid, SearchResult random, RunFile ranking) {
        CvResults g = grid.cvResults();
        CvResults r = random.cvResults();
        double gap = r.bestScore() - g.bestScore();
        double spread = Math.max(g.best().stdScore(), r.best().stdScore());
        long beatGrid = r.candidates().stream().filter(c -> c.meanScore() > g.bestScore()).count();
        String winner = Math.abs(gap) <= spread ? "neither, within the folds' spread"
                : gap > 0 ? "the random search" : "the grid search";
        double[] rates = r.candidates().stream().mapToDouble(c -> number(c.params().get(LEARNING_RATE))).sorted().toArray();
        int fits = g.candidates().size() * g.splits() + r.candidates().size() * r.splits();
        report.section("Grid or random search?")
                .image("best candidates of both searches, ranked", ranking)
                .paragraph(String.format(Locale.ROOT, "Best mean %s: grid %.4f (%d candidates, %.0f s), random %.4f "
                        + "(%d candidates, %.0f s); difference %+.4f against a split standard deviation of up to %.4f: "
                        + "**%s** found the better setting. %d of the %d random candidates beat the grid's best. The "
                        + "grid tried %d learning rates; the random search tried %d different ones between %s and %s, "
                        + "which is where random search gains when one parameter matters much more than the others "
                        + "(Bergstra and Bengio, 2012): each of its candidates probes a new value of every parameter.",
                        g.scoring().scorerName(), g.bestScore(), g.candidates().size(), fitSeconds(g), r.bestScore(),
                        r.candidates().size(), fitSeconds(r), gap, spread, winner, beatGrid, r.candidates().size(),
                        g.candidates().stream().map(c -> c.params().get(LEARNING_RATE)).distinct().count(),
                        rates.length, CvResults.format(rates[0]), CvResults.format(rates[rates.length - 1])))
                .answer(String.format(Locale.ROOT, "**Grid or random?** best mean %s %.4f (grid) against %.4f (random): "
                        + "%s.", g.scoring().scorerName(), g.bestScore(), r.bestScore(), winner))
                .metric("best_score", Math.max(g.bestScore(), r.bestScore()))
                .metric("trials", fits);
    }

    void refit(SearchResult grid, SearchResult random) {
        SearchResult better = random.bestScore() > grid.bestScore() ? random : grid;
        Table table = refitTable(List.of(grid, random));
        report.section("The best settings retrained and tested")
                .paragraph("Each search's best candidate, trained again on all training images with its own "
                        + "epochs (nothing held out, as scikit-learn's refit), then evaluated once on the test images:")
                .table(table, 4)
                .paragraph(String.format(Locale.ROOT, "The overall best setting (highest cross-validation score: the "
                        + "%s search's %s) reaches **%.2f %%** test accuracy against %.2f %% mean accuracy on its "
                        + "held-out folds; %s", better.search().name(), text(better.cvResults().bestParams()),
                        100 * better.testAccuracy(), 100 * better.cvResults().bestScore(), testVersusCv(better)))
                .answer(String.format(Locale.ROOT, "**Best setting, retrained and tested:** %s, test accuracy %.2f %% "
                        + "(grid's best %.2f %%, random's best %.2f %%).", text(better.cvResults().bestParams()),
                        100 * better.testAccuracy(), 100 * grid.testAccuracy(), 100 * random.testAccuracy()))
                .metric("test_accuracy", better.testAccuracy())
                .metric("test_accuracy_grid", grid.testAccuracy())
                .metric("test_accuracy_random", random.testAccuracy());
    }

    private static String testVersusCv(SearchResult result) {
        if (!result.search().scoring().scorerName().equals("accuracy")) {
            return "the folds scored the log loss, so the two numbers measure different things.";
        }
        CvResults cv = result.cvResults();
        double share = result.search().cv().kind() == org.atelier.core.search.CrossValidation.Kind.HOLD_OUT
                ? 1 - result.search().cv().holdOut() : (cv.splits() - 1.0) / cv.splits();
        double gap = result.testAccuracy() - cv.bestScore();
        return String.format(Locale.ROOT, "two effects pull in opposite directions: the refit trains on %.0f %% more "
                + "images than each fold's fit, which raises accuracy, while the best of %d candidates' fold means is "
                + "biased upwards by the choosing itself (the winner's curse of model selection), which the untouched "
                + "test set does not share. Here the test accuracy is %.2f percentage points %s than the fold mean.",
                100 * (1 / share - 1), cv.candidates().size(), Math.abs(100 * gap), gap >= 0 ? "higher" : "lower");
    }

    /** Each refit: its search, parameters, CV score, epochs, test loss and accuracy, seconds. */
    static Table refitTable(List<SearchResult> results) {
        Table table = Table.create("refits");
        table.addColumns(StringColumn.create("search", results.stream().map(r -> r.search().name()).toList()),
                StringColumn.create("best parameters", results.stream().map(r -> text(r.cvResults().bestParams())).toList()),
                DoubleColumn.create("mean_cv_score", results.stream().mapToDouble(SearchResult::bestScore).toArray()),
                DoubleColumn.create("test_accuracy", results.stream().mapToDouble(SearchResult::testAccuracy).toArray()),
                DoubleColumn.create("test_loss", results.stream().mapToDouble(r -> last(r.refitResult().requireTestCurve()
                        .loss())).toArray()),
                DoubleColumn.create("fit_seconds", results.stream().mapToDouble(r -> r.refitResult().history().epochs()
                        .stream().mapToDouble(EpochRecord::seconds).sum()).toArray()));
        return table;
    }

    /**
     * The refits' per-epoch history ({@code History.toTable()}'s columns without the validation ones,
     * since a refit holds nothing out) with the search's name first and the test loss and accuracy.
     */
    static Table refitHistories(List<SearchResult> results) {
        Table all = null;
        for (SearchResult result : results) {
            TrialResult refit = result.refitResult();
            Table table = refit.history().toTable().removeColumns("val_loss", "val_accuracy");
            SplitCurve test = refit.requireTestCurve();
            int[] epochs = table.intColumn("epoch").asIntArray();
            table.insertColumn(0, StringColumn.create("search", Collections.nCopies(epochs.length, result.search().name())));
            table.addColumns(DoubleColumn.create("test_loss", Arrays.stream(epochs).mapToDouble(test::lossAt).toArray()),
                    DoubleColumn.create("test_accuracy", Arrays.stream(epochs).mapToDouble(test::accuracyAt).toArray()));
            all = all == null ? table : all.append(table);
        }
        return all;
    }

    /**
     * Mean score against the learning rate: the grid (left; per width, the best candidate over the
     * other parameters at each rate) and the random search (right; every candidate, coloured by
     * width: below or above the middle of the drawn widths).
     */
    static Figure scoreByLearningRate(SearchResult grid, SearchResult random) {
        String score = "mean CV " + grid.search().scoring().scorerName() + " (± std over splits)";
        ErrorBarChart.Builder left = ErrorBarChart.builder().title("Grid search").xLabel("learning rate (log scale)")
                .yLabel(score).logX(true);
        Map<Object, List<CvResults.Candidate>> byWidth = new TreeMap<>(Comparator.comparingDouble(w -> number(w)));
        grid.cvResults().candidates().forEach(c -> byWidth.computeIfAbsent(c.params().get(HIDDEN_UNITS),
                w -> new ArrayList<>()).add(c));
        byWidth.forEach((width, candidates) -> {
            Map<Double, CvResults.Candidate> bestPerRate = new TreeMap<>();
            candidates.stream().filter(c -> Double.isFinite(c.meanScore())).forEach(c -> bestPerRate.merge(
                    number(c.params().get(LEARNING_RATE)), c, (a, b) -> b.meanScore() > a.meanScore() ? b : a));
            if (!bestPerRate.isEmpty()) {
                left.series(width + " hidden units", bestPerRate.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        bestPerRate.values().stream().mapToDouble(CvResults.Candidate::meanScore).toArray(),
                        bestPerRate.values().stream().mapToDouble(CvResults.Candidate::stdScore).toArray(), true);
            }
        });
        List<CvResults.Candidate> drawn = random.cvResults().candidates().stream()
                .filter(c -> Double.isFinite(c.meanScore())).toList();
        double low = drawn.stream().mapToDouble(c -> number(c.params().get(HIDDEN_UNITS))).min().orElse(0);
        double high = drawn.stream().mapToDouble(c -> number(c.params().get(HIDDEN_UNITS))).max().orElse(0);
        double middle = (low + high) / 2;
        ErrorBarChart.Builder right = ErrorBarChart.builder().title("Random search").xLabel("learning rate (log scale)")
                .yLabel(score).logX(true);
        addGroup(right, String.format(Locale.ROOT, "%.0f–%.0f hidden units", low, Math.floor(middle)),
                drawn.stream().filter(c -> number(c.params().get(HIDDEN_UNITS)) <= middle).toList());
        addGroup(right, String.format(Locale.ROOT, "%.0f–%.0f hidden units", Math.floor(middle) + 1, high),
                drawn.stream().filter(c -> number(c.params().get(HIDDEN_UNITS)) > middle).toList());
        List<CvResults.Candidate> all = new ArrayList<>(drawn);
        grid.cvResults().candidates().stream().filter(c -> Double.isFinite(c.meanScore())).forEach(all::add);
        double bottom = all.stream().mapToDouble(c -> c.meanScore() - c.stdScore()).min().orElse(0);
        double top = all.stream().mapToDouble(c -> c.meanScore() + c.stdScore()).max().orElse(1);
        double margin = Math.max(0.05 * (top - bottom), 1e-3);
        left.yRange(bottom - margin, top + margin);
        right.yRange(bottom - margin, top + margin);
        double slowest = all.stream().mapToDouble(c -> number(c.params().get(LEARNING_RATE))).min().orElse(1e-3);
        double fastest = all.stream().mapToDouble(c -> number(c.params().get(LEARNING_RATE))).max().orElse(1);
        left.xRange(slowest / 1.3, fastest * 1.3);
        right.xRange(slowest / 1.3, fastest * 1.3);
        return new FigureRow("Cross-validation score against the learning rate", List.of(left.build(), right.build()));
    }

    private static void addGroup(ErrorBarChart.Builder chart, String name, List<CvResults.Candidate> candidates) {
        if (!candidates.isEmpty()) {
            chart.series(name, candidates.stream().mapToDouble(c -> number(c.params().get(LEARNING_RATE))).toArray(),
                    candidates.stream().mapToDouble(CvResults.Candidate::meanScore).toArray(),
                    candidates.stream().mapToDouble(CvResults.Candidate::stdScore).toArray(), false);
        }
    }

    /** The best candidates of both searches by mean score, best on top. */
    static Figure ranking(SearchResult grid, SearchResult random, int limit) {
        record Row(String search, CvResults.Candidate candidate) {}
        List<Row> rows = new ArrayList<>();
        grid.cvResults().candidates().forEach(c -> rows.add(new Row(grid.search().name(), c)));
        random.cvResults().candidates().forEach(c -> rows.add(new Row(random.search().name(), c)));
        RankingChart.Builder chart = RankingChart.builder().title("Best candidates of both searches")
                .groups(grid.search().name() + " search", random.search().name() + " search")
                .xLabel("mean CV " + grid.search().scoring().scorerName() + " (± std over splits)").size(1100, 650);
        rows.stream().filter(r -> Double.isFinite(r.candidate().meanScore()))
                .sorted(Comparator.comparingDouble((Row r) -> -r.candidate().meanScore())).limit(limit)
                .forEach(r -> chart.entry(r.search() + " search", String.format(Locale.ROOT, "%s #%d: %s", r.search(),
                        r.candidate().rank(), text(r.candidate().params())), r.candidate().meanScore(),
                        r.candidate().stdScore()));
        return chart.build();
    }

    /** A candidate's parameters in words: "lr 0.03, batch 32, 6 epochs, 512 units". */
    static String text(SortedMap<String, Object> params) {
        Map<String, String> words = new LinkedHashMap<>();
        words.put(LEARNING_RATE, "lr %s");
        words.put(BATCH_SIZE, "batch %s");
        words.put(EPOCHS, number(params.getOrDefault(EPOCHS, 0)) == 1 ? "%s epoch" : "%s epochs");
        words.put(HIDDEN_UNITS, "%s units");
        return words.entrySet().stream().filter(w -> params.containsKey(w.getKey()))
                .map(w -> String.format(Locale.ROOT, w.getValue(), CvResults.format(params.get(w.getKey()))))
                .collect(Collectors.joining(", "));
    }

    private static double fitSeconds(CvResults cv) {
        return cv.candidates().stream().mapToDouble(c -> c.meanFitTime() * c.splitScores().size()).sum();
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static double last(double[] values) {
        return values[values.length - 1];
    }
}

package org.atelier.experiments.study4;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.atelier.core.data.LabeledData;
import org.atelier.core.evaluation.ConfusedPair;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.evaluation.CrossValidation;
import org.atelier.core.evaluation.HoldOut;
import org.atelier.core.evaluation.MajorityClassifier;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import org.atelier.core.report.StudyReport.Section;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.ChartStyle;
import org.atelier.core.report.chart.HistogramChart;
import org.atelier.core.stats.BootstrapInterval;
import org.atelier.core.stats.CorrectedResampledTTest;
import org.atelier.core.stats.McNemarTest;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.TestSetEvaluation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The words of {@code wine-evaluation}: each method turns one finding into its report section, its
 * answer bullet and its metrics, side by side, so that a number cannot differ between {@code
 * report.md}, the answers at a glance and {@code summary.json}. The experiment computes, this class
 * explains.
 */
final class WineEvaluationReport {

    /** The report. */
    static final RunFile REPORT = new RunFile("report.md", "the evaluation's answers with the run's numbers and figures");

    private static final double SIGNIFICANCE = 0.05;

    private final StudyReport report = new StudyReport("Evaluating a small neural classifier on the UCI wine data");

    WineEvaluationReport(boolean smoke) {
        if (smoke) {
            report.preface("**Smoke run: a few epochs, few folds and resamples; the numbers below mean nothing.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    /** One row per feature: {@code feature, min, max, mean, std} over all wines. */
    static Table featureTable(LabeledData data) {
        int d = data.featureCount();
        float[] values = data.featureValues();
        double[] min = new double[d];
        double[] max = new double[d];
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double[] column = new double[data.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = values[i * d + j];
            }
            min[j] = Arrays.stream(column).min().orElseThrow();
            max[j] = Arrays.stream(column).max().orElseThrow();
            MeanStd stats = MeanStd.of(column);
            mean[j] = stats.mean();
            std[j] = stats.std();
        }
        return Table.create("features", StringColumn.create("feature", data.featureNames()),
                DoubleColumn.create("min", min), DoubleColumn.create("max", max), DoubleColumn.create("mean", mean),
                DoubleColumn.create("std", std));
    }

    void data(LabeledData wine, RunFile features) {
        Table table = featureTable(wine);
        DoubleColumn std = table.doubleColumn("std");
        double[] spreads = std.asDoubleArray();
        int widest = IntStream.range(0, spreads.length).reduce((a, b) -> spreads[a] >= spreads[b] ? a : b).orElseThrow();
        int narrowest = IntStream.range(0, spreads.length).reduce((a, b) -> spreads[a] <= spreads[b] ? a : b).orElseThrow();
        int[] counts = wine.classCounts();
        section("The data")
                .paragraph(String.format(Locale.ROOT, "%d wines from three cultivars (%s: %s wines), %d chemical "
                        + "features each. The features come in their own units, and their spreads differ by a factor "
                        + "of %.0f: %s has a standard deviation of %.1f, %s of %.3f (%s):", wine.size(),
                        String.join(", ", wine.classNames()), join(counts), wine.featureCount(),
                        std.get(widest) / std.get(narrowest), wine.featureNames().get(widest), std.get(widest),
                        wine.featureNames().get(narrowest), std.get(narrowest), features.name()))
                .table(table, 3)
                .paragraph("Any method that adds up squared feature differences (distances for k nearest "
                        + "neighbours, the dot products of a network's first layer at initialization) is therefore "
                        + "dominated by the wide features unless the features are scaled (§3).")
                .answer(String.format(Locale.ROOT, "**Data:** %d wines (%s per cultivar), %d features whose spreads "
                        + "differ %.0f-fold.", wine.size(), join(counts), wine.featureCount(),
                        std.get(widest) / std.get(narrowest)));
    }

    void stratification(Stratification s, RunFile table) {
        MeanStd random = s.randomDeviation();
        section("A stratified train/test split")
                .paragraph(String.format(Locale.ROOT, "The test part holds the same share of every cultivar: %d of the "
                        + "%d wines (%s per cultivar), the training part the other %d. A random split of the same size "
                        + "ignores the classes; its class shares drift (%s):", s.stratified().validation().size(),
                        s.data().size(), join(s.stratified().validation().classCounts()),
                        s.stratified().train().size(), table.name()))
                .table(s.table(), 3)
                .paragraph(String.format(Locale.ROOT, "The largest deviation of a test class share from the whole's "
                        + "is %.1f percentage points for the stratified split (rounding: a class cannot be split into "
                        + "fractions of a wine). Over %d random splits it is %.1f ± %.1f points on average and up to "
                        + "%.1f points; %.0f %% of them miss the proportions by more than the stratified split does. "
                        + "With %d test wines, one wine is %.1f points of accuracy: a test part that over-represents "
                        + "the easiest cultivar flatters the model, one that over-represents the hardest penalizes "
                        + "it. Stratifying removes this source of noise at no cost.", 100 * s.stratifiedDeviation(),
                        s.randomDeviations().length, 100 * random.mean(), 100 * random.std(),
                        100 * s.worstRandomDeviation(), 100 * s.shareOfRandomSplitsWorse(),
                        s.stratified().validation().size(), 100.0 / s.stratified().validation().size()))
                .answer(String.format(Locale.ROOT, "**Stratified split:** test class shares within %.1f points of the "
                        + "whole's, against %.1f points on average (up to %.1f) for random splits.",
                        100 * s.stratifiedDeviation(), 100 * random.mean(), 100 * s.worstRandomDeviation()))
                .metric("stratified_share_deviation", s.stratifiedDeviation())
                .metric("random_share_deviation_mean", random.mean());
    }

    void scaling(ScalingComparison scaling, RunFile table) {
        String network = scaling.rows().get(0).classifier();
        String knn = scaling.rows().get(3).classifier();
        ScalingComparison.Row proper = scaling.row(network, ScalingComparison.Regime.TRAIN_ONLY);
        ScalingComparison.Row leaked = scaling.row(network, ScalingComparison.Regime.LEAKED);
        ScalingComparison.Row none = scaling.row(network, ScalingComparison.Regime.NONE);
        ScalingComparison.Row knnProper = scaling.row(knn, ScalingComparison.Regime.TRAIN_ONLY);
        ScalingComparison.Row knnNone = scaling.row(knn, ScalingComparison.Regime.NONE);
        double leakTest = leaked.holdOut().testAccuracy() - proper.holdOut().testAccuracy();
        double leakCv = leaked.cv().all().mean() - proper.cv().all().mean();
        int testSize = proper.holdOut().correct().length;
        int all = (int) Math.round(proper.cv().trainSize() + proper.cv().testSize());
        String leakEffect = leakTest == 0 && Arrays.equals(leaked.cv().accuracies(), proper.cv().accuracies())
                ? String.format(Locale.ROOT, "leaves the network's results exactly as they were: the same test "
                        + "accuracy and the same accuracy on every one of the %d folds", proper.cv().accuracies().length)
                : String.format(Locale.ROOT, "changes the network's test accuracy by %+.1f points (%+d of %d test "
                        + "wines) and its cross-validated accuracy by %+.2f points", 100 * leakTest,
                        Math.round(leakTest * testSize), testSize, 100 * leakCv);
        ScalingComparison.Row knnLeaked = scaling.row(knn, ScalingComparison.Regime.LEAKED);
        double knnLeakTest = knnLeaked.holdOut().testAccuracy() - knnProper.holdOut().testAccuracy();
        double knnLeakCv = knnLeaked.cv().all().mean() - knnProper.cv().all().mean();
        section("Scaling: fitted on the training part, leaked, or none")
                .paragraph("Standardization (x − mean) / std, the statistics fitted on the training part only and then "
                        + "applied unchanged to the test part (and, in cross-validation, refitted inside every fold), "
                        + "against the same statistics fitted on all wines before splitting, so that the test wines "
                        + "shape their own scaling (a leak), and against no scaling at all. Same split, same folds, "
                        + "same seeds; cross-validated columns over every fold of every repetition (" + table.name()
                        + "):")
                .table(scaling.table(), 4)
                .paragraph(String.format(Locale.ROOT, "**No scaling** is what hurts: the network's test accuracy goes "
                        + "from %.1f %% to %.1f %% (cross-validated %.1f %% → %.1f %%), %s's from %.1f %% to %.1f %% "
                        + "(%.1f %% → %.1f %%). For k nearest neighbours the wide features (proline, magnesium) are "
                        + "nearly the whole distance. For the network they dominate the first layer's sums, so the "
                        + "loss is badly conditioned: one learning rate is too large for proline's weights or too "
                        + "small for those of features near 1. Unscaled, the network reaches only %.1f %% on its own "
                        + "training wines: it underfits, it does not overfit.", 100 * proper.holdOut().testAccuracy(),
                        100 * none.holdOut().testAccuracy(), 100 * proper.cv().all().mean(),
                        100 * none.cv().all().mean(), knn, 100 * knnProper.holdOut().testAccuracy(),
                        100 * knnNone.holdOut().testAccuracy(), 100 * knnProper.cv().all().mean(),
                        100 * knnNone.cv().all().mean(), 100 * none.holdOut().trainAccuracy()))
                .paragraph(String.format(Locale.ROOT, "**The leak** %s. The run shows why the effect is small: mean and standard deviation are two numbers per feature, "
                        + "estimated from the %d training wines or from all %d, so the leaked statistics differ from "
                        + "the correct ones by at most %.2f training standard deviations in the mean and %.1f %% in "
                        + "the spread. Every wine moves by nearly the same small offset, which barely changes which "
                        + "side of a decision boundary it lies on. The leak is still a mistake: the number it "
                        + "produces is not an estimate of performance on new wines, and leaks through steps that "
                        + "learn more from the held-out data (feature selection, imputation, target encoding, "
                        + "oversampling before splitting) inflate scores a lot. Here it is %s.", leakEffect, all - testSize, all,
                        scaling.meanShift(), 100 * scaling.stdChange(), Math.abs(leakCv) < 0.01
                                ? "below one point in cross-validation, indistinguishable from noise"
                                : "visible in cross-validation"))
                .paragraph(String.format(Locale.ROOT, "For %s the leak changes test accuracy by %+.1f points (%+d "
                        + "wines) and cross-validated accuracy by %+.2f points. A leak this weak does not even push "
                        + "scores reliably upwards: it moves the boundary a little, and a few wines near it fall "
                        + "either way.", knn, 100 * knnLeakTest, Math.round(knnLeakTest * testSize), 100 * knnLeakCv))
                .answer(String.format(Locale.ROOT, "**Scaling:** fitted on the training part %.1f %% test accuracy; "
                        + "leaked %.1f %% (%+.2f points cross-validated); none %.1f %%.",
                        100 * proper.holdOut().testAccuracy(), 100 * leaked.holdOut().testAccuracy(), 100 * leakCv,
                        100 * none.holdOut().testAccuracy()))
                .metric("test_accuracy_leaked", leaked.holdOut().testAccuracy())
                .metric("test_accuracy_unscaled", none.holdOut().testAccuracy())
                .metric("cv_accuracy_mean_leaked", leaked.cv().all().mean())
                .metric("cv_accuracy_mean_unscaled", none.cv().all().mean())
                .metric("test_accuracy_knn_unscaled", knnNone.holdOut().testAccuracy())
                .metric("leak_mean_shift", scaling.meanShift());
    }

    void testSet(HoldOut network, TestSetEvaluation evaluation, TestSetEvaluation.Files files) {
        ConfusionMatrix matrix = network.test();
        List<ConfusedPair> pairs = ConfusedPair.ranked(matrix);
        ConfusedPair worst = pairs.get(0);
        Section section = section("The network on the test part");
        section.paragraph("The network (13 inputs, one hidden ReLU layer, 3 outputs; Adam, fixed epochs, standardized "
                + "on the training part) fitted on the training part and applied once to the test part:");
        evaluation.addTo(section.body(), files, "the network", "wines");
        boolean close = Math.abs(matrix.macroF1() - matrix.microF1()) < 0.02;
        section.paragraph(String.format(Locale.ROOT, "Macro averages weight the three cultivars equally; micro "
                + "averages pool the wines, so they equal the accuracy and lean towards the largest cultivar. "
                + "Here macro F1 is %.4f and micro F1 %.4f: %s %s", matrix.macroF1(), matrix.microF1(), close
                        ? "close, because the cultivars are of similar size and no cultivar is much harder than the others."
                        : "apart, because the cultivars are not equally hard and the per-class F1 scores differ.",
                worst.count() == 0 ? "No wine was misclassified."
                        : "The most confused pair is " + worst.names() + " (" + worst.count() + " wines)."))
                .answer(String.format(Locale.ROOT, "**Test accuracy:** %.2f %% (%d of %d wines), macro F1 %.4f, micro "
                        + "F1 %.4f.", 100 * matrix.accuracy(), matrix.correct(), matrix.total(), matrix.macroF1(),
                        matrix.microF1()))
                .metric("test_accuracy", matrix.accuracy())
                .metric("test_macro_f1", matrix.macroF1())
                .metric("test_micro_f1", matrix.microF1());
    }

    void trainVersusTest(ClassifierResults results, String network, RunFile table) {
        HoldOut n = results.holdOut(network);
        section("Accuracy on the training data against held out")
                .paragraph("Every classifier scored on the wines it was fitted on and on the test part, with the "
                        + "bootstrap interval of the test accuracy (§8) (" + table.name() + "):")
                .table(results.holdOutTable(), 4)
                .paragraph(String.format(Locale.ROOT, "The network classifies %.1f %% of its training wines correctly "
                        + "and %.1f %% of the test wines (gap %+.1f points). Training accuracy is no estimate of "
                        + "performance: a model that memorizes reaches 100 %% on its own data (1-NN would, by "
                        + "construction) whatever it does on new wines; only held-out data measures generalization. "
                        + "With %d test wines, one wine is %.1f points: the gap is %+d wines. Cross-validation (§6), "
                        + "which tests on every wine once, puts the network at %.1f %%: a single test part of %d "
                        + "wines can easily land a few wines off.", 100 * n.trainAccuracy(), 100 * n.testAccuracy(),
                        100 * (n.trainAccuracy() - n.testAccuracy()), n.correct().length, 100.0 / n.correct().length,
                        Math.round((n.trainAccuracy() - n.testAccuracy()) * n.correct().length),
                        100 * results.cv(network).all().mean(), n.correct().length))
                .answer(String.format(Locale.ROOT, "**Training vs held out:** network %.1f %% on its training wines, "
                        + "%.1f %% on the test wines.", 100 * n.trainAccuracy(), 100 * n.testAccuracy()))
                .metric("train_accuracy", n.trainAccuracy());
    }

    void crossValidation(ClassifierResults results, String network, RunFile table, RunFile chart) {
        CrossValidation cv = results.cv(network);
        MeanStd single = cv.repetition(0);
        MeanStd all = cv.all();
        double[] means = cv.repetitionMeans();
        double low = Arrays.stream(means).min().orElseThrow();
        double high = Arrays.stream(means).max().orElseThrow();
        section("Stratified k-fold and repeated cross-validation")
                .paragraph(String.format(Locale.ROOT, "One train/test split scores the model on %d wines. Stratified "
                        + "%d-fold cross-validation uses every wine once for testing: the data is dealt into %d folds "
                        + "with the cultivars' proportions, and each fold is held out while the model (scaler "
                        + "included) is fitted on the other %d. Repeated cross-validation does this %d times with "
                        + "another shuffle each time. Standard deviations are sample standard deviations (divisor "
                        + "n − 1; scikit-learn's `cross_val_score(...).std()` uses n) (%s):",
                        results.holdOut(network).correct().length, cv.folds(), cv.folds(),
                        (int) Math.round(cv.trainSize()), cv.repeats(), table.name()))
                .table(results.cvTable(), 4)
                .image("Mean k-fold accuracy of each repetition per classifier", chart)
                .paragraph(String.format(Locale.ROOT, "The network's single %d-fold estimate is %.2f %% ± %.2f %% "
                        + "(std over %d folds); repeated %d times, %.2f %% ± %.2f %% over %d folds. The repetitions' "
                        + "means range from %.2f %% to %.2f %%: the same model and data give a k-fold estimate that "
                        + "moves by %.1f points with nothing but the shuffle. The fold-to-fold std is not the "
                        + "uncertainty of the mean either — the folds share training wines, so their scores are "
                        + "correlated and no simple standard error applies (§9).", cv.folds(), 100 * single.mean(),
                        100 * single.std(), cv.folds(), cv.repeats(), 100 * all.mean(), 100 * all.std(),
                        cv.accuracies().length, 100 * low, 100 * high, 100 * (high - low)))
                .answer(String.format(Locale.ROOT, "**Cross-validation:** %d-fold %.2f %% ± %.2f %%; repeated %d× "
                        + "%.2f %% ± %.2f %% (repetition means %.2f–%.2f %%).", cv.folds(), 100 * single.mean(),
                        100 * single.std(), cv.repeats(), 100 * all.mean(), 100 * all.std(), 100 * low, 100 * high))
                .metric("cv_accuracy_mean", single.mean())
                .metric("cv_accuracy_std", single.std())
                .metric("repeated_cv_accuracy_mean", all.mean())
                .metric("repeated_cv_accuracy_std", all.std());
    }

    void comparison(ClassifierResults results, String network) {
        String majority = new MajorityClassifier().name();
        ClassifierResults.Entry baseline = results.entry(majority);
        Section section = section("Against the baselines");
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "The majority-class baseline always "
                + "answers the largest cultivar of the training part: %.1f %% on the test part and %.1f %% "
                + "cross-validated, the floor any model must clear. ", 100 * baseline.holdOut().testAccuracy(),
                100 * baseline.cv().all().mean()));
        for (ClassifierResults.Entry e : results.entries()) {
            if (e.name().equals(majority)) {
                continue;
            }
            if (!e.name().equals(network)) {
                section.metric("test_accuracy_" + key(e.name()), e.holdOut().testAccuracy())
                        .metric("cv_accuracy_mean_" + key(e.name()), e.cv().all().mean());
            }
            text.append(String.format(Locale.ROOT, "%s: %.1f %% on the test part, %.2f %% ± %.2f %% repeated "
                    + "cross-validated. ", capitalize(e.name()), 100 * e.holdOut().testAccuracy(),
                    100 * e.cv().all().mean(), 100 * e.cv().all().std()));
        }
        List<ClassifierResults.Entry> ranked = results.entries().stream()
                .sorted((a, b) -> Double.compare(b.cv().all().mean(), a.cv().all().mean())).toList();
        text.append("Ranked by repeated cross-validation, the most stable of these estimates: ")
                .append(String.join(" > ", ranked.stream().map(ClassifierResults.Entry::name).toList()))
                .append(String.format(Locale.ROOT, ". The best three lie within %.1f points of each other: once "
                        + "scaled, the cultivars are nearly linearly separable, so a hidden layer has little to add. "
                        + "Whether the network and softmax regression really differ is §9's question.",
                        100 * (ranked.get(0).cv().all().mean() - ranked.get(2).cv().all().mean())));
        section.paragraph(text.toString())
                .answer(String.format(Locale.ROOT, "**Baselines (test part):** majority class %.1f %%, %s.",
                        100 * baseline.holdOut().testAccuracy(), String.join(", ", results.entries().stream()
                                .filter(e -> !e.name().equals(majority))
                                .map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.name(),
                                        100 * e.holdOut().testAccuracy())).toList())))
                .metric("baseline_accuracy", baseline.holdOut().testAccuracy())
                .metric("cv_accuracy_mean_baseline", baseline.cv().all().mean());
    }

    /** The bootstrap replicates with the interval's ends and the estimate marked. */
    static ChartFigure bootstrapChart(BootstrapInterval interval, int testSize) {
        double[] replicates = interval.replicates();
        // an accuracy on n wines is a multiple of 1/n: one bin per possible value, centred on it
        double step = 1.0 / testSize;
        double first = replicates[0];
        double last = replicates[replicates.length - 1];
        ChartFigure chart = HistogramChart.builder()
                .title(String.format(Locale.ROOT, "Bootstrap of the test accuracy (%d resamples of %d wines)",
                        interval.resamples(), testSize))
                .xLabel("accuracy on a resampled test part").yLabel("resamples")
                .bins((int) Math.round((last - first) / step) + 1).range(first - step / 2, last + step / 2)
                .data("resampled accuracy", replicates).build();
        XYPlot plot = chart.chart().getXYPlot();
        mark(plot, interval.low(), String.format(Locale.ROOT, "%.0f %% interval from %.3f", 100 * interval.level(),
                interval.low()), ChartStyle.color(1), RectangleAnchor.TOP_LEFT, TextAnchor.TOP_RIGHT);
        mark(plot, interval.high(), String.format(Locale.ROOT, "to %.3f", interval.high()), ChartStyle.color(1),
                RectangleAnchor.TOP_RIGHT, TextAnchor.TOP_LEFT);
        mark(plot, interval.estimate(), String.format(Locale.ROOT, "test accuracy %.3f", interval.estimate()),
                Color.BLACK, RectangleAnchor.RIGHT, TextAnchor.CENTER_LEFT);
        return chart;
    }

    /** A vertical line at {@code x}, its label placed by {@code anchor} (where on the line) and {@code text} (which side). */
    private static void mark(XYPlot plot, double x, String label, Color color, RectangleAnchor anchor, TextAnchor text) {
        ValueMarker marker = new ValueMarker(x, color, new BasicStroke(2f));
        marker.setLabel(label);
        marker.setLabelFont(ChartStyle.TICK_FONT);
        marker.setLabelAnchor(anchor);
        marker.setLabelTextAnchor(text);
        plot.addDomainMarker(marker);
    }

    void bootstrap(BootstrapInterval interval, HoldOut network, RunFile chart) {
        int n = network.correct().length;
        section("A bootstrap confidence interval for the test accuracy")
                .paragraph(String.format(Locale.ROOT, "The test accuracy %.2f %% is measured on %d wines; another %d "
                        + "wines would have given another number. The bootstrap estimates how much: it draws %d test "
                        + "parts of %d wines with replacement from the real one, scores the fitted network's "
                        + "predictions on each, and takes the middle %.0f %% of those accuracies (percentile "
                        + "method): **[%.2f %%, %.2f %%]**, %.1f points wide.", 100 * interval.estimate(), n, n,
                        interval.resamples(), n, 100 * interval.level(), 100 * interval.low(), 100 * interval.high(),
                        100 * interval.width()))
                .image("Bootstrap distribution of the network's test accuracy", chart)
                .paragraph("The distribution is lumpy because an accuracy on " + n + " wines can only take "
                        + (n + 1) + " values, and it is cut off at 100 %: an interval that ends at 1.0 says that a "
                        + "perfect score is plausible, not that it was reached. It covers only the choice of test "
                        + "wines; a new training seed or split adds its own variation (§6 shows that spread).")
                .answer(String.format(Locale.ROOT, "**%.0f %% bootstrap interval of the test accuracy:** [%.2f %%, "
                        + "%.2f %%] (%d resamples).", 100 * interval.level(), 100 * interval.low(),
                        100 * interval.high(), interval.resamples()))
                .metric("bootstrap_ci_low", interval.low())
                .metric("bootstrap_ci_high", interval.high());
    }

    /** One row per test: {@code test, data, statistic, p_value}. */
    static Table pairedTable(McNemarTest mcnemar, CorrectedResampledTTest t) {
        return Table.create("paired tests",
                StringColumn.create("test", "McNemar exact (binomial)", "McNemar χ² (continuity-corrected)",
                        "corrected resampled t (Nadeau–Bengio)", "naive paired t (for contrast)"),
                StringColumn.create("data", "test part: b = " + mcnemar.onlyFirstCorrect() + ", c = "
                        + mcnemar.onlySecondCorrect(), "same", t.splits() + " folds, df " + t.degreesOfFreedom(), "same"),
                DoubleColumn.create("statistic", Double.NaN, mcnemar.chiSquare(), t.t(), t.naiveT()),
                DoubleColumn.create("p_value", mcnemar.exactPValue(), mcnemar.chiSquarePValue(), t.pValue(),
                        t.naivePValue()));
    }

    void pairedTests(McNemarTest mcnemar, CorrectedResampledTTest t, CrossValidation cv, String network,
            String softmax, RunFile table) {
        boolean mcnemarSays = mcnemar.exactPValue() < SIGNIFICANCE;
        boolean correctedSays = t.pValue() < SIGNIFICANCE;
        boolean naiveSays = t.naivePValue() < SIGNIFICANCE;
        section("Does the network beat softmax regression?")
                .paragraph(String.format(Locale.ROOT, "Both were evaluated on the same wines, so the comparison is "
                        + "paired. **McNemar's test** on the test part looks only at the wines on which exactly one "
                        + "of them is right: %d that only the %s gets right, %d that only %s does. Under \"equally good\" each such wine is a "
                        + "fair coin; the exact two-sided binomial p-value is %.3f (the χ² approximation, meant for "
                        + "25 or more discordant wines, gives %.3f).", mcnemar.onlyFirstCorrect(), network,
                        mcnemar.onlySecondCorrect(), softmax, mcnemar.exactPValue(), mcnemar.chiSquarePValue()))
                .paragraph(String.format(Locale.ROOT, "The **corrected resampled t-test** (Nadeau and Bengio) uses "
                        + "the %d paired fold accuracies of the repeated cross-validation: mean difference %+.2f "
                        + "points, t = %.2f on %d degrees of freedom, p = %.3f. A naive paired t-test on the same "
                        + "numbers gives t = %.2f, p = %.4f: it treats the %d folds as independent, but any two "
                        + "training parts of one repetition share %.0f %% of their wines ((k − 2)/(k − 1)), those "
                        + "of different repetitions %.0f %% on average ((k − 1)/k), so the fold scores are correlated and "
                        + "the naive variance is far too small; the correction multiplies it by (1 + J·n_test/n_train) "
                        + "= %.1f (%s).", t.splits(), 100 * t.meanDifference(), t.t(), t.degreesOfFreedom(),
                        t.pValue(), t.naiveT(), t.naivePValue(), t.splits(),
                        100.0 * (cv.folds() - 2) / (cv.folds() - 1), 100.0 * (cv.folds() - 1) / cv.folds(), 1 + t.splits() * cv.testSize() / cv.trainSize(),
                        table.name()))
                .table(pairedTable(mcnemar, t), 4)
                .paragraph(verdict(mcnemarSays, correctedSays, naiveSays,
                        mcnemar.onlyFirstCorrect() > mcnemar.onlySecondCorrect() ? network : softmax,
                        t.meanDifference() > 0 ? network : softmax))
                .answer(String.format(Locale.ROOT, "**Network vs softmax regression:** McNemar p = %.3f, corrected "
                        + "resampled t-test p = %.3f (naive t-test p = %.4f), mean CV difference %+.2f points: %s.",
                        mcnemar.exactPValue(), t.pValue(), t.naivePValue(), 100 * t.meanDifference(),
                        mcnemarSays && correctedSays ? "both tests find a difference at 5 %"
                                : mcnemarSays || correctedSays ? "only " + (mcnemarSays ? "McNemar" : "the corrected t-test")
                                        + " finds a difference at 5 %" : "no significant difference at 5 %"))
                .metric("mcnemar_p_value", mcnemar.exactPValue())
                .metric("corrected_t_p_value", t.pValue())
                .metric("naive_t_p_value", t.naivePValue())
                .metric("cv_accuracy_difference", t.meanDifference());
    }

    private static String verdict(boolean mcnemar, boolean corrected, boolean naive, String betterOnTest,
            String betterInCv) {
        if (!mcnemar && !corrected) {
            return "Verdict: at the 5 % level neither test finds a difference; on this data the hidden layer cannot "
                    + "be shown to matter." + (naive ? " The naive t-test would have claimed one: the mistake the "
                            + "correction exists for." : "");
        }
        if (mcnemar && corrected) {
            return "Verdict: both tests find a difference at the 5 % level"
                    + (betterOnTest.equals(betterInCv) ? ", in favour of " + betterOnTest + "."
                            : ", but in opposite directions (test part: " + betterOnTest + ", cross-validation: "
                                    + betterInCv + ").");
        }
        return "Verdict: the tests disagree at the 5 % level: " + (mcnemar ? "McNemar finds a difference in favour of "
                + betterOnTest + ", the corrected t-test does not" : "the corrected t-test finds a difference in favour "
                + "of " + betterInCv + ", McNemar does not") + ". The t-test uses every wine of the repeated "
                + "cross-validation, McNemar only the few test wines on which the two disagree, so McNemar has little "
                + "power here; still, one test at the 5 % level is weak evidence.";
    }

    private Section section(String heading) {
        return report.section(heading);
    }

    private static String join(int[] counts) {
        return String.join("/", Arrays.stream(counts).mapToObj(Integer::toString).toList());
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A comparison classifier's name as a metric suffix: {@code softmax regression} → {@code softmax}, {@code 5-NN} → {@code knn}. */
    private static String key(String name) {
        return name.startsWith("softmax") ? "softmax" : "knn";
    }
}

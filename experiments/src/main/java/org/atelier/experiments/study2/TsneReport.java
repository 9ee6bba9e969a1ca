package org.atelier.experiments.study2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.atelier.core.embedding.Points;
import org.atelier.core.embedding.Tsne;
import org.atelier.core.embedding.TsneResult;
import org.atelier.core.evaluation.ConfusedPair;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialResult;

/**
 * The words of {@code tsne-features}: each method turns one finding into its report section, its
 * answer and its metrics, side by side, so that a number cannot differ between {@code report.md},
 * the answers at a glance and {@code summary.json}.
 */
final class TsneReport {

    /** The report. */
    static final RunFile REPORT = new RunFile("report.md", "the sheet's t-SNE questions answered with the run's numbers");

    /** The speed target of the t-SNE of 60 000 points on the 2-core build machine, in seconds. */
    static final double TARGET_SECONDS = 180;

    /** scikit-learn's Barnes–Hut t-SNE on such features on the 2-core build machine (issue 7), in seconds. */
    static final double SKLEARN_SECONDS = 808;

    /** A class whose held-out images find their own class this often in the map forms its own island. */
    static final double ISLAND_RECALL = 0.95;

    private final StudyReport report = new StudyReport("t-SNE of the CNN's fc1 features (Fashion-MNIST)");

    TsneReport(boolean smoke) {
        if (smoke) {
            report.preface("**Smoke run: a few hundred images, one epoch; the numbers below mean nothing.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    void model(TrialData data, TrialResult trained, TestSetEvaluation test, Points features, Params params, long seed,
            TestSetEvaluation.Files testFiles) {
        EpochRecord best = trained.history().best();
        StudyReport.Section section = report.section("The network and its fc1 features").paragraph(String.format(
                Locale.ROOT, "The CNN of the PyTorch MNIST example (conv 10@5×5 → max-pool → ReLU → conv 20@5×5 → "
                        + "dropout → max-pool → ReLU → fc1 50 → ReLU → dropout → fc2 10, dropout %.2f) trained on %d "
                        + "Fashion-MNIST training images with Adam (rate %s%s, batch %d) for %s, seed %d; %d images "
                        + "held out for validation chose the epoch whose parameters are kept: epoch %d (validation "
                        + "accuracy %.2f %%). On the %d test images it reaches **%.2f %%**.",
                params.getDouble("dropout"), data.train().size(), params.getDouble("learning_rate"),
                CnnCases.scheduleWords(params), params.getInt("batch_size"), count(trained.history().last().epoch(), "epoch"), seed, data.validation().size(),
                best.epoch(), 100 * best.valAccuracy(), test.matrix().total(), 100 * test.matrix().accuracy()))
                .paragraph(String.format(Locale.ROOT, "The features are fc1's %d outputs after its ReLU, computed in "
                        + "inference mode (dropout off) for the first %d images of the training file, in the file's "
                        + "order, standardized as in training. %.1f %% of the values are exactly 0 (the ReLU's "
                        + "sparsity); %s of the %d are 0 for every image.", features.dimensions(),
                        features.count(), 100 * zeroShare(features), count(deadUnits(features), "unit"),
                        features.dimensions()));
        test.addTo(section.body(), testFiles, "the CNN");
        section.metric("test_accuracy", test.matrix().accuracy())
                .metric("best_epoch", best.epoch())
                .metric("feature_zero_share", zeroShare(features));
    }

    void map(TsneResult result, double seconds, double loadAverage, Tsne tsne, RunFile figure, RunFile convergence,
            int threads) {
        int n = result.embedding().count();
        boolean fast = seconds <= TARGET_SECONDS;
        Map<String, Number> numbers = new LinkedHashMap<>();
        numbers.put("nearest-neighbour search (s)", result.neighborSeconds());
        numbers.put("affinities (s)", result.affinitySeconds());
        numbers.put("gradient descent (s)", result.optimizationSeconds());
        numbers.put("t-SNE in all (s)", seconds);
        numbers.put("CPU time of the process during the t-SNE (s)", result.cpuSeconds());
        numbers.put("KL(P ‖ Q) of the map", result.klDivergence());
        StudyReport.Section section = report.section("The t-SNE map");
        if (Double.isFinite(loadAverage)) {
            section.metric("tsne_load_average", loadAverage);
        }
        section.image("t-SNE map of the fc1 features", figure)
                .paragraph(String.format(Locale.ROOT, "Each dot is one training image, placed by t-SNE so that images "
                        + "with similar fc1 features lie close together, coloured by its true class; names mark each "
                        + "class's median position. Distances within a cluster are meaningful, distances between "
                        + "clusters and the clusters' sizes much less so."))
                .paragraph(String.format(Locale.ROOT, "Method (the core's `Tsne`, after FIt-SNE and openTSNE): "
                        + "perplexity %s on the exact %d nearest neighbours of each point (matrix products on the "
                        + "engine, exact distances on the host), a start from the first two principal components, "
                        + "early exaggeration %s for %d iterations, %d iterations in all, learning rate %.0f (max(200, N / 12)), "
                        + "momentum 0.5 then 0.8 with per-coordinate gains, and the repulsion of all pairs by "
                        + "interpolation on a grid with FFT convolution (O(N) per iteration); %d host threads. The "
                        + "KL divergence every 50 iterations is in `%s`.", fmt(tsne.perplexity()), result.neighbors(),
                        fmt(tsne.earlyExaggeration()), tsne.earlyExaggerationIterations(), tsne.iterations(),
                        result.learningRate(), threads, convergence.name()))
                .keyNumbers(numbers)
                .paragraph(String.format(Locale.ROOT, "The t-SNE of %d points took **%.1f s**%s. For comparison, "
                        + "scikit-learn's Barnes–Hut t-SNE needs %.0f s for 60 000 such features on the same 2-core "
                        + "machine (measured for issue 7, not in this run). These machines are shared: wall times "
                        + "vary with the other processes' load (the load average during this t-SNE: %.1f on %d "
                        + "cores), CPU time much less (%.1f s here, on %d threads).",
                        n, seconds, n == 60_000
                                ? fast ? String.format(Locale.ROOT, ", within the target of %.0f s", TARGET_SECONDS)
                                        : String.format(Locale.ROOT, ", **over the target of %.0f s**", TARGET_SECONDS)
                                : "", SKLEARN_SECONDS, loadAverage, Runtime.getRuntime().availableProcessors(),
                        result.cpuSeconds(), threads))
                .answer(String.format(Locale.ROOT, "**t-SNE of %d fc1 feature vectors:** %.1f s (KL %.3f)%s.", n,
                        seconds, result.klDivergence(), n == 60_000
                                ? fast ? String.format(Locale.ROOT, ", within %.0f s", TARGET_SECONDS)
                                        : String.format(Locale.ROOT, ", OVER the %.0f s target", TARGET_SECONDS)
                                : ""))
                .metric("tsne_seconds", seconds)
                .metric("tsne_kl_divergence", result.klDivergence())
                .metric("tsne_neighbor_seconds", result.neighborSeconds())
                .metric("tsne_affinity_seconds", result.affinitySeconds())
                .metric("tsne_optimization_seconds", result.optimizationSeconds())
                .metric("tsne_cpu_seconds", result.cpuSeconds())
                .metric("samples", n);
    }

    void quality(FeatureQuality quality, double networkAccuracy, RunFile confusion, RunFile overlap,
            RunFile perClass) {
        ConfusionMatrix features = quality.features();
        ConfusionMatrix map = quality.map();
        String check = quality.mapKeepsAccuracy()
                ? String.format(Locale.ROOT, "within one percentage point (%+.2f), as it should be: the map keeps "
                        + "the neighbourhoods that the classification relies on", quality.gapPoints())
                : String.format(Locale.ROOT, "**%+.2f percentage points: NOT within one point** — the map %s the "
                        + "neighbourhoods of the features", quality.gapPoints(),
                        quality.gapPoints() < 0 ? "loses some of" : "tidies up");
        double testGap = 100 * (quality.test().accuracy() - networkAccuracy);
        String verdict = testGap >= -1
                ? String.format(Locale.ROOT, "as good as the network's own fc2 on the same images (%.2f %%, %+.2f "
                        + "points): the 50 features already carry the class information that fc2 reads out",
                        100 * networkAccuracy, testGap)
                : String.format(Locale.ROOT, "%.2f points below the network's own fc2 on the same images "
                        + "(%.2f %%): a linear read-out of the features beats the neighbour vote", -testGap,
                        100 * networkAccuracy);
        Map<String, Number> numbers = new LinkedHashMap<>();
        numbers.put("kNN accuracy in the 50-D features (%)", 100 * features.accuracy());
        numbers.put("kNN accuracy in the 2-D map (%)", 100 * map.accuracy());
        numbers.put("map minus features (percentage points)", quality.gapPoints());
        numbers.put("test images, kNN in the 50-D features (%)", 100 * quality.test().accuracy());
        numbers.put("test images, the network's fc2 (%)", 100 * networkAccuracy);
        report.section("How good are the fc1 features?")
                .paragraph(String.format(Locale.ROOT, "A %d-nearest-neighbour vote classifies a stratified 20 %% of "
                        + "the embedded images (%d) by the other %d, once in the 50-D features and once in the 2-D "
                        + "map: the same images, the same neighbours' labels, only the space differs. A tie goes to "
                        + "the tied class with the nearest member.", quality.k(), features.total(), quality.fitting()))
                .keyNumbers(numbers)
                .paragraph(String.format(Locale.ROOT, "In the map, %.2f %% of the held-out images are classified "
                        + "correctly, against %.2f %% in the features: %s. These images are training images, most "
                        + "of them seen by the network in training, so both numbers flatter the features; the %d "
                        + "**test** images, classified by their %d nearest neighbours among the %d embedded "
                        + "training images in the features, reach %.2f %%: %s.",
                        100 * map.accuracy(), 100 * features.accuracy(), check, quality.test().total(), quality.k(),
                        quality.fitting() + features.total(), 100 * quality.test().accuracy(), verdict))
                .image("kNN confusion matrix in the map", confusion)
                .paragraph("The class pairs mixed up most by the vote in the map (`" + overlap.name() + "`), with the "
                        + "same pairs in the 50-D features; per class in `" + perClass.name() + "`:")
                .table(quality.overlapTable(), 2)
                .table(quality.perClassTable(), 2)
                .answer(String.format(Locale.ROOT, "**How good are the fc1 features for further classification?** "
                        + "%d-NN accuracy %.2f %% in the 50-D features and %.2f %% in the 2-D map (%+.2f points, %s); "
                        + "on test images %.2f %% against %.2f %% for the network's fc2; the classes that overlap "
                        + "most are %s.", quality.k(), 100 * features.accuracy(), 100 * map.accuracy(),
                        quality.gapPoints(), quality.mapKeepsAccuracy() ? "within 1 point" : "NOT within 1 point",
                        100 * quality.test().accuracy(), 100 * networkAccuracy, pairs(quality.mapPairs().subList(0, 3))))
                .metric("knn_accuracy_2d", map.accuracy())
                .metric("knn_accuracy_features", features.accuracy())
                .metric("knn_accuracy_gap_points", quality.gapPoints())
                .metric("knn_accuracy_test_features", quality.test().accuracy());
    }

    void observations(FeatureQuality quality, RunFile figure) {
        ConfusionMatrix map = quality.map();
        List<Integer> islands = IntStream.range(0, map.classCount()).filter(c -> map.recall(c) >= ISLAND_RECALL)
                .boxed().toList();
        List<Integer> mixed = IntStream.range(0, map.classCount()).filter(c -> map.recall(c) < ISLAND_RECALL)
                .boxed().sorted((a, b) -> Double.compare(map.recall(a), map.recall(b))).toList();
        String islandText = islands.isEmpty() ? "no class" : islands.stream()
                .map(c -> String.format(Locale.ROOT, "%s (%.1f %%)", map.classNames().get(c), 100 * map.recall(c)))
                .collect(Collectors.joining(", "));
        String mixedText = mixed.isEmpty() ? "none" : mixed.stream()
                .map(c -> String.format(Locale.ROOT, "%s (%.1f %%)", map.classNames().get(c), 100 * map.recall(c)))
                .collect(Collectors.joining(", "));
        report.section("What do you observe?")
                .paragraph(String.format(Locale.ROOT, "Classes whose held-out images find their own class among "
                        + "their neighbours in the map at least %.0f %% of the time form islands of their own: %s. "
                        + "The others share borders: %s. The pairs mixed up most: %s.",
                        100 * ISLAND_RECALL, islandText, mixedText, pairs(quality.mapPairs())))
                .answer(String.format(Locale.ROOT, "**What do you observe?** %d of %d classes form islands of "
                        + "their own in the map%s; the overlaps are %s.", islands.size(), map.classCount(),
                        islands.isEmpty() ? "" : " (" + islands.stream().map(c -> map.classNames().get(c))
                                .collect(Collectors.joining(", ")) + ")",
                        pairs(quality.mapPairs().subList(0, 3))));
    }

    void files(RunFile features, RunFile embedding, RunFile labels, int n) {
        report.section("The numbers for use elsewhere").paragraph(String.format(Locale.ROOT, "`%s` (float32, %d × 50), "
                + "`%s` (float32, %d × 2) and `%s` (int64, %d) hold the features, the map and the classes in "
                + "NumPy's format, row i for the i-th image of the training file: `numpy.load(\"%s\")`.",
                features.name(), n, embedding.name(), n, labels.name(), n, embedding.name()));
    }

    private static String pairs(List<ConfusedPair> pairs) {
        return pairs.stream().map(p -> String.format(Locale.ROOT, "%s (%.1f %%)", p.names(), 100 * p.rate()))
                .collect(Collectors.joining(", "));
    }

    private static double zeroShare(Points features) {
        long zeros = 0;
        for (float v : features.values()) {
            zeros += v == 0 ? 1 : 0;
        }
        return (double) zeros / features.values().length;
    }

    private static int deadUnits(Points features) {
        int dead = 0;
        for (int d = 0; d < features.dimensions(); d++) {
            boolean active = false;
            for (int i = 0; i < features.count() && !active; i++) {
                active = features.get(i, d) != 0;
            }
            dead += active ? 0 : 1;
        }
        return dead;
    }

    /** "1 epoch", "10 epochs". */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

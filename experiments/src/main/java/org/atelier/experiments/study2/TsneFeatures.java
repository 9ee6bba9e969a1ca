package org.atelier.experiments.study2;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.Fold;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.Subset;
import org.atelier.core.embedding.Points;
import org.atelier.core.embedding.Tsne;
import org.atelier.core.embedding.TsneResult;
import org.atelier.core.evaluation.KnnClassification;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.models.Models;
import org.atelier.core.report.Npy;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.chart.ClassScatterChart;
import org.atelier.core.report.chart.ConfusionMatrixChart;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.training.Inference;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * {@code tsne-features}: trains the PyTorch-example CNN on Fashion-MNIST, takes the 50 fc1
 * activations (after their ReLU) of every training image, embeds them in 2-D with the core's
 * t-SNE and asks how good the features are: k-nearest-neighbour accuracy of held-out images in
 * the 50-D features and in the map, and which classes overlap. Writes the features, the map and
 * the labels as {@code .npy} files, rows in the training file's order.
 */
public final class TsneFeatures implements Experiment {

    /** Held out for the kNN accuracy: the first fold of a stratified split into this many. */
    static final int KNN_FOLDS = 5;

    static final RunFile MAP = new RunFile("tsne-fc1.png", "the t-SNE map of the fc1 features, coloured by class");
    static final RunFile FEATURES = new RunFile("features.npy",
            "fc1 features after ReLU, float32 (N, 50), rows in the training file's order");
    static final RunFile EMBEDDING = new RunFile("embedding.npy", "the t-SNE map, float32 (N, 2), same rows");
    static final RunFile LABELS = new RunFile("labels.npy", "the class of each row, int64 (N)");
    static final RunFile CONVERGENCE = new RunFile("tsne-convergence.csv",
            "KL divergence, extent and seconds of the t-SNE optimization every 50 iterations");
    static final RunFile KNN_MAP = new RunFile("knn-confusion-2d.png",
            "confusion matrix of 10-NN classification of held-out images in the 2-D map");
    static final RunFile KNN_MAP_TABLE = new RunFile("knn-confusion-2d.csv", "the same as counts");
    static final RunFile KNN_FEATURES_TABLE = new RunFile("knn-confusion-features.csv",
            "confusion matrix of 10-NN classification of the same images in the 50-D features (counts)");
    static final RunFile OVERLAP_CSV = new RunFile("class-overlap.csv",
            "the class pairs mixed up most by kNN in the map, with the same pairs in the features");
    static final RunFile OVERLAP_MARKDOWN = new RunFile("class-overlap.md", "the same as a Markdown table");
    static final RunFile PER_CLASS_CSV = new RunFile("knn-per-class.csv", "kNN recall per class, 50-D and 2-D");
    static final RunFile PER_CLASS_MARKDOWN = new RunFile("knn-per-class.md", "the same as a Markdown table");
    static final RunFile HISTORY = new RunFile("history.csv", "per-epoch history of the CNN");
    static final TestSetEvaluation.Files TEST = TestSetEvaluation.Files.of("test", "the CNN");

    @Override
    public String name() {
        return "tsne-features";
    }

    @Override
    public String description() {
        return "t-SNE map of the CNN's fc1 features for all 60 000 Fashion-MNIST training images, with kNN accuracy"
                + " in 2-D and 50-D";
    }

    @Override
    public List<String> datasets() {
        return List.of(Datasets.FASHION_MNIST);
    }

    @Override
    public String study() {
        return Study2Report.STUDY;
    }

    @Override
    public String details() {
        return """
                What does the feature space of fc1 look like, and how good are its features for further
                classification? Trains the PyTorch-example CNN on Fashion-MNIST (Adam, validation hold-out,
                the epoch of lowest validation loss kept), computes the 50 fc1 activations after their ReLU
                for the first `samples` training images (all 60 000 by default) in the file's order, and
                embeds them in 2-D with the core's t-SNE (exact 3·perplexity nearest neighbours, early
                exaggeration, FFT-accelerated repulsion as in FIt-SNE). Draws the map coloured by class;
                classifies a stratified 20 % of the images by their k nearest neighbours among the other
                80 %, in the 50-D features and in the 2-D map, and names the class pairs that overlap most.
                Writes features.npy, embedding.npy and labels.npy for use elsewhere.""";
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> params = new ArrayList<>(CnnCases.modelParameters("training epochs of the CNN"));
        params.addAll(List.of(
                Param.ofInt("samples", 60_000, "training images embedded, from the start of the file").smoke(1000)
                        .between(100, 60_000),
                Param.ofDouble("perplexity", 30, "t-SNE perplexity; 3 × perplexity neighbours per point")
                        .between(1, 1000),
                Param.ofInt("iterations", 1000, "t-SNE iterations in all").smoke(300).between(1, 100_000),
                Param.ofInt("exaggeration_iterations", 250, "t-SNE iterations with early exaggeration 12")
                        .smoke(100).between(0, 100_000),
                Param.ofInt("knn_k", 10, "neighbours that vote in the kNN accuracy").between(1, 1000),
                Param.ofInt("threads", 0, "host threads of the t-SNE and kNN search (0: all processors)")
                        .between(0, 1024)));
        return params;
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(TsneReport.REPORT, MAP, FEATURES, EMBEDDING, LABELS,
                CONVERGENCE, KNN_MAP, KNN_MAP_TABLE, KNN_FEATURES_TABLE, OVERLAP_CSV, OVERLAP_MARKDOWN,
                PER_CLASS_CSV, PER_CLASS_MARKDOWN, HISTORY));
        outputs.addAll(TEST.all());
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        int threads = params.getInt("threads") == 0 ? Runtime.getRuntime().availableProcessors()
                : params.getInt("threads");
        TrialSpec spec = CnnCases.model(context, "cnn-seed-" + context.seed(), context.seed());
        TrialResult trained = TrialResult.requireSucceeded(context.trials().run(List.of(spec))).get(0);
        TrialData data = Trials.data(spec.data(), context.trials().environment());
        LabeledData images = Datasets.fashionMnist(context.data(), Subset.TRAIN).head(params.getInt("samples"));
        TsneReport report = new TsneReport(context.smoke());
        Points features;
        Points testFeatures;
        double networkAccuracy;
        try (Model model = load(context, spec, trained, dir); NDManager manager = context.manager().newSubManager()) {
            TestSetEvaluation test = TestSetEvaluation.of(model.getBlock(), data.test(), data.classNames());
            test.write(dir, TEST, "Confusion matrix of the CNN on the Fashion-MNIST test set");
            SequentialBlock cnn = (SequentialBlock) model.getBlock();
            features = fc1Features(cnn, data.standardizer().apply(images).features(manager), manager);
            testFeatures = fc1Features(cnn, data.test().features(), manager);
            report.model(data, trained, test, features, params, context.seed(), TEST);
            networkAccuracy = test.matrix().accuracy();
        }
        dir.csv(HISTORY, trained.history().toTable());
        int[] labels = images.labels();

        Tsne tsne = Tsne.builder().optPerplexity(params.getDouble("perplexity"))
                .optIterations(params.getInt("iterations"))
                .optEarlyExaggerationIterations(params.getInt("exaggeration_iterations"))
                .optSeed(context.seed()).optThreads(threads).optProgress(context.progress()::println).build();
        double loadBefore = loadAverage();
        long start = System.nanoTime();
        TsneResult result = tsne.embed(context.manager(), features);
        double seconds = (System.nanoTime() - start) / 1e9;
        double load = (loadBefore + loadAverage()) / 2;
        Points map = result.embedding();
        dir.write(FEATURES, out -> Npy.writeFloat32(out, features.values(), features.count(), features.dimensions()));
        dir.write(EMBEDDING, out -> Npy.writeFloat32(out, map.values(), map.count(), 2));
        dir.write(LABELS, out -> Npy.writeInt64(out, labels, labels.length));
        dir.save(MAP, ClassScatterChart.builder()
                .title(String.format(Locale.ROOT, "t-SNE of the CNN's fc1 features: %,d Fashion-MNIST training images",
                        map.count()))
                .xLabel("t-SNE dimension 1").yLabel("t-SNE dimension 2").points(map.values(), labels, data.classNames())
                .markerSize(markerSize(map.count())).classLabels(true).build());
        dir.csv(CONVERGENCE, convergence(result));
        report.map(result, seconds, load, tsne, MAP, CONVERGENCE, threads);

        int[] testLabels = data.test().labels().toType(DataType.INT32, false).toIntArray();
        FeatureQuality quality = quality(context, features, map, labels, testFeatures, testLabels, data.classNames(),
                params.getInt("knn_k"), threads);
        dir.save(KNN_MAP, ConfusionMatrixChart.of(quality.map(), String.format(
                "%d-NN classification of %d held-out images in the t-SNE map", quality.k(), quality.map().total())));
        dir.csv(KNN_MAP_TABLE, quality.map().toTable());
        dir.csv(KNN_FEATURES_TABLE, quality.features().toTable());
        dir.csv(OVERLAP_CSV, quality.overlapTable());
        dir.markdown(OVERLAP_MARKDOWN, quality.overlapTable(), 2);
        dir.csv(PER_CLASS_CSV, quality.perClassTable());
        dir.markdown(PER_CLASS_MARKDOWN, quality.perClassTable(), 2);
        report.quality(quality, networkAccuracy, KNN_MAP, OVERLAP_CSV, PER_CLASS_CSV);
        report.observations(quality, MAP);
        report.files(FEATURES, EMBEDDING, LABELS, map.count());
        report.report().write(dir, TsneReport.REPORT, context::metric);
    }

    private static Model load(ExperimentContext context, TrialSpec spec, TrialResult result, RunDirectory dir) {
        Path params = result.params().orElseThrow();
        dir.artifact(dir.root().relativize(params).toString());
        return Trials.loadModel(spec, params, context.trials().environment());
    }

    /** The fc1 activations after ReLU of standardized images, in inference mode (dropout off). */
    private static Points fc1Features(SequentialBlock cnn, NDArray images, NDManager manager) {
        NDArray features = Inference.innerOutput(cnn, Models.featureLayers(cnn), images, manager);
        Shape expected = new Shape(images.getShape().get(0), 50);
        if (!features.getShape().equals(expected)) {
            throw new IllegalStateException("fc1 features should be " + expected + ", got " + features.getShape());
        }
        return Points.of(features);
    }

    /**
     * The same held-out 20 % of the embedded images classified in the features and in the map, and
     * the test images classified in the features by all embedded images.
     */
    private static FeatureQuality quality(ExperimentContext context, Points features, Points map, int[] labels,
            Points testFeatures, int[] testLabels, List<String> classNames, int k, int threads) {
        LabeledData rows = new LabeledData("fc1 features", new Shape(features.dimensions()), features.values(), labels,
                classNames);
        Fold fold = Splits.stratifiedKFold(rows, KNN_FOLDS, context.seed()).get(0);
        NDManager manager = context.manager();
        return new FeatureQuality(k, fold.trainIndices().length,
                KnnClassification.holdOut(manager, features, labels, classNames, fold, k, threads),
                KnnClassification.holdOut(manager, map, labels, classNames, fold, k, threads),
                KnnClassification.classify(manager, features, labels, testFeatures, testLabels, classNames, k, threads));
    }

    /** The system's load average over the last minute, or NaN where the JVM does not report it. */
    private static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    /** Markers shrink as points grow more numerous, so that 60 000 stay readable and 1 000 visible. */
    private static double markerSize(int points) {
        return points > 20_000 ? 2.2 : points > 5_000 ? 3 : 5;
    }

    private static Table convergence(TsneResult result) {
        IntColumn iteration = IntColumn.create("iteration");
        DoubleColumn kl = DoubleColumn.create("kl_divergence");
        DoubleColumn extent = DoubleColumn.create("extent");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (TsneResult.Checkpoint c : result.checkpoints()) {
            iteration.append(c.iteration());
            kl.append(c.klDivergence());
            extent.append(c.extent());
            seconds.append(c.seconds());
        }
        return Table.create("t-SNE convergence", iteration, kl, extent, seconds);
    }
}

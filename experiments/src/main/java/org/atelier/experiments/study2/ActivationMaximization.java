package org.atelier.experiments.study2;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Transform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.atelier.core.data.Datasets;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.ImageGrid;
import org.atelier.core.report.chart.LabeledScatterChart;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.training.Inference;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;
import org.atelier.core.visualize.ActivationMaximizer;

/**
 * {@code activation-maximization}: what did the CNN learn? Trains the PyTorch-example CNN on
 * Fashion-MNIST, synthesizes for each class the image that maximizes its pre-softmax output unit
 * (gradient ascent on the input from an empty image, with L2 decay, blur and jitter, and once
 * without them), and asks whether the classes the model recognizes best on the test set are those
 * whose images look most like the class — judged by an independently trained second model.
 */
public final class ActivationMaximization implements Experiment {

    /** Fashion-MNIST images: one channel of 28 × 28. */
    private static final Shape IMAGE = new Shape(1, 28, 28);
    /** The judge is trained like the model from this much larger seed, so that the two share nothing random. */
    static final long JUDGE_SEED_OFFSET = 1_000;

    static final RunFile IMAGES = new RunFile("class-images.png",
            "the image that maximizes each class's logit, with L2 decay, blur and jitter");
    static final RunFile IMAGES_UNREGULARIZED = new RunFile("class-images-unregularized.png",
            "the same by plain gradient ascent, without regularization");
    static final RunFile LOGITS = new RunFile("target-logit.png", "the target logit per ascent step, both variants");
    static final RunFile SCATTER = new RunFile("accuracy-vs-quality.png",
            "per-class test accuracy against image quality (the judge's probability), with Spearman's rho");
    static final RunFile CLASSES_CSV = new RunFile("classes.csv",
            "per class: test accuracy, quality, the judge's verdict, logits, roughness, ranks; both variants");
    static final RunFile CLASSES_MARKDOWN = new RunFile("classes.md", "the same as a Markdown table");
    static final RunFile HISTORY = new RunFile("history.csv", "per-epoch history of the visualized model");
    static final RunFile JUDGE_HISTORY = new RunFile("judge-history.csv", "per-epoch history of the judge model");
    static final TestSetEvaluation.Files TEST = TestSetEvaluation.Files.of("test", "the visualized model");

    @Override
    public String name() {
        return "activation-maximization";
    }

    @Override
    public String description() {
        return "What the Fashion-MNIST CNN learned: images that maximize each class's logit, and whether accuracy"
                + " tracks image quality";
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
                What did the network learn, and does per-class accuracy correlate with the quality of the
                images it produces? Trains the PyTorch-example CNN on Fashion-MNIST (Adam, validation
                hold-out, the epoch of lowest validation loss kept) and, from seed + 1000, an independent
                second model of the same kind, the judge. For each class, starting from an all-zero image,
                gradient ascent on the input (DJL's GradientCollector, model in inference mode) maximizes
                the class's pre-softmax fc2 unit, with L2 decay, a Gaussian blur every few steps and random
                jitter; and once without any of them. Draws the ten images of each variant, the target
                logit per step and the model's test confusion matrix. Image quality = the probability the
                judge gives the image's class; Spearman's rank correlation (ties averaged, exact
                permutation p-value) between it and the per-class test accuracy answers the question, with
                the caveat that n = 10 classes.""";
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> params = new ArrayList<>(CnnCases.modelParameters("training epochs of the model and of the judge"));
        params.addAll(List.of(
                Param.ofInt("steps", 300, "gradient-ascent steps per image").smoke(30).between(1, 100_000),
                Param.ofDouble("rate", 0.05, "ascent step: root-mean-square pixel change per step").between(1e-6, 10),
                Param.ofDouble("l2", 0.02, "L2 decay: the image is multiplied by 1 − l2 each step").between(0, 0.99),
                Param.ofInt("blur_every", 4, "steps between Gaussian blurs (0 = no blur)").between(0, 100_000),
                Param.ofDouble("blur_sigma", 0.7, "standard deviation of the blur in pixels").between(0.01, 10),
                Param.ofInt("jitter", 2, "largest random shift per step in pixels (0 = none)").between(0, 13)));
        return params;
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(ActivationMaximizationReport.REPORT, IMAGES,
                IMAGES_UNREGULARIZED, LOGITS, SCATTER, CLASSES_CSV, CLASSES_MARKDOWN, HISTORY, JUDGE_HISTORY));
        outputs.addAll(TEST.all());
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        TrialSpec modelSpec = CnnCases.model(context, "model-seed-" + context.seed(), context.seed());
        long judgeSeed = context.seed() + JUDGE_SEED_OFFSET;
        TrialSpec judgeSpec = CnnCases.model(context, "judge-seed-" + judgeSeed, judgeSeed);
        List<TrialResult> results = TrialResult.requireSucceeded(context.trials().run(List.of(modelSpec, judgeSpec)));
        TrialData data = Trials.data(modelSpec.data(), context.trials().environment());
        ActivationMaximizer regularized = maximizer(params, context.seed());
        ActivationMaximizer plain = regularized.toBuilder().unregularized().build();
        ClassImages images;
        long parameters;
        double judgeAccuracy;
        double maximizationSeconds;
        try (Model model = load(context, modelSpec, results.get(0), dir);
                Model judge = load(context, judgeSpec, results.get(1), dir);
                NDManager manager = context.manager().newSubManager()) {
            TestSetEvaluation test = TestSetEvaluation.of(model.getBlock(), data.test(), data.classNames());
            test.write(dir, TEST, "Confusion matrix of the CNN on the Fashion-MNIST test set");
            parameters = model.getBlock().getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            judgeAccuracy = TestSetEvaluation.of(judge.getBlock(), data.test(), data.classNames()).matrix()
                    .accuracy();
            Transform standardize = standardization(data);
            int[] classes = IntStream.range(0, data.classNames().size()).toArray();
            long start = System.nanoTime();
            ActivationMaximizer.Result withRegularization = regularized.maximize(model.getBlock(), IMAGE, classes,
                    standardize, manager);
            ActivationMaximizer.Result withoutRegularization = plain.maximize(model.getBlock(), IMAGE, classes,
                    standardize, manager);
            maximizationSeconds = (System.nanoTime() - start) / 1e9;
            images = new ClassImages(data.classNames(), test.matrix(),
                    ClassImages.Variant.of(withRegularization), ClassImages.Variant.of(withoutRegularization),
                    classify(model, withRegularization.images(), standardize),
                    classify(judge, withRegularization.images(), standardize),
                    classify(judge, withoutRegularization.images(), standardize));
        }
        dir.csv(HISTORY, results.get(0).history().toTable());
        dir.csv(JUDGE_HISTORY, results.get(1).history().toTable());
        dir.save(IMAGES, grid(images.classNames(), images.regularized(),
                "Activation maximization: the image each class's logit likes best (L2 decay, blur, jitter)"));
        dir.save(IMAGES_UNREGULARIZED, grid(images.classNames(), images.unregularized(),
                "The same without regularization: plain gradient ascent"));
        dir.save(LOGITS, logitCurves(images, params.getInt("steps")));
        dir.save(SCATTER, scatter(images));
        dir.csv(CLASSES_CSV, images.table());
        dir.markdown(CLASSES_MARKDOWN, images.table(), 4);

        ActivationMaximizationReport report = new ActivationMaximizationReport(context.smoke());
        report.models(data, parameters, results.get(0), results.get(1), context.seed(),
                context.seed() + JUDGE_SEED_OFFSET, images.test().accuracy(), judgeAccuracy, params);
        report.method(regularized, params);
        report.images(images, IMAGES, LOGITS, maximizationSeconds);
        report.unregularized(images, IMAGES_UNREGULARIZED);
        report.confusion(images, TEST);
        report.correlation(images, SCATTER, CLASSES_CSV);
        report.report().write(dir, ActivationMaximizationReport.REPORT, context::metric);
    }

    private static Model load(ExperimentContext context, TrialSpec spec, TrialResult result, RunDirectory dir) {
        Path params = result.params().orElseThrow();
        dir.artifact(dir.root().relativize(params).toString());
        return Trials.loadModel(spec, params, context.trials().environment());
    }

    static ActivationMaximizer maximizer(Params params, long seed) {
        return ActivationMaximizer.builder().optSteps(params.getInt("steps")).optRate(params.getDouble("rate"))
                .optL2(params.getDouble("l2")).optBlur(params.getInt("blur_every"), params.getDouble("blur_sigma"))
                .optJitter(params.getInt("jitter")).optRange(0, 1).optSeed(seed).build();
    }

    /** Pixels in [0, 1] to the model's input: the training split's mean and standard deviation. */
    private static Transform standardization(TrialData data) {
        float mean = data.standardizer().mean()[0];
        float std = data.standardizer().std()[0];
        return x -> x.sub(mean).div(std);
    }

    private static Inference.Predictions classify(Model model, NDArray images, Transform standardize) {
        try (NDManager scratch = images.getManager().newSubManager()) {
            NDArray input = standardize.transform(images);
            input.attach(scratch);
            return Inference.classify(model.getBlock(), input, true);
        }
    }

    private static Figure grid(List<String> classNames, ClassImages.Variant variant, String title) {
        // one shared value range: pixels are in [0, 1] and a faint image should look faint
        ImageGrid.Builder grid = ImageGrid.builder().title(title).columns(5).scale(4)
                .scaling(ImageGrid.Scaling.SHARED);
        for (int c = 0; c < classNames.size(); c++) {
            grid.image(variant.pixels()[c], 28, 28, classNames.get(c));
        }
        return grid.build();
    }

    private static Figure logitCurves(ClassImages images, int steps) {
        double[] x = IntStream.range(0, steps).asDoubleStream().toArray();
        return LineChart.builder().title("Target logit during gradient ascent (mean ± 1 std over the "
                        + images.size() + " classes; thin lines: each class)")
                .xLabel("ascent step").yLabel("pre-softmax logit of the target class").size(1000, 600)
                .runs("with L2 decay, blur, jitter", x, toDouble(images.regularized().trace()), true)
                .runs("without regularization", x, toDouble(images.unregularized().trace()), true)
                .build();
    }

    private static Figure scatter(ClassImages images) {
        LabeledScatterChart.Builder chart = LabeledScatterChart.builder()
                .title(ActivationMaximizationReport.scatterTitle(images.correlation()))
                .xLabel("test accuracy of the class (recall)")
                .yLabel("image quality: judge's probability of the class").size(1000, 650);
        for (int c = 0; c < images.size(); c++) {
            chart.point(images.classNames().get(c), images.accuracy(c), images.quality(c));
        }
        return chart.build();
    }

    private static double[][] toDouble(float[][] values) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new double[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                out[i][j] = values[i][j];
            }
        }
        return out;
    }
}

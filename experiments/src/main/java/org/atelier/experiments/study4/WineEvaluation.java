package org.atelier.experiments.study4;

import java.util.ArrayList;
import java.util.List;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.Fold;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.evaluation.Classifier;
import org.atelier.core.evaluation.CrossValidation;
import org.atelier.core.evaluation.HoldOut;
import org.atelier.core.evaluation.MajorityClassifier;
import org.atelier.core.evaluation.NearestNeighborClassifier;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.models.Models;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.stats.BootstrapInterval;
import org.atelier.core.stats.CorrectedResampledTTest;
import org.atelier.core.stats.McNemarTest;
import org.atelier.core.study.NetworkClassifier;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.training.FitConfig;

/**
 * {@code wine-evaluation}: a small neural classifier on the UCI wine data, evaluated step by step
 * the way a small data set demands — stratified split, scaling fitted on the training part only
 * (against leaking and not scaling), confusion matrix and per-class metrics, training against
 * held-out accuracy, stratified and repeated cross-validation, three comparison classifiers, a
 * bootstrap interval for the test accuracy and two paired tests of network against softmax
 * regression.
 */
public final class WineEvaluation implements Experiment {

    private static final RunFile FEATURES = new RunFile("features.csv",
            "the 13 features: unit range, mean and standard deviation over all 178 wines");
    private static final RunFile STRATIFICATION = new RunFile("stratification.csv",
            "class shares of the whole data, the stratified parts and a random split's parts");
    private static final RunFile SCALING = new RunFile("scaling.csv",
            "test and cross-validated accuracy with scaling fitted on the training part, leaked from all data, and none");
    private static final TestSetEvaluation.Files TEST = TestSetEvaluation.Files.of("network-test", "the network");
    private static final RunFile HOLD_OUT = new RunFile("classifiers-test.csv",
            "every classifier on the held-out test part: training and test accuracy, macro F1, bootstrap interval");
    private static final RunFile CV_FOLDS = new RunFile("cv-folds.csv",
            "held-out accuracy of every classifier on every fold of every repetition");
    private static final RunFile CV_SUMMARY = new RunFile("cv-summary.csv",
            "per classifier: single k-fold mean ± std, repeated mean ± std, range of the repetition means");
    private static final RunFile CV_CHART = new RunFile("cv-repetitions.png",
            "mean k-fold accuracy of each repetition, per classifier");
    private static final RunFile BOOTSTRAP_CHART = new RunFile("bootstrap.png",
            "bootstrap distribution of the network's test accuracy with its percentile interval");
    private static final RunFile PAIRED_TESTS = new RunFile("paired-tests.csv",
            "network against softmax regression: McNemar on the test part, corrected and naive t-tests on the folds");

    @Override
    public String name() {
        return "wine-evaluation";
    }

    @Override
    public String description() {
        return "A small network on UCI wine, evaluated properly: stratified split, scaling leak, CV, baselines, bootstrap CI, paired tests";
    }

    @Override
    public String study() {
        return Study4.STUDY;
    }

    @Override
    public List<String> datasets() {
        return List.of(Datasets.WINE);
    }

    @Override
    public String details() {
        return """
                How good is a small neural classifier on the UCI wine data (178 wines, 13 chemical
                features, 3 cultivars), and how sure can we be? A stratified train/test split (class
                shares compared with random splits); standardization fitted on the training part only,
                against fitting it on all wines (a leak) and no scaling; the test confusion matrix,
                per-class precision, recall and F1, macro and micro averages; training against test
                accuracy; stratified k-fold cross-validation (mean ± std) and repeated stratified k-fold;
                the majority-class baseline, softmax regression and k nearest neighbours on the same
                split and folds; a percentile bootstrap interval for the test accuracy; McNemar's test
                on the test part and the Nadeau–Bengio corrected resampled t-test on the folds of
                network against softmax regression.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofDouble("test_fraction", 0.2, "share of each class held out as the test part").between(0.05, 0.5),
                Param.ofInt("hidden_units", 16, "units of the network's one hidden ReLU layer").smoke(8).between(1, 4096),
                Param.ofInt("epochs", 100, "training epochs of the network and softmax regression (fixed, no early stopping)")
                        .smoke(5).between(1, 10_000),
                Param.ofDouble("learning_rate", 0.01, "Adam's learning rate").between(1e-6, 1),
                Param.ofInt("batch_size", 32, "samples per update").between(1, 178),
                Param.ofInt("neighbors", 5, "k of the k-nearest-neighbour classifier").between(1, 50),
                Param.ofInt("folds", 5, "k of the stratified k-fold cross-validation").smoke(3).between(2, 20),
                Param.ofInt("repeats", 10, "repetitions of the k-fold cross-validation, each reshuffled").smoke(2)
                        .between(2, 100),
                Param.ofInt("bootstrap_resamples", 10_000, "resamples of the bootstrap interval").smoke(1000)
                        .between(100, 1_000_000),
                Param.ofDouble("confidence", 0.95, "level of the bootstrap interval").between(0.5, 0.999),
                Param.ofInt("random_splits", 1000, "random (unstratified) splits whose class shares are compared")
                        .smoke(50).between(1, 100_000));
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(WineEvaluationReport.REPORT, FEATURES, STRATIFICATION,
                SCALING));
        outputs.addAll(TEST.all());
        outputs.addAll(List.of(HOLD_OUT, CV_FOLDS, CV_SUMMARY, CV_CHART, BOOTSTRAP_CHART, PAIRED_TESTS));
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        WineEvaluationReport report = new WineEvaluationReport(context.smoke());
        long seed = context.seed();
        LabeledData wine = Datasets.wine(context.data());
        dir.csv(FEATURES, WineEvaluationReport.featureTable(wine));
        report.data(wine, FEATURES);

        double testFraction = params.getDouble("test_fraction");
        Fold heldOut = Splits.stratifiedHoldOut(wine, testFraction, seed);
        TrainValidation split = heldOut.split(wine);
        Stratification stratification = Stratification.of(wine, split, testFraction, params.getInt("random_splits"), seed);
        dir.csv(STRATIFICATION, stratification.table());
        report.stratification(stratification, STRATIFICATION);

        Classifier network = network(context, wine, new int[] {params.getInt("hidden_units")});
        Classifier softmax = network(context, wine, new int[0]);
        Classifier knn = new NearestNeighborClassifier(context.manager(), params.getInt("neighbors"), 2);
        List<List<Fold>> folds = Splits.repeatedStratifiedKFold(wine, params.getInt("folds"), params.getInt("repeats"), seed);

        ScalingComparison scaling = ScalingComparison.run(wine, heldOut, folds, List.of(network, knn),
                context.progress());
        dir.csv(SCALING, scaling.table());
        report.scaling(scaling, SCALING);

        HoldOut networkTest = scaling.properly(network.name()).holdOut();
        TestSetEvaluation evaluation = new TestSetEvaluation(networkTest.test());
        evaluation.write(dir, TEST, "Network on the wine test part: confusion matrix");
        report.testSet(networkTest, evaluation, TEST);

        context.progress().println("wine-evaluation: majority class and softmax regression");
        ClassifierResults results = ClassifierResults.run(List.of(new MajorityClassifier(), softmax.standardized()),
                wine, heldOut, folds, scaling, params.getDouble("confidence"), params.getInt("bootstrap_resamples"), seed);
        dir.csv(HOLD_OUT, results.holdOutTable());
        report.trainVersusTest(results, network.name(), HOLD_OUT);
        dir.csv(CV_FOLDS, results.foldTable());
        dir.csv(CV_SUMMARY, results.cvTable());
        dir.save(CV_CHART, results.repetitionChart());
        report.crossValidation(results, network.name(), CV_SUMMARY, CV_CHART);
        report.comparison(results, network.name());

        BootstrapInterval interval = results.interval(network.name());
        dir.save(BOOTSTRAP_CHART, WineEvaluationReport.bootstrapChart(interval, networkTest.correct().length));
        report.bootstrap(interval, networkTest, BOOTSTRAP_CHART);

        McNemarTest mcnemar = McNemarTest.of(networkTest.correct(), results.holdOut(softmax.name()).correct());
        CrossValidation networkCv = results.cv(network.name());
        CorrectedResampledTTest tTest = CorrectedResampledTTest.of(networkCv.accuracies(),
                results.cv(softmax.name()).accuracies(), (int) Math.round(networkCv.trainSize()),
                (int) Math.round(networkCv.testSize()));
        dir.csv(PAIRED_TESTS, WineEvaluationReport.pairedTable(mcnemar, tTest));
        report.pairedTests(mcnemar, tTest, networkCv, network.name(), softmax.name(), PAIRED_TESTS);
        report.report().write(dir, WineEvaluationReport.REPORT, context::metric);
    }

    /** A network with the given hidden layers (none: softmax regression), trained with Adam for fixed epochs. */
    private static Classifier network(ExperimentContext context, LabeledData data, int[] hidden) {
        Params params = context.params();
        FitConfig config = FitConfig.builder().optAdam((float) params.getDouble("learning_rate"))
                .setBatchSize(params.getInt("batch_size")).setEpochs(params.getInt("epochs")).optSeed(context.seed())
                .optProgress(null).build();
        String name = hidden.length == 0 ? "softmax regression"
                : "network " + data.featureCount() + "-" + hidden[0] + "-" + data.numClasses();
        return new NetworkClassifier(name, context.backend(), () -> Models.mlp(hidden, data.numClasses()), config);
    }
}

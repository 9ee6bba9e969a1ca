package org.atelier.experiments.study3;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.data.Datasets;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.models.MnistCnns;
import org.atelier.core.prediction.RunModels;
import org.atelier.core.prediction.SavedModel;
import org.atelier.core.report.ModelSummary;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialRegistry;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;

/**
 * {@code mnist-tiny-cnn}: the exercise sheet's 1 765-parameter CNN, its parameters layer by layer,
 * the dense network of about the same size, both trained and tested on MNIST, then a VGG-style CNN
 * of far more capacity trained to the best accuracy the budget allows, its epochs chosen from the
 * validation curve, and why its training accuracy lies below its validation accuracy.
 */
public final class MnistTinyCnn implements Experiment {

    /** The larger CNN's default stage widths, dense units and dropout rates (architecture-zoo builds the same). */
    static final List<Integer> DEFAULT_WIDTHS = List.of(16, 32);
    static final int DEFAULT_DENSE = 128;
    static final double DEFAULT_CONV_DROPOUT = 0.25;
    static final double DEFAULT_DENSE_DROPOUT = 0.5;

    private static final RunFile PARAMETERS_CSV = new RunFile("tiny-cnn-parameters.csv",
            "the tiny CNN's layers: output shape, weights, biases and how they add up");
    private static final RunFile PARAMETERS_MD = new RunFile("tiny-cnn-parameters.md", "the same as a Markdown table");
    private static final RunFile SUMMARY = new RunFile("tiny-cnn-summary.txt", "the tiny CNN's Keras-style model summary");
    private static final RunFile DENSE = new RunFile("dense-equivalents.csv",
            "parameters of one hidden layer of n nodes, 784·n + n + 10·n + 10, against the CNN's");
    private static final RunFile BEST_PARAMETERS = new RunFile("best-cnn-parameters.md",
            "the larger CNN's layers and parameters");
    private static final RunFile LADDER_CSV = new RunFile("capacity.csv",
            "every trained model: parameters, epochs, accuracies (train, validation, test), seconds per epoch");
    private static final RunFile LADDER_MD = new RunFile("capacity.md", "the same as a Markdown table");
    private static final RunFile ACCURACY = new RunFile("curves-accuracy.png",
            "training and validation accuracy per epoch of every model");
    private static final RunFile LOSS = new RunFile("curves-loss.png", "training and validation loss per epoch of every model");
    private static final RunFile BEST_CURVES = new RunFile("best-cnn-accuracy.png",
            "the larger CNN's accuracy per epoch: training (dropout on), validation, training in inference mode");

    @Override
    public String name() {
        return "mnist-tiny-cnn";
    }

    @Override
    public String description() {
        return "A 1 765-parameter CNN on MNIST, its dense equivalent, and a larger CNN aiming at ≥ 99.3 % test accuracy";
    }

    @Override
    public List<String> datasets() {
        return List.of(Datasets.MNIST);
    }

    @Override
    public String study() {
        return Study3Report.STUDY;
    }

    /** The MNIST test images exported as example inputs. */
    static final int EXAMPLES = 20;

    @Override
    public String details() {
        return """
                The exercise sheet's tiny CNN (conv 8@5×5, max-pool, conv 3@5×5, max-pool, dense 16, dense 10):
                its 1 765 trainable parameters explained layer by layer (weights + biases), next to the
                dense formula 784·n + n + 10·n + 10 for one hidden layer of n nodes and the n nearest to
                1 765 parameters. Both are trained (Adam, early stopping on the validation loss, best
                epoch kept) on MNIST (54 000 train / 6 000 validation, standardized) and tested on the
                10 000 test images. Then capacity goes up: a VGG-style CNN (two 3×3 convolutions with
                batch normalization per stage, max-pool, dropout; a dense layer with dropout), its
                epochs chosen by the validation loss, tested; its training accuracy is measured once
                more in inference mode to show why it lies below the validation accuracy. Every model is
                saved under models/ (./atelier predict uses them; the best by validation accuracy is the
                default). The first 20 test images are exported as examples/example_input_NN.png and
                classified from the files, their accuracy compared with the test set's (exact binomial
                interval); the project's own digits (data/own-digits, synthetic strokes in five styles,
                read with DJL's ImageFolder) are converted as MNIST was made and classified likewise.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofDouble("learning_rate", 0.001, "Adam's learning rate for every model").between(1e-6, 1),
                Param.ofInt("batch_size", 128, "images per update").between(1, 60_000),
                Param.ofInt("tiny_epochs", 30, "most epochs of the tiny CNN and the dense network").smoke(2)
                        .between(1, 1000),
                Param.ofInts("widths", DEFAULT_WIDTHS, "filters of each stage of the larger CNN (two 3×3 convs each)")
                        .smoke(List.of(4, 8)).between(1, 1024),
                Param.ofInt("dense_units", DEFAULT_DENSE, "hidden dense units of the larger CNN").smoke(16).between(1, 100_000),
                Param.ofDouble("conv_dropout", DEFAULT_CONV_DROPOUT, "dropout after each stage of the larger CNN").between(0, 0.95),
                Param.ofDouble("dense_dropout", DEFAULT_DENSE_DROPOUT, "dropout before the larger CNN's output layer").between(0, 0.95),
                Param.ofInt("best_epochs", 12, "most epochs of the larger CNN").smoke(2).between(1, 1000),
                Param.ofInt("patience", 3, "early stopping: epochs without a lower validation loss").smoke(1)
                        .between(1, 1000),
                Param.ofInt("train_eval_images", 10_000,
                        "training images classified again in inference mode (dropout off, running batch-norm statistics)")
                        .smoke(200).between(1, 60_000));
    }

    @Override
    public List<RunFile> outputs() {
        return List.of(Study3Report.REPORT, Study3Report.HISTORY, SUMMARY, PARAMETERS_CSV, PARAMETERS_MD, DENSE,
                BEST_PARAMETERS, LADDER_CSV, LADDER_MD, ACCURACY, LOSS, BEST_CURVES, DigitApplication.MODELS,
                DigitApplication.EXAMPLES, DigitApplication.OWN_DIGITS, DigitApplication.PREPROCESSING);
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        Study3Report report = new Study3Report("A 1 765-parameter CNN on MNIST, and how far capacity takes it",
                context.smoke());
        DataSpec data = Study3Report.mnist(context);
        Path ownDigits = DigitApplication.ownDigitsFolder(context.data()); // missing: fail before training

        ModelSpec tinySpec = Study3Components.tinySpec(10);
        ModelSpec bestSpec = Study3Components.vggSpec(10, params.getInts("widths"), params.getInt("dense_units"),
                params.getDouble("conv_dropout"), params.getDouble("dense_dropout"));
        LayerParameters tiny;
        LayerParameters best;
        try (NDManager manager = context.manager().newSubManager()) {
            SequentialBlock tinyBlock = MnistCnns.tiny(10);
            tiny = explain(tinyBlock, manager);
            dir.writeString(SUMMARY, ModelSummary.of(tinyBlock, INPUT).toText());
            best = explain((SequentialBlock) TrialRegistry.instance().model(bestSpec.factory())
                    .create(bestSpec.args(), 10), manager);
        }
        dir.csv(PARAMETERS_CSV, tiny.table());
        dir.markdown(PARAMETERS_MD, tiny.table(), 4);
        dir.markdown(BEST_PARAMETERS, best.table(), 4);
        report.tinyParameters(tiny, PARAMETERS_MD, SUMMARY);

        DenseEquivalent dense = new DenseEquivalent(28 * 28, 10, tiny.trainable());
        dir.csv(DENSE, dense.table());
        report.denseFormula(dense);

        FitSpec tinyFit = fit(params, params.getInt("tiny_epochs"));
        FitSpec bestFit = fit(params, params.getInt("best_epochs"));
        long seed = context.seed();
        List<TrialSpec> specs = List.of(
                TrialSpec.of("tiny-cnn", tinySpec, data, tinyFit, seed).withSaveParams(true),
                TrialSpec.of("dense-" + dense.nearestN(), ModelSpec.mlp(10, dense.nearestN()), data, tinyFit, seed)
                        .withSaveParams(true),
                TrialSpec.of("vgg-cnn", bestSpec, data, bestFit, seed).withSaveParams(true));
        List<TrialResult> results = TrialResult.requireSucceeded(context.trials().run(specs));
        String load = MachineLoad.sentence();
        MachineLoad.oneMinute().ifPresent(l -> context.metric("load_average", l));
        TrialEnvironment environment = context.trials().environment();
        List<String> labels = List.of("tiny CNN", "dense, n = " + dense.nearestN(), "VGG-style CNN");
        List<Long> counts = List.of(tiny.trainable(), dense.parameters(dense.nearestN()), best.trainable());
        List<TrainedModel> models = new ArrayList<>();
        double inferenceTrainAccuracy = Double.NaN;
        int trainImages = 0;
        for (int i = 0; i < specs.size(); i++) {
            TrialSpec spec = specs.get(i);
            TrialResult result = results.get(i);
            TrialData trialData = Trials.data(spec.data(), environment);
            try (Model model = Trials.loadModel(spec, Path.of(result.paramsFile()), environment)) {
                double test = accuracy(TestSetEvaluation.of(model.getBlock(), trialData.test(), trialData.classNames())
                        .matrix());
                TrainedModel trained = new TrainedModel(labels.get(i), spec, result, counts.get(i), test);
                models.add(trained);
                DigitApplication.save(dir, model, trained, trialData);
                if (i == specs.size() - 1) {
                    trainImages = Math.min(params.getInt("train_eval_images"), trialData.train().size());
                    inferenceTrainAccuracy = inferenceAccuracy(model, trialData.train().slice(0, trainImages),
                            trialData.classNames());
                }
            }
        }
        dir.csv(Study3Report.HISTORY, Study3Report.histories(models));
        dir.csv(LADDER_CSV, Study3Report.ladder(models));
        dir.markdown(LADDER_MD, Study3Report.ladder(models), 4);
        dir.save(ACCURACY, Study3Report.accuracyCurves(models));
        dir.save(LOSS, Study3Report.lossCurves(models));
        TrainedModel tinyModel = models.get(0);
        TrainedModel denseModel = models.get(1);
        TrainedModel bestModel = models.get(2);
        dir.save(BEST_CURVES, Study3Report.bestCurves(bestModel, inferenceTrainAccuracy));
        report.tinyTrained(tinyModel, denseModel, ACCURACY, LOSS);
        report.capacity(bestModel, tinyModel, best, BEST_PARAMETERS, LADDER_MD, context.smoke(), load);
        report.epochs(bestModel, BEST_CURVES);
        report.trainBelowValidation(bestModel, inferenceTrainAccuracy, trainImages);
        apply(context, models, ownDigits, new ApplicationReport(report.report()));
        report.report().write(dir, Study3Report.REPORT, context::metric);
        context.metric("seconds_per_epoch", bestModel.secondsPerEpoch());
    }

    /**
     * Exercise 10.1's {@code apply()} and 10.2: marks the default model, then classifies the
     * exported examples and the own digits with it, loaded back from its folder.
     */
    private static void apply(ExperimentContext context, List<TrainedModel> models, Path ownDigits,
            ApplicationReport report) {
        RunDirectory dir = context.runDirectory();
        TrainedModel chosen = DigitApplication.index(dir, models);
        report.models(models, chosen, DigitApplication.MODELS);
        try (SavedModel saved = SavedModel.load(RunModels.resolve(dir.root(), null), context.backend())) {
            DigitApplication.Examples examples = DigitApplication.examples(dir, context.data(), saved, EXAMPLES);
            dir.csv(DigitApplication.EXAMPLES, ApplicationReport.examplesTable(examples));
            report.examples(examples, chosen, DigitApplication.EXAMPLES);
            List<DigitApplication.Classified> own = DigitApplication.ownDigits(ownDigits, saved, context.manager());
            dir.csv(DigitApplication.OWN_DIGITS, ApplicationReport.ownDigitsTable(own));
            dir.save(DigitApplication.PREPROCESSING, ApplicationReport.preprocessingFigure(own));
            report.ownDigits(own, chosen, DigitApplication.PREPROCESSING, DigitApplication.OWN_DIGITS);
        }
    }

    /** The input shape of one image. */
    private static final Shape INPUT = new Shape(1, 1, 28, 28);

    private static LayerParameters explain(SequentialBlock block, NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, INPUT);
        return LayerParameters.of(block, INPUT);
    }

    private static FitSpec fit(Params params, int epochs) {
        return FitSpec.builder().adam(params.getDouble("learning_rate")).batchSize(params.getInt("batch_size"))
                .maxEpochs(epochs).earlyStopping(params.getInt("patience"), 0).restoreBest(true)
                .initializer("xavier").build();
    }

    private static double accuracy(ConfusionMatrix matrix) {
        return (double) matrix.correct() / matrix.total();
    }

    /** Accuracy with dropout off and batch normalization on its running statistics, as at test time. */
    private static double inferenceAccuracy(Model model, LabeledArrays images, List<String> classNames) {
        return accuracy(TestSetEvaluation.of(model.getBlock(), images, classNames).matrix());
    }
}

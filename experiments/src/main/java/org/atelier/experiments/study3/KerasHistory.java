package org.atelier.experiments.study3;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Subset;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.prediction.RunModels;
import org.atelier.core.prediction.SavedModel;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.training.History;
import org.atelier.core.training.Inference;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;

/**
 * {@code keras-history}: the Keras sheet's dense network on MNIST, fitted with validation data; its
 * history by Keras's keys drawn as the sheet draws it (training accuracy; training against
 * validation accuracy; training against validation loss, the epoch after which the validation loss
 * stops improving marked); the test set evaluated once; the model saved and loaded back. Then a
 * grid of epochs × batch size: which combinations make the curves converge best, by final
 * validation loss, train/validation gap and wall time.
 */
public final class KerasHistory implements Experiment {

    private static final RunFile LOG = new RunFile("fit-log.txt",
            "the fit's log as Keras prints it with verbose=2, one line per epoch");
    private static final RunFile ACCURACY = new RunFile("accuracy.png", "training accuracy per epoch (the sheet's figure 1)");
    private static final RunFile ACCURACY_TRAIN_VAL = new RunFile("accuracy-train-val.png",
            "training and validation accuracy per epoch, the epoch of lowest validation loss marked (the sheet's figure 2)");
    private static final RunFile LOSS_TRAIN_VAL = new RunFile("loss-train-val.png",
            "training and validation loss per epoch, the epoch after which the validation loss stops improving marked");
    private static final RunFile GRID_CSV = new RunFile("grid.csv",
            "every epochs × batch size cell: loss and accuracy (training and validation), their gaps, update steps, wall time");
    private static final RunFile GRID_MD = new RunFile("grid.md", "the grid as a Markdown table");
    private static final RunFile GRID_HEATMAP = new RunFile("grid-heatmap.png",
            "heat maps over epochs × batch size: validation loss (best outlined), validation − training loss, wall time");
    private static final RunFile GRID_CURVES = new RunFile("grid-curves.png",
            "training and validation loss per epoch for each batch size of the grid");

    @Override
    public String name() {
        return "keras-history";
    }

    @Override
    public String description() {
        return "Keras's fit history on MNIST (accuracy and loss, training vs validation, when to stop) and an epochs × batch size grid";
    }

    @Override
    public List<String> datasets() {
        return List.of(Datasets.MNIST);
    }

    @Override
    public String study() {
        return Study3Report.STUDY;
    }

    @Override
    public String details() {
        return """
                Keras's classic dense MNIST network, which the sheet builds on (784 → 512 ReLU → 10 softmax,
                Glorot-uniform weights, Adam at Keras's default rate 0.001, sparse categorical
                cross-entropy), is fitted as the sheet fits it, epochs=15 and batch_size=128, on 54 000 MNIST training images with the other
                6 000 as validation data (standardized). Its history, by Keras's keys (loss, accuracy,
                val_loss, val_accuracy, lr), is written as history.csv and as Keras's verbose=2 log, and
                drawn as the sheet's figures: training accuracy per epoch; training against validation
                accuracy; training against validation loss with the epoch after which the validation loss
                stops improving marked. The fitted model is evaluated once on the 10 000 test images,
                saved under models/ and loaded back (./atelier predict uses it). Then the grid: each batch
                size of grid_batch_sizes is trained for the largest of grid_epochs epochs, and each
                epochs value is read from that run's history (with a fixed learning rate and each epoch's
                batch order drawn from the seed and the epoch's number, the first E epochs of a longer fit
                are exactly a fit of E epochs). Per cell: final validation loss, the gap between
                validation and training loss, wall time; as grid.csv, grid.md and heat maps.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofInt("hidden_units", 512, "units of the hidden Dense layer").smoke(32).between(1, 100_000),
                Param.ofDouble("learning_rate", 0.001, "Adam's learning rate, fixed (Keras's default)").between(1e-6, 1),
                Param.ofInt("epochs", 15, "epochs of the sheet's fit").smoke(3).between(1, 1000),
                Param.ofInt("batch_size", 128, "batch size of the sheet's fit").between(1, 60_000),
                Param.ofInts("grid_batch_sizes", List.of(16, 64, 256, 1024), "the grid's batch sizes (rows)")
                        .smoke(List.of(16, 128)).between(1, 60_000),
                Param.ofInts("grid_epochs", List.of(1, 2, 5, 10, 15),
                        "the grid's epochs (columns); each batch size trains for the largest")
                        .smoke(List.of(1, 3)).between(1, 1000));
    }

    @Override
    public List<RunFile> outputs() {
        return List.of(Study3Report.REPORT, KerasHistoryReport.HISTORY, LOG, ACCURACY, ACCURACY_TRAIN_VAL,
                LOSS_TRAIN_VAL, GRID_CSV, GRID_MD, GRID_HEATMAP, GRID_CURVES, DigitApplication.MODELS);
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        KerasHistoryReport report = new KerasHistoryReport(context.smoke());
        DataSpec data = Study3Report.mnist(context);
        int hidden = params.getInt("hidden_units");
        ModelSpec network = ModelSpec.mlp(10, hidden);

        // the sheet's fit and one fit per batch size of the grid, all through the run's executor
        TrialSpec sheet = TrialSpec.of("keras-dense", network, data, fit(params, params.getInt("batch_size"),
                params.getInt("epochs")), context.seed()).withSaveParams(true);
        EpochsBatchGrid.Plan plan = EpochsBatchGrid.plan(params.getInts("grid_batch_sizes"), params.getInts("grid_epochs"));
        List<TrialSpec> specs = new ArrayList<>(List.of(sheet));
        for (int batch : plan.batchSizes()) {
            specs.add(TrialSpec.of("grid-batch-" + batch, network, data, fit(params, batch, plan.maxEpochs()),
                    context.seed()));
        }
        List<TrialResult> results = TrialResult.requireSucceeded(context.trials().run(specs));
        TrialEnvironment environment = context.trials().environment();
        TrialData trialData = Trials.data(data, environment);

        // step 1: the sheet's fit, its history and figures
        History history = results.get(0).history();
        long parameters = new DenseEquivalent(28 * 28, 10, 0).parameters(hidden);
        dir.csv(KerasHistoryReport.HISTORY, KerasHistoryReport.historyTable(history));
        dir.writeString(LOG, KerasHistoryReport.log(history, params.getInt("epochs")));
        report.fit(sheet, history, parameters, trialData.train().size(), trialData.validation().size(), LOG,
                KerasHistoryReport.HISTORY);
        dir.save(ACCURACY, KerasHistoryReport.trainingAccuracy(history));
        dir.save(ACCURACY_TRAIN_VAL, KerasHistoryReport.accuracyTrainVal(history));
        dir.save(LOSS_TRAIN_VAL, KerasHistoryReport.lossTrainVal(history));
        report.accuracy(history, ACCURACY, ACCURACY_TRAIN_VAL);
        report.loss(history, LOSS_TRAIN_VAL);

        // the test set, once, then the model saved and loaded back as a Keras user would
        TrainedModel trained;
        int[] predicted;
        try (Model model = Trials.loadModel(sheet, Path.of(results.get(0).paramsFile()), environment)) {
            predicted = Inference.classify(model.getBlock(), trialData.test().features(), false).classes();
            int[] labels = trialData.test().labels().toType(DataType.INT32, false).toIntArray();
            trained = new TrainedModel("dense 784-" + hidden + "-10", sheet, results.get(0), parameters,
                    agreement(predicted, labels));
            DigitApplication.save(dir, model, trained, trialData);
        }
        new RunModels(sheet.id(), List.of(new RunModels.Entry(sheet.id(), trained.label(), String.format(
                Locale.ROOT, "last epoch's parameters, test accuracy %.4f", trained.testAccuracy()))))
                .write(dir.root());
        dir.artifact(DigitApplication.MODELS.name());
        double reloaded = reloadedAgreement(context, predicted);
        report.test(trained, predicted.length, reloaded, DigitApplication.MODELS);

        // step 2: epochs × batch size
        EpochsBatchGrid grid = EpochsBatchGrid.of(plan, results.subList(1, results.size()));
        dir.csv(GRID_CSV, grid.table());
        dir.markdown(GRID_MD, grid.table(), 4);
        dir.save(GRID_HEATMAP, KerasHistoryReport.heatMaps(grid));
        dir.save(GRID_CURVES, KerasHistoryReport.gridCurves(grid));
        report.grid(grid, trialData.train().size(), GRID_MD, GRID_HEATMAP, GRID_CURVES, MachineLoad.sentence());
        MachineLoad.oneMinute().ifPresent(l -> context.metric("load_average", l));
        report.report().write(dir, Study3Report.REPORT, context::metric);
    }

    /** The sheet's compile and fit: Adam at a fixed rate, Glorot-uniform weights, no callbacks. */
    private static FitSpec fit(Params params, int batchSize, int epochs) {
        return FitSpec.builder().adam(params.getDouble("learning_rate")).batchSize(batchSize).maxEpochs(epochs)
                .initializer(FitSpec.GLOROT_UNIFORM).build();
    }

    /**
     * Loads the saved model back from {@code models/} as another program would (raw test images,
     * the saved normalization) and returns the share of test images it classifies as the trained
     * model did: 1 when saving lost nothing.
     */
    private static double reloadedAgreement(ExperimentContext context, int[] predicted) {
        LabeledData test = Datasets.mnist(context.data(), Subset.TEST).head(predicted.length);
        try (SavedModel saved = SavedModel.load(RunModels.resolve(context.runDirectory().root(), null),
                context.backend())) {
            return agreement(saved.classify(test.featureValues(), test.size()).classes(), predicted);
        }
    }

    private static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return (double) same / a.length;
    }
}

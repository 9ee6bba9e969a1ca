package org.atelier.core.study;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.report.ModelSummary;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.atelier.core.training.ModelFiles;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialRegistry;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The protocol steps studies share, in one place: train a gradient-descent variant (learning-rate
 * sweep, then several seeds with the chosen rate and the epoch criterion), draw and tabulate its
 * curves, refine and evaluate a final model on the test set. Every training is a trial ({@link
 * TrialSpec}) submitted to the run's executor ({@code --executor}, {@code --parallel}), so the
 * seeds and sweep points of a step run side by side where the executor allows; models are kept as
 * {@code .params} files, not as live models. The words that explain each step belong to the
 * study's report class.
 */
public final class Protocol {

    /** How much {@link #refine} divides the learning rate by. */
    public static final double REFINE_FACTOR = 3;

    private final ExperimentContext context;
    private final DataSpec dataSpec;
    private final TrialData data;

    /**
     * Creates the protocol of a run and loads its data (once per process, shared with the trials
     * that run in it).
     *
     * @param context the run
     * @param dataSpec the data every trial trains on
     */
    public Protocol(ExperimentContext context, DataSpec dataSpec) {
        this.context = context;
        this.dataSpec = dataSpec;
        this.data = Trials.data(dataSpec, context.trials().environment());
    }

    /** The data, as the trials see it. */
    public TrialData data() {
        return data;
    }

    /**
     * The seeds of independent initializations: the run's seed, then the next ones.
     *
     * @param count how many
     * @return {@code seed, seed + 1, …}
     */
    public List<Long> seeds(int count) {
        return LongStream.range(0, count).map(i -> context.seed() + i).boxed().toList();
    }

    /**
     * The fit of one training: SGD with a fixed rate, N(0, 1/√fan_in) weights, epoch 0 evaluated,
     * and (when {@code earlyStopping}) the variant's epoch criterion with the best epoch kept.
     *
     * @param method the variant
     * @param rate the learning rate
     * @param epochs the most epochs
     * @param earlyStopping whether to stop early and keep the best epoch
     * @return the fit settings
     */
    public static FitSpec fit(GradientDescent method, double rate, int epochs, boolean earlyStopping) {
        FitSpec.Builder fit = FitSpec.builder().sgd(rate).batchSize(method.batchSize()).maxEpochs(epochs)
                .evaluateBeforeTraining(true).initializer(FitSpec.NORMAL_FAN_IN);
        if (earlyStopping) {
            fit.earlyStopping(method.patience(), method.minDelta()).restoreBest(true);
        }
        return fit.build();
    }

    /**
     * Runs a variant through the protocol: sweep, seeds, files (all of the variant's {@link VariantFiles}).
     *
     * @param method the variant
     * @param title the model's name for figure titles and trial ids, e.g. "Softmax regression"
     * @param model the model
     * @param seeds the seeds
     * @return the variant's run
     */
    public VariantRun runVariant(GradientDescent method, String title, ModelSpec model, List<Long> seeds) {
        LearningRateSweep sweep = sweep(method, title, model);
        SeedRuns runs = trainSeeds(method, title, model, sweep.chosenRate(), seeds);
        writeCurves(runs, method.files(), title + ", " + method.label() + ", lr " + sweep.chosenRate());
        return new VariantRun(method, sweep, runs, method.batchesPerEpoch(data.train().size()));
    }

    /**
     * The learning-rate sweep of a variant: each rate for the sweep budget from the run's seed, no
     * early stopping, one trial each; writes the variant's {@linkplain VariantFiles#sweep() sweep files}.
     *
     * @param method the variant
     * @param title the model's name for the figure title and the trial ids
     * @param model the model
     * @return the sweep and its choice
     */
    public LearningRateSweep sweep(GradientDescent method, String title, ModelSpec model) {
        List<TrialSpec> specs = method.rates().stream().map(rate -> TrialSpec.of(
                id(title, method.label(), "lr", String.valueOf(rate)), model, dataSpec,
                fit(method, rate, method.sweepEpochs(), false), context.seed())).toList();
        LearningRateSweep sweep = LearningRateSweep.of(method.rates(), context.trials().run(specs));
        RunDirectory dir = context.runDirectory();
        dir.save(method.files().sweepChart(), sweep.chart(title + ", " + method.label() + ": learning-rate sweep ("
                + method.sweepEpochs() + " epochs each)"));
        dir.csv(method.files().sweepTable(), sweep.toTable());
        return sweep;
    }

    /**
     * Trains the seeds with the variant's epoch criterion, one trial each, keeping each seed's
     * best epoch as a {@code .params} file.
     *
     * @param method the variant
     * @param title the model's name for the trial ids
     * @param model the model
     * @param rate the learning rate
     * @param seeds the seeds
     * @return the runs, with the best seed's parameters file
     */
    public SeedRuns trainSeeds(GradientDescent method, String title, ModelSpec model, double rate, List<Long> seeds) {
        return trainSeeds(method, Map.of(title, model), rate, seeds).get(0);
    }

    /**
     * Trains the seeds of several models with the same variant and rate, all submitted to the
     * executor at once, so that {@code --parallel} can run every model's seeds side by side.
     *
     * @param method the variant
     * @param models each model by the name its trial ids carry, in order
     * @param rate the learning rate
     * @param seeds the seeds of every model
     * @return the runs of each model, in the order of {@code models}
     */
    public List<SeedRuns> trainSeeds(GradientDescent method, Map<String, ModelSpec> models, double rate,
            List<Long> seeds) {
        FitSpec fit = fit(method, rate, method.maxEpochs(), true);
        List<TrialSpec> specs = new ArrayList<>();
        models.forEach((title, model) -> seeds.forEach(seed -> specs.add(TrialSpec.of(id(title, method.label(), "lr",
                String.valueOf(rate), "seed", String.valueOf(seed)), model, dataSpec, fit, seed).withSaveParams(true))));
        List<TrialResult> results = context.trials().run(specs);
        List<SeedRuns> runs = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            runs.add(SeedRuns.of(seeds, results.subList(i * seeds.size(), (i + 1) * seeds.size())));
        }
        return runs;
    }

    /**
     * Writes the seeds' curves: the histories (every seed's history with a {@code seed} column),
     * the loss and accuracy charts (thin runs, mean ± std) and the mean curves.
     *
     * @param runs the seeds' runs
     * @param files the variant's files
     * @param title the figure title's start
     */
    public void writeCurves(SeedRuns runs, VariantFiles files, String title) {
        RunDirectory dir = context.runDirectory();
        dir.csv(files.histories(), historiesTable(runs));
        dir.save(files.lossChart(),
                curveChart(runs.histories(), title, "loss", EpochRecord::trainLoss, EpochRecord::valLoss));
        dir.save(files.accuracyChart(),
                curveChart(runs.histories(), title, "accuracy", EpochRecord::trainAccuracy, EpochRecord::valAccuracy));
        Table means = MeanCurve.of(runs.histories(), EpochRecord::trainLoss).toTable("train_loss");
        MeanCurve.of(runs.histories(), EpochRecord::valLoss).toTable("val_loss").columns().subList(1, 3)
                .forEach(means::addColumns);
        MeanCurve.of(runs.histories(), EpochRecord::trainAccuracy).toTable("train_accuracy").columns().subList(1, 3)
                .forEach(means::addColumns);
        MeanCurve.of(runs.histories(), EpochRecord::valAccuracy).toTable("val_accuracy").columns().subList(1, 3)
                .forEach(means::addColumns);
        dir.csv(files.meanCurves(), means);
    }

    /**
     * Every seed's history in one table: a {@code seed} column, then {@link History#COLUMNS}.
     *
     * @param runs the runs
     * @return the rows of all seeds, seed after seed
     */
    public static Table historiesTable(SeedRuns runs) {
        Table all = null;
        for (int i = 0; i < runs.histories().size(); i++) {
            Table table = runs.histories().get(i).toTable();
            table.insertColumn(0, IntColumn.create("seed", table.rowCount()).setMissingTo(runs.seeds().get(i).intValue()));
            all = all == null ? table : all.append(table);
        }
        return all;
    }

    /**
     * Thin runs and mean ± std bands of a metric, train and validation. Loss is drawn on a log axis
     * from epoch 0; accuracy from epoch 1, because the chance-level start (≈ 10 %) would squeeze
     * everything after it into the top of the plot.
     */
    private static ChartFigure curveChart(List<History> histories, String title, String metric,
            ToDoubleFunction<EpochRecord> train, ToDoubleFunction<EpochRecord> validation) {
        boolean loss = metric.equals("loss");
        int from = loss ? 0 : Math.min(1, MeanCurve.commonEpochs(histories).length - 1);
        double[] x = tail(MeanCurve.commonEpochs(histories), from);
        boolean cut = histories.stream().anyMatch(h -> h.epochs().size() > x.length + from);
        String seeds = histories.size() + (histories.size() == 1 ? " seed" : " seeds");
        return EpochAxis.wholeEpochs(LineChart.builder()
                .title(title + ": " + metric + ", " + seeds)
                .logY(loss)
                .size(1000, 600)
                .xLabel("epoch" + (cut ? " (up to the last epoch all seeds trained)" : ""))
                .yLabel(loss ? "loss (log scale)" : metric)
                .runs("train " + metric, x, tails(MeanCurve.common(histories, train), from), true)
                .runs("validation " + metric, x, tails(MeanCurve.common(histories, validation), from), true)
                .build());
    }

    private static double[] tail(double[] values, int from) {
        return Arrays.copyOfRange(values, from, values.length);
    }

    private static double[][] tails(double[][] runs, int from) {
        return Arrays.stream(runs).map(r -> tail(r, from)).toArray(double[][]::new);
    }

    /**
     * The last step of training a final model: divide the learning rate by {@link #REFINE_FACTOR}
     * and continue from the kept (best) parameters with the same epoch criterion, once (Keras's
     * {@code ReduceLROnPlateau}). Early stopping ended the first stage because the noise of the
     * larger rate stopped the progress; a smaller rate resumes it. Epoch 0 of the refinement's
     * history is the starting point, so the refinement can only keep or lower the validation loss.
     * Then the refined model is evaluated on the test set (its files written) and its parameters
     * saved as {@code NAME-EEEE.params} in the run directory, {@code EEEE} the epochs of both stages.
     *
     * @param runs the seeds; the best one is the final model
     * @param method the variant they were trained with
     * @param rate the rate they were trained with
     * @param model the model
     * @param files the test evaluation's files
     * @param name the model's name, the prefix of its {@code .params} file
     * @param title the confusion matrix's title
     * @return the final model's numbers
     */
    public FinalModel finalModel(SeedRuns runs, GradientDescent method, double rate, ModelSpec model,
            TestSetEvaluation.Files files, String name, String title) {
        long seed = runs.seeds().get(runs.bestIndex());
        History firstStage = runs.histories().get(runs.bestIndex());
        TrialSpec refine = TrialSpec.of(id(name, "refined", "seed", String.valueOf(seed)), model, dataSpec,
                fit(method, rate / REFINE_FACTOR, method.maxEpochs(), true), seed)
                .withInitialParams(runs.bestParams().orElseThrow()).withSaveParams(true);
        TrialResult refined = TrialResult.requireSucceeded(context.trials().run(List.of(refine))).get(0);
        try (Model refinedModel = load(refine, refined.params().orElseThrow())) {
            TestSetEvaluation test = TestSetEvaluation.of(refinedModel.getBlock(), data.test(), data.classNames());
            test.write(context.runDirectory(), files, title);
            String params = saveParameters(refinedModel, name, firstStage.bestEpoch() + refined.history().bestEpoch());
            return new FinalModel(seed, rate, firstStage, refined.history(), test, files, params,
                    parameterCount(model));
        }
    }

    /**
     * Loads the model a trial kept; the caller closes it.
     *
     * @param trial the trial
     * @param params its {@code .params} file
     * @return the model
     */
    public Model load(TrialSpec trial, Path params) {
        return Trials.loadModel(trial, params, context.trials().environment());
    }

    /**
     * The final model of a run, loaded from its {@code .params} file in the run directory; the
     * caller closes it.
     *
     * @param model the model
     * @param finalModel the final model
     * @return the model with the final parameters
     */
    public Model load(ModelSpec model, FinalModel finalModel) {
        TrialSpec spec = TrialSpec.of(id("final", String.valueOf(finalModel.seed())), model, dataSpec,
                FitSpec.builder().build(), finalModel.seed());
        return load(spec, context.runDirectory().path(finalModel.paramsFile()));
    }

    /**
     * Saves a model's parameters as DJL {@code .params} ({@code NAME-EPOCH.params}) and registers the file.
     *
     * @param model the model
     * @param name the model name, also the file-name prefix
     * @param epoch the epoch the parameters are from
     * @return the file name relative to the run directory
     */
    public String saveParameters(Model model, String name, int epoch) {
        RunDirectory run = context.runDirectory();
        String file = ModelFiles.saveParameters(model, run.root(), name, epoch).getFileName().toString();
        run.artifact(file);
        return file;
    }

    /**
     * The number of parameters of a model for this protocol's data, as its {@link ModelSummary} counts them.
     *
     * @param model the model
     * @return the total number of parameter values
     */
    public long parameterCount(ModelSpec model) {
        Block block = TrialRegistry.instance().model(model.factory()).create(model.args(), model.classes());
        Shape input = new Shape(1).addAll(data.train().features().getShape().slice(1));
        try (NDManager manager = context.backend().newManager()) {
            block.initialize(manager, DataType.FLOAT32, input);
            return ModelSummary.of(block, input).totalParameters();
        }
    }

    /** A file-name-safe trial id from words, e.g. {@code hidden-layer-n-100-lr-0.01}. */
    private static String id(String... words) {
        return String.join("-", words).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-")
                .replaceAll("^-|-$", "");
    }
}

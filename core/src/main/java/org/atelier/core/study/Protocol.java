package org.atelier.core.study;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.models.Initializers;
import org.atelier.core.report.ModelSummary;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.study.LearningRateSweep;
import org.atelier.core.study.MeanCurve;
import org.atelier.core.study.SeedRuns;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;
import org.atelier.core.training.History;
import org.atelier.core.training.ModelFiles;
import org.atelier.core.training.Training;
import org.atelier.core.training.listener.EarlyStopping;
import org.atelier.core.training.listener.RestoreBestEpoch;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The protocol steps studies share, in one place: train a gradient-descent variant
 * (learning-rate sweep, then several seeds with the chosen rate and the epoch criterion), draw and
 * tabulate its curves, refine and evaluate a final model on the test set. The words that explain
 * each step belong to the study's report class.
 *
 * @param <D> the study's data
 */
public final class Protocol<D extends StudyData> {

    /** How much {@link #refine} divides the learning rate by. */
    public static final double REFINE_FACTOR = 3;

    private final ExperimentContext context;
    private final D data;

    /**
     * Creates the protocol of a run.
     *
     * @param context the run
     * @param data the prepared data
     */
    public Protocol(ExperimentContext context, D data) {
        this.context = context;
        this.data = data;
    }

    /** The data. */
    public D data() {
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
     * The fit configuration of one training: SGD with a fixed rate, N(0, 1/√fan_in) weights,
     * epoch 0 evaluated, and (when {@code earlyStopping}) the variant's epoch criterion.
     *
     * @param method the variant
     * @param rate the learning rate
     * @param seed the seed
     * @param epochs the most epochs
     * @param earlyStopping whether to stop early and keep the best epoch
     * @return the configuration
     */
    public FitConfig config(GradientDescent method, double rate, long seed, int epochs, boolean earlyStopping) {
        return builder(method, rate, seed, epochs, earlyStopping).build();
    }

    private static FitConfig.Builder builder(GradientDescent method, double rate, long seed, int epochs,
            boolean earlyStopping) {
        FitConfig.Builder config = FitConfig.builder().setEpochs(epochs).setBatchSize(method.batchSize())
                .optSgd((float) rate).optInitializer(Initializers.normalFanIn()).optSeed(seed)
                .optEvaluateBeforeTraining(true).optProgress(null);
        if (earlyStopping) {
            config.addListener(EarlyStopping.onValLoss(method.patience(), method.minDelta()))
                    .addListener(new RestoreBestEpoch());
        }
        return config;
    }

    /** Prints one line when a training ends: a run of hundreds of epochs would flood the terminal otherwise. */
    private FitListener progressLine(String run) {
        return new FitListener() {
            @Override
            public void onFitEnd(FitContext fit, History history) {
                context.progress().printf(Locale.ROOT, "%s: %d epochs, best val loss %.4f at epoch %d, %.1f s%n", run,
                        history.last().epoch(), history.best().valLoss(), history.bestEpoch(),
                        history.totalSeconds());
            }
        };
    }

    /**
     * Runs a variant through the protocol: sweep, seeds, files (all of the variant's {@link VariantFiles}).
     *
     * @param method the variant
     * @param title the model's name for figure titles, e.g. "Softmax regression"
     * @param block creates the model's block
     * @param seeds the seeds
     * @return the variant's run
     */
    public VariantRun runVariant(GradientDescent method, String title, Supplier<SequentialBlock> block, List<Long> seeds) {
        LearningRateSweep sweep = sweep(method, title, block);
        SeedRuns runs = trainSeeds(method, title, block, sweep.chosenRate(), seeds);
        writeCurves(runs, method.files(), title + ", " + method.label() + ", lr " + sweep.chosenRate());
        return new VariantRun(method, sweep, runs, method.batchesPerEpoch(data.train().size()));
    }

    /**
     * The learning-rate sweep of a variant: each rate for the sweep budget from the first seed,
     * no early stopping; writes the variant's {@linkplain VariantFiles#sweep() sweep files}.
     *
     * @param method the variant
     * @param title the model's name for the figure title
     * @param block creates the model's block
     * @return the sweep and its choice
     */
    public LearningRateSweep sweep(GradientDescent method, String title, Supplier<SequentialBlock> block) {
        LearningRateSweep sweep = LearningRateSweep.run(method.rates(), rate -> {
            try (Model model = newModel(block)) {
                History history = fit(model, config(method, rate, context.seed(), method.sweepEpochs(), false));
                context.progress().printf(Locale.ROOT, "%s sweep, lr %s: val loss %.4f after %d epochs%n",
                        method.label(), rate, history.last().valLoss(), history.last().epoch());
                return history;
            }
        });
        RunDirectory dir = context.runDirectory();
        dir.save(method.files().sweepChart(), sweep.chart(title + ", " + method.label() + ": learning-rate sweep ("
                + method.sweepEpochs() + " epochs each)"));
        dir.csv(method.files().sweepTable(), sweep.toTable());
        return sweep;
    }

    /**
     * Trains the seeds with the variant's epoch criterion, one progress line per seed.
     *
     * @param method the variant
     * @param title the model's name for progress lines
     * @param block creates the model's block
     * @param rate the learning rate
     * @param seeds the seeds
     * @return the runs, holding the best seed's model
     */
    public SeedRuns trainSeeds(GradientDescent method, String title, Supplier<SequentialBlock> block, double rate,
            List<Long> seeds) {
        SeedRuns runs = SeedRuns.train(seeds, () -> newModel(block),
                seed -> builder(method, rate, seed, method.maxEpochs(), true)
                        .addListener(progressLine(title + ", " + method.label() + ", lr " + rate + ", seed " + seed)).build(),
                data.train(), data.validation());
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
     * larger rate stopped the progress; a smaller rate resumes it. Epoch 0 of the returned history
     * is the starting point, so the refinement can only keep or lower the validation loss.
     *
     * @param model the model, already trained
     * @param method the variant it was trained with
     * @param rate the rate it was trained with
     * @param seed its seed (batch order)
     * @return the refinement's history
     */
    public History refine(Model model, GradientDescent method, double rate, long seed) {
        double smaller = rate / REFINE_FACTOR;
        return Training.fit(model, data.train(), data.validation(), builder(method, smaller, seed, method.maxEpochs(), true)
                .addListener(progressLine(String.format(Locale.ROOT, "refinement, lr %.3g, seed %d", smaller, seed))).build());
    }

    /**
     * Evaluates a final model on the test set and writes its files ({@link TestSetEvaluation#write}).
     *
     * @param model the final model
     * @param files the files to write
     * @param title the confusion matrix's title
     * @return the evaluation
     */
    public TestSetEvaluation evaluateOnTest(Model model, TestSetEvaluation.Files files, String title) {
        TestSetEvaluation evaluation = TestSetEvaluation.of(model.getBlock(), data.test(), data.classNames());
        evaluation.write(context.runDirectory(), files, title);
        return evaluation;
    }

    /**
     * The last steps of a final model: refine the kept seed once ({@link #refine}), evaluate it on
     * the test set and write its files, save its parameters.
     *
     * @param runs the seeds; the best one's model is the final model
     * @param method the variant they were trained with
     * @param rate the rate they were trained with
     * @param files the test evaluation's files
     * @param name the model's name, the prefix of its {@code .params} file
     * @param title the confusion matrix's title
     * @return the final model's numbers
     */
    public FinalModel finalModel(SeedRuns runs, GradientDescent method, double rate, TestSetEvaluation.Files files,
            String name, String title) {
        Model model = runs.bestModel();
        long seed = runs.seeds().get(runs.bestIndex());
        History firstStage = runs.histories().get(runs.bestIndex());
        History refinement = refine(model, method, rate, seed);
        TestSetEvaluation test = evaluateOnTest(model, files, title);
        String params = saveParameters(model, name, firstStage.bestEpoch() + refinement.bestEpoch());
        return new FinalModel(seed, rate, firstStage, refinement, test, files, params, parameterCount(model));
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
     * The number of parameters of an initialized model, as its {@link ModelSummary} counts them.
     *
     * @param model the model, trained on this protocol's data
     * @return the total number of parameter values
     */
    public long parameterCount(Model model) {
        return ModelSummary.of(model.getBlock(), new Shape(1).addAll(data.train().features().getShape().slice(1)))
                .totalParameters();
    }

    private Model newModel(Supplier<SequentialBlock> block) {
        Model model = Model.newInstance("trial", context.backend().device(), context.backend().engineName());
        model.setBlock(block.get());
        return model;
    }

    private History fit(Model model, FitConfig config) {
        return Training.fit(model, data.train(), data.validation(), config);
    }
}

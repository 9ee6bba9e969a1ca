package org.atelier.experiments.study2;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.atelier.core.AtelierException;
import org.atelier.core.data.Datasets;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.study.CaseComparison;
import org.atelier.core.study.CaseRuns;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TransformSpec;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;

/**
 * The cases of study 2's CNN exercise, defined once and shared by {@code cnn-baseline}, {@code
 * cnn-augmentation}, {@code cnn-batchnorm}, {@code cnn-finetune} and {@code cnn-techniques}: the
 * PyTorch-example CNN on Fashion-MNIST (10 % of the training images held out for validation),
 * Adam (or SGD), batch 64, a fixed number of epochs, the test set evaluated after every epoch, several seeds.
 * A case is a value ({@link Case}); its seeds are trials, so that every experiment runs them on the
 * run's executor, and {@code cnn-techniques} runs the very same definitions.
 */
final class CnnCases {

    /** The output layer, the only one the frozen fine-tuning case trains. */
    static final int TRAINED_LAST_LAYERS = 1;

    /** A fixed learning rate. */
    static final String CONSTANT = "constant";
    /** Cosine decay of the learning rate over the fit. */
    static final String COSINE = "cosine";
    /** The last update's rate as a share of the peak with the cosine schedule. */
    static final double COSINE_FINAL_FACTOR = 0.01;

    /**
     * The rate of both dropout layers: the example's 0.5 was set for MNIST; on Fashion-MNIST this
     * 50-unit fc1 underfits with it in 10 epochs (best-epoch test accuracy, seed 42, Adam 3e-3 with
     * cosine decay, PyTorch 1.13 from Python: 87.7 % at 0.5, 89.5 % at 0.25, 90.3 % at 0.1, 90.6 % at 0); 0.1
     * keeps the two layers and their regularization and reaches the 90 % the study targets.
     */
    static final double DEFAULT_DROPOUT = 0.1;

    /** The batch-normalization case's default learning rate ({@link #batchNormParameters}). */
    static final double BATCH_NORM_RATE = 1e-2;

    /** The augmentations a pipeline may name, each previewed by {@code cnn-augmentation}. */
    static final List<String> AUGMENTATIONS = List.of("flip-horizontal", "random-crop", "random-erasing",
            "random-affine");

    /**
     * One case: what its seeds train.
     *
     * @param name the case's name, the prefix of its metrics and trial ids, e.g. {@code baseline}
     * @param model the network
     * @param data the data
     * @param fit the fit
     * @param initialParams the parameters to start from (fine-tuning), or null
     */
    record Case(String name, ModelSpec model, DataSpec data, FitSpec fit, Path initialParams) {

        /** The trials of this case, one per seed. */
        List<TrialSpec> trials(List<Long> seeds) {
            return seeds.stream().map(seed -> {
                TrialSpec spec = TrialSpec.of(name.replace('_', '-') + "-seed-" + seed, model, data, fit, seed);
                return initialParams == null ? spec : spec.withInitialParams(initialParams);
            }).toList();
        }
    }

    /** Every seed's epochs of every case: train, validation and test loss and accuracy. */
    static final RunFile HISTORY = new RunFile("history.csv",
            "every case's and seed's epochs: train, validation and test loss and accuracy");
    /** Per seed: the best epoch on the test set and the epoch chosen on validation, with their test accuracies. */
    static final RunFile SEEDS = new RunFile("seeds.csv",
            "per case and seed: best epoch and its test accuracy, validation-chosen epoch and its test accuracy");
    /** Per case: mean ± std over the seeds. */
    static final RunFile CASES_CSV = new RunFile("cases.csv",
            "per case: best-epoch and validation-selected test accuracy, mean and std over the seeds");
    /** The same as Markdown. */
    static final RunFile CASES_MARKDOWN = new RunFile("cases.md", "the same as a Markdown table");
    /** Learning curves on the training set. */
    static final RunFile TRAINING_CURVES = new RunFile("curves-training.png",
            "loss and accuracy per epoch on the training set, every case, mean ± std over the seeds");
    /** Learning curves on the test set. */
    static final RunFile TEST_CURVES = new RunFile("curves-test.png",
            "loss and accuracy per epoch on the test set, every case, mean ± std over the seeds");
    /** The files {@link #write} writes. */
    static final List<RunFile> CASE_FILES = List.of(HISTORY, SEEDS, CASES_CSV, CASES_MARKDOWN, TRAINING_CURVES,
            TEST_CURVES);

    private final ExperimentContext context;
    private final Params params;

    CnnCases(ExperimentContext context) {
        this.context = context;
        this.params = context.params();
    }

    /** The parameters every CNN experiment takes, with the learning rate's default (null: no fixed rate, a sweep chooses it). */
    static List<Param<?>> parameters(Double learningRate) {
        List<Param<?>> all = new ArrayList<>(List.of(
                Param.ofInt("seeds", 3, "independent initializations per case").smoke(2).between(1, 100),
                Param.ofInt("epochs", 10, "training epochs per case (the sheet: 10)").smoke(2).between(1, 1000),
                Param.ofChoice("optimizer", List.of(FitSpec.ADAM, FitSpec.SGD), FitSpec.ADAM,
                        "the optimizer (Adam with DJL's default betas, or plain SGD)"),
                Param.ofInt("batch_size", 64, "samples per update (the PyTorch example: 64)").between(1, 60_000),
                scheduleParameter(), dropoutParameter()));
        if (learningRate != null) {
            all.add(Param.ofDouble("learning_rate", learningRate, "the optimizer's learning rate").between(1e-6, 100));
        }
        return all;
    }

    /**
     * The parameters of a single CNN trained to look into ({@code tsne-features}, {@code
     * activation-maximization}): the study's recipe ({@link #model}).
     *
     * @param epochs what the epochs parameter says it trains
     * @return epochs, learning_rate, schedule, batch_size and dropout
     */
    static List<Param<?>> modelParameters(String epochs) {
        return List.of(Param.ofInt("epochs", 10, epochs).smoke(1).between(1, 200),
                Param.ofDouble("learning_rate", Study2Report.DEFAULT_RATE, "Adam's learning rate (what cnn-baseline's"
                        + " sweep chose)").between(1e-6, 1),
                scheduleParameter(),
                Param.ofInt("batch_size", 64, "training batch size").between(1, 60_000),
                dropoutParameter());
    }

    private static Param<?> scheduleParameter() {
        return Param.ofChoice("schedule", List.of(CONSTANT, COSINE), COSINE,
                "the learning rate over the fit: constant, or cosine decay from the rate to 1 % of it at the last"
                        + " update");
    }

    private static Param<?> dropoutParameter() {
        return Param.ofDouble("dropout", DEFAULT_DROPOUT, "rate of the CNN's two dropout layers (the example: 0.5,"
                + " which underfits Fashion-MNIST in 10 epochs)").between(0, 0.95);
    }

    /**
     * One CNN of the study's recipe ({@link #modelParameters}) on the study's data, the epoch of
     * lowest validation loss kept as {@code .params}.
     *
     * @param context the run, whose parameters give the recipe
     * @param id the trial's id
     * @param seed its seed
     * @return the trial
     */
    static TrialSpec model(ExperimentContext context, String id, long seed) {
        Params params = context.params();
        DataSpec data = DataSpec.fashionMnist(context.seed(), context.smoke()).with("validation", Study2Report.VALIDATION);
        FitSpec.Builder fit = FitSpec.builder().adam(params.getDouble("learning_rate"))
                .batchSize(params.getInt("batch_size")).maxEpochs(params.getInt("epochs")).restoreBest(true);
        return TrialSpec.of(id, ModelSpec.cnn(10, params.getDouble("dropout")), data, scheduled(fit, params).build(),
                seed).withSaveParams(true);
    }

    /** Whether the parameters' {@code schedule} is the cosine decay. */
    static boolean cosine(Params params) {
        return params.getString("schedule").equals(COSINE);
    }

    /** The fit with the parameters' schedule: the cosine decay to {@link #COSINE_FINAL_FACTOR}, or the rate kept. */
    private static FitSpec.Builder scheduled(FitSpec.Builder fit, Params params) {
        return cosine(params) ? fit.cosine(COSINE_FINAL_FACTOR, 0) : fit;
    }

    /** How a report names a model's schedule: {@code , decayed along a cosine to 1 % of it} or nothing. */
    static String scheduleWords(Params params) {
        return cosine(params) ? ", decayed along a cosine to " + Math.round(100 * COSINE_FINAL_FACTOR) + " % of it"
                : "";
    }

    /**
     * The batch-normalization case's own rate and dropout: Ioffe and Szegedy (2015) train a
     * batch-normalized network at a higher rate and without dropout (its batch statistics
     * regularize), and so does this case (seed 42, 10 epochs: 90.73 % at the baseline's 3e-3 and
     * dropout 0.1, 90.92 % with either change alone, 91.12 % with both; 90.60 % at 3e-2).
     *
     * @return batchnorm_learning_rate and batchnorm_dropout
     */
    static List<Param<?>> batchNormParameters() {
        return List.of(Param.ofDouble("batchnorm_learning_rate", BATCH_NORM_RATE, "the batch-normalized CNN's learning"
                        + " rate (higher than the baseline's, as batch normalization allows)").between(1e-6, 100),
                Param.ofDouble("batchnorm_dropout", 0, "the batch-normalized CNN's dropout rate (none: its batch"
                        + " statistics regularize)").between(0, 0.95));
    }

    /** The parameter of the augmentation pipeline. */
    static Param<?> pipelineParameter() {
        return Param.ofString("augmentations", "flip-horizontal,random-crop",
                "the augmentation pipeline, in order, from " + String.join(", ", AUGMENTATIONS));
    }

    /** The parameter of MNIST pre-training's epochs. */
    static Param<?> pretrainParameter() {
        return Param.ofInt("pretrain_epochs", 10, "epochs of MNIST pre-training (best epoch on MNIST validation kept)")
                .smoke(2).between(1, 1000);
    }

    /** The seeds: the run's seed, then the next ones. */
    List<Long> seeds() {
        return LongStream.range(0, params.getInt("seeds")).map(i -> context.seed() + i).boxed().toList();
    }

    /** Fashion-MNIST with 10 % held out stratified for validation, standardized on the training split. */
    DataSpec fashion() {
        return DataSpec.fashionMnist(context.seed(), context.smoke()).with("validation", Study2Report.VALIDATION);
    }

    /** The Fashion-MNIST data as the trials see it (loaded once per process). */
    TrialData fashionData() {
        return Trials.data(fashion(), context.trials().environment());
    }

    /** The optimizer's name for titles: Adam or SGD. */
    String optimizerTitle() {
        return optimizer().equals(FitSpec.ADAM) ? "Adam" : "SGD";
    }

    /** The fit for figure titles, e.g. {@code Adam lr 0.003, cosine}. */
    String fitTitle(double rate) {
        return optimizerTitle() + " lr " + rate + (cosine() ? ", cosine" : "");
    }

    /** MNIST prepared the same way (its own mean and standard deviation). */
    DataSpec mnist() {
        return DataSpec.of(Datasets.MNIST).with("splitSeed", context.seed()).with("smoke", context.smoke())
                .with("validation", Study2Report.VALIDATION);
    }

    String optimizer() {
        return params.getString("optimizer");
    }

    double learningRate() {
        return params.getDouble("learning_rate");
    }

    /** Whether the rate follows the cosine schedule. */
    boolean cosine() {
        return cosine(params);
    }

    /** How a report names this run's schedule ({@link #scheduleWords(Params)}). */
    String scheduleWords() {
        return scheduleWords(params);
    }

    int epochs() {
        return params.getInt("epochs");
    }

    /** The fit of every case: the optimizer at the rate, the batch size and epochs, epoch 0 recorded, the test set watched. */
    FitSpec fit(double rate) {
        FitSpec.Builder fit = FitSpec.builder();
        fit = optimizer().equals(FitSpec.ADAM) ? fit.adam(rate) : fit.sgd(rate);
        fit = fit.batchSize(params.getInt("batch_size")).maxEpochs(epochs()).evaluateBeforeTraining(true)
                .evaluateTest(true);
        return scheduled(fit, params).build();
    }

    /** The rate of both dropout layers. */
    double dropout() {
        return params.getDouble("dropout");
    }

    ModelSpec cnn() {
        return ModelSpec.cnn(10, dropout());
    }

    /** The baseline: the PyTorch-example CNN trained from scratch. */
    Case baseline(double rate) {
        return new Case("baseline", cnn(), fashion(), fit(rate), null);
    }

    /** The baseline trained on augmented batches (the pipeline as the fit's batch transform). */
    Case augmentation() {
        return new Case("augmentation", cnn(), fashion(),
                fit(learningRate()).toBuilder().batchTransform(pipeline()).build(), null);
    }

    /** The CNN with batch normalization after each convolution and fc1, from scratch. */
    Case batchNorm() {
        return new Case("batchnorm", ModelSpec.cnnBatchNorm(10, batchNormDropout()), fashion(), fit(batchNormRate()),
                null);
    }

    /** The batch-normalization case's learning rate. */
    double batchNormRate() {
        return params.getDouble("batchnorm_learning_rate");
    }

    /** The batch-normalization case's dropout rate. */
    double batchNormDropout() {
        return params.getDouble("batchnorm_dropout");
    }

    /** Starts from the MNIST parameters and trains only fc2. */
    Case finetuneFrozen(Path pretrained) {
        return new Case("finetune_frozen", cnn(), fashion(),
                fit(learningRate()).toBuilder().trainLastLayers(TRAINED_LAST_LAYERS).build(), pretrained);
    }

    /** Starts from the MNIST parameters and trains every layer. */
    Case finetuneFull(Path pretrained) {
        return new Case("finetune_full", cnn(), fashion(), fit(learningRate()), pretrained);
    }

    /** The augmentation pipeline the parameter names, each step with its core defaults. */
    TransformSpec pipeline() {
        return TransformSpec.pipeline(pipelineSteps().stream().map(name -> TransformSpec.of(name, Map.of())).toList());
    }

    List<String> pipelineSteps() {
        List<String> steps = new ArrayList<>();
        for (String step : params.getString("augmentations").split(",")) {
            String name = step.strip().toLowerCase(Locale.ROOT);
            if (!AUGMENTATIONS.contains(name)) {
                throw new AtelierException("augmentations: unknown transformation '" + step.strip() + "'; choose from "
                        + String.join(", ", AUGMENTATIONS) + ", separated by commas");
            }
            steps.add(name);
        }
        return steps;
    }

    /** The MNIST pre-training: the baseline's fit on MNIST, the epoch of lowest validation loss kept as {@code .params}. */
    TrialSpec pretraining() {
        FitSpec fit = fit(learningRate()).toBuilder().maxEpochs(params.getInt("pretrain_epochs")).evaluateTest(true)
                .restoreBest(true).build();
        return TrialSpec.of("pretrain-mnist-seed-" + context.seed(), cnn(), mnist(), fit, context.seed())
                .withSaveParams(true);
    }

    /**
     * Writes the cases' {@link #CASE_FILES}.
     *
     * @param comparison the cases
     * @param title the start of the figures' titles, e.g. "PyTorch-example CNN on Fashion-MNIST"
     */
    void write(CaseComparison comparison, String title) {
        RunDirectory dir = context.runDirectory();
        dir.csv(HISTORY, comparison.historyTable());
        dir.csv(SEEDS, comparison.seedTable());
        dir.csv(CASES_CSV, comparison.table());
        dir.markdown(CASES_MARKDOWN, comparison.table(), 4);
        dir.save(TRAINING_CURVES, comparison.trainingCurves(title + ": training set"));
        dir.save(TEST_CURVES, comparison.testCurves(title + ": test set"));
    }

    /**
     * Trains every seed of every case as one batch of trials (so that workers train them side by
     * side) and gathers each case's runs.
     *
     * @param cases the cases
     * @return the comparison, cases in the given order
     */
    CaseComparison run(List<Case> cases) {
        return gather(cases, context.trials().run(specs(cases)));
    }

    /**
     * The cases that start from the MNIST pre-training, with the pre-training and the cases that
     * do not need it.
     *
     * @param pretraining the MNIST pre-training's result, with its kept parameters
     * @param fromScratch the cases that started from scratch, in the given order
     * @param fromMnist the cases that started from the pre-training, in the given order
     */
    record Pretrained(TrialResult pretraining, CaseComparison fromScratch, CaseComparison fromMnist) {}

    /**
     * Runs the MNIST pre-training in one batch with the cases that do not need it, the
     * pre-training first so that a worker starts it at once and the other workers train the
     * scratch cases beside it; then the cases that start from its parameters. With two workers
     * this saves the round in which the pre-training alone kept one core busy (cnn-techniques:
     * 8 rounds of 10 epochs instead of 9).
     *
     * @param fromScratch the cases that start from scratch
     * @param fromMnist makes the cases that start from the pre-trained parameters
     * @return the pre-training and both comparisons
     * @throws AtelierException if the pre-training failed
     */
    Pretrained runWithPretraining(List<Case> fromScratch, Function<Path, List<Case>> fromMnist) {
        List<TrialSpec> first = new ArrayList<>(List.of(pretraining()));
        first.addAll(specs(fromScratch));
        List<TrialResult> results = context.trials().run(first);
        TrialResult pretrained = TrialResult.requireSucceeded(results.subList(0, 1)).get(0);
        CaseComparison scratch = gather(fromScratch, results.subList(1, results.size()));
        List<Case> finetuned = fromMnist.apply(pretrained.params().orElseThrow());
        return new Pretrained(pretrained, scratch, run(finetuned));
    }

    private List<TrialSpec> specs(List<Case> cases) {
        List<Long> seeds = seeds();
        List<TrialSpec> specs = new ArrayList<>();
        cases.forEach(c -> specs.addAll(c.trials(seeds)));
        return specs;
    }

    private CaseComparison gather(List<Case> cases, List<TrialResult> results) {
        List<Long> seeds = seeds();
        List<CaseRuns> runs = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            runs.add(CaseRuns.of(cases.get(i).name(), seeds, results.subList(i * seeds.size(), (i + 1) * seeds.size())));
        }
        return new CaseComparison(runs);
    }
}

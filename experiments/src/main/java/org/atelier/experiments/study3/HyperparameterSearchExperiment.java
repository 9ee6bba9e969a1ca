package org.atelier.experiments.study3;

import java.util.List;
import java.util.Map;
import org.atelier.core.data.Datasets;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.search.CrossValidation;
import org.atelier.core.search.HyperparameterSearch;
import org.atelier.core.search.ParamDistribution;
import org.atelier.core.search.ParameterGrid;
import org.atelier.core.search.ParameterSampler;
import org.atelier.core.search.Scoring;
import org.atelier.core.search.SearchResult;
import org.atelier.core.search.TrialTemplate;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialSpec;

/**
 * {@code hyperparameter-search}: the Keras sheet's dense network on MNIST tuned by a grid search
 * and a random search (scikit-learn's {@code GridSearchCV} and {@code RandomizedSearchCV}, built
 * on the core's {@code org.atelier.core.search}) over learning rate, batch size, epochs and hidden
 * units, each candidate scored by cross-validation on the training images, both searches' best
 * candidates retrained on all of them and tested. Every (candidate, fold) fit is one trial through
 * the run's executor, so {@code --resume} continues an interrupted search from its finished fits.
 */
public final class HyperparameterSearchExperiment implements Experiment {

    /** The parameter names the searches tune, as {@link TrialTemplate#of} reads them. */
    static final String LEARNING_RATE = "learning_rate";
    static final String BATCH_SIZE = "batch_size";
    static final String EPOCHS = "epochs";
    static final String HIDDEN_UNITS = "hidden_units";

    private static final RunFile GRID_CSV = new RunFile("grid-cv-results.csv",
            "the grid search's cv_results_: every candidate's parameters, fold scores, mean, std, rank and fit time");
    private static final RunFile GRID_MD = new RunFile("grid-ranked.md", "the grid search's candidates ranked, mean ± std");
    private static final RunFile RANDOM_CSV = new RunFile("random-cv-results.csv", "the random search's cv_results_");
    private static final RunFile RANDOM_MD = new RunFile("random-ranked.md", "the random search's candidates ranked");
    private static final RunFile BY_RATE = new RunFile("score-vs-learning-rate.png",
            "mean cross-validation score (± std over folds) against the learning rate, per hidden-units group, both searches");
    private static final RunFile RANKING = new RunFile("ranking.png",
            "the best candidates of both searches, ranked by mean cross-validation score, ± std");

    @Override
    public String name() {
        return "hyperparameter-search";
    }

    @Override
    public String description() {
        return "Grid and random search (as scikit-learn's) over learning rate, batch size, epochs and hidden units on MNIST";
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
                Which learning rate, batch size, number of epochs and hidden units suit the Keras sheet's
                dense network (784 → n ReLU → 10, Glorot-uniform weights, plain SGD) on MNIST, and does a
                grid or a random search find them better? A grid search (GridSearchCV) tries every
                combination of a few values; a random search (RandomizedSearchCV) draws n_iter candidates,
                the learning rate log-uniform. Each candidate is scored by stratified k-fold
                cross-validation on the 60 000 training images (or kfold / holdout), mean ± std of the
                folds ranked as scikit-learn ranks them; each search's best candidate is retrained on all
                training images (refit) and tested on the 10 000 test images. Every (candidate, fold) fit
                is one trial: --executor jvm runs them side by side, --resume continues an interrupted
                search from the fits it finished.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofChoice("cv", List.of("stratified", "kfold", "holdout"), "stratified",
                        "how candidates are scored: stratified k-fold, shuffled k-fold or one stratified hold-out split"),
                Param.ofInt("folds", 3, "k of the k-fold cross-validation").between(2, 20),
                Param.ofDouble("holdout", 0.2, "the share held out when cv=holdout").between(0.01, 0.99),
                Param.ofChoice("scoring", List.of("accuracy", "neg_log_loss"), "accuracy",
                        "what the folds score (scikit-learn's scorer names)"),
                Param.ofChoice("optimizer", List.of(FitSpec.SGD, FitSpec.ADAM), FitSpec.SGD, "the optimizer of every fit"),
                Param.ofDoubles("grid_learning_rates", List.of(0.003, 0.03, 0.3), "the grid's learning rates")
                        .smoke(List.of(0.03, 0.3)).between(1e-6, 10),
                Param.ofInts("grid_batch_sizes", List.of(64, 256), "the grid's batch sizes").smoke(List.of(64))
                        .between(1, 60_000),
                Param.ofInts("grid_epochs", List.of(2, 5), "the grid's epochs").smoke(List.of(1)).between(1, 100),
                Param.ofInts("grid_hidden_units", List.of(64, 512), "the grid's hidden units").smoke(List.of(16, 32))
                        .between(1, 10_000),
                Param.ofInt("n_iter", 12, "candidates the random search draws").smoke(3).between(1, 1000),
                Param.ofDouble("random_lr_min", 1e-3, "the random search's learning rate is drawn log-uniform from this")
                        .between(1e-6, 10),
                Param.ofDouble("random_lr_max", 1.0, "… up to this (excluded)").between(1e-6, 10),
                Param.ofInts("random_batch_sizes", List.of(64, 128, 256), "the random search's batch sizes, each equally likely")
                        .smoke(List.of(64)).between(1, 60_000),
                Param.ofInt("random_epochs_min", 2, "the random search's epochs are drawn as whole numbers from this").smoke(1)
                        .between(1, 100),
                Param.ofInt("random_epochs_max", 6, "… up to this (included)").smoke(1).between(1, 100),
                Param.ofInt("random_hidden_min", 32, "the random search's hidden units are drawn as whole numbers from this").smoke(16)
                        .between(1, 10_000),
                Param.ofInt("random_hidden_max", 512, "… up to this (included)").smoke(32).between(1, 10_000));
    }

    @Override
    public List<RunFile> outputs() {
        return List.of(HyperparameterSearchReport.REPORT, HyperparameterSearchReport.HISTORY, GRID_CSV, GRID_MD, RANDOM_CSV,
                RANDOM_MD, BY_RATE, RANKING);
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        HyperparameterSearchReport report = new HyperparameterSearchReport(context.smoke());

        HyperparameterSearch grid = search(HyperparameterSearch.grid(ParameterGrid.of(Map.of(
                LEARNING_RATE, params.getDoubles("grid_learning_rates"), BATCH_SIZE, params.getInts("grid_batch_sizes"),
                EPOCHS, params.getInts("grid_epochs"), HIDDEN_UNITS, params.getInts("grid_hidden_units")))), context);
        HyperparameterSearch random = search(HyperparameterSearch.random(ParameterSampler.of(Map.of(
                LEARNING_RATE, ParamDistribution.logUniform(params.getDouble("random_lr_min"), params.getDouble("random_lr_max")),
                BATCH_SIZE, ParamDistribution.choice(params.getInts("random_batch_sizes")),
                EPOCHS, ParamDistribution.intUniform(params.getInt("random_epochs_min"), params.getInt("random_epochs_max")),
                HIDDEN_UNITS, ParamDistribution.intUniform(params.getInt("random_hidden_min"),
                        params.getInt("random_hidden_max"))), params.getInt("n_iter"), context.seed())), context);
        report.setup(grid, random, base(context), context.seed());

        List<SearchResult> found = HyperparameterSearch.run(context.trials(), List.of(grid, random));
        SearchResult gridResult = found.get(0);
        SearchResult randomResult = found.get(1);

        dir.csv(GRID_CSV, gridResult.cvResults().table());
        dir.markdown(GRID_MD, gridResult.cvResults().rankedTable(Integer.MAX_VALUE), 4);
        dir.csv(RANDOM_CSV, randomResult.cvResults().table());
        dir.markdown(RANDOM_MD, randomResult.cvResults().rankedTable(Integer.MAX_VALUE), 4);
        dir.save(BY_RATE, HyperparameterSearchReport.scoreByLearningRate(gridResult, randomResult));
        dir.save(RANKING, HyperparameterSearchReport.ranking(gridResult, randomResult, 12));
        dir.csv(HyperparameterSearchReport.HISTORY, HyperparameterSearchReport.refitHistories(found));
        report.search(gridResult, GRID_MD, GRID_CSV, BY_RATE);
        report.search(randomResult, RANDOM_MD, RANDOM_CSV, BY_RATE);
        report.compare(gridResult, randomResult, RANKING);
        report.refit(gridResult, randomResult);
        report.report().write(dir, HyperparameterSearchReport.REPORT, context::metric);
    }

    /** A search over the training images with the run's cross-validation and scoring. */
    private static HyperparameterSearch search(HyperparameterSearch.Builder builder, ExperimentContext context) {
        Params params = context.params();
        CrossValidation cv = switch (params.getString("cv")) {
            case "kfold" -> CrossValidation.kFold(params.getInt("folds"));
            case "holdout" -> CrossValidation.holdOut(params.getDouble("holdout"));
            default -> CrossValidation.stratifiedKFold(params.getInt("folds"));
        };
        return builder.setTemplate(TrialTemplate.of(base(context))).setData(pool(context)).optCv(cv)
                .optScoring(params.getString("scoring").equals("accuracy") ? Scoring.ACCURACY : Scoring.NEG_LOG_LOSS)
                .optRefit(true).build();
    }

    /** The 60 000 training images (600 in a smoke run), standardized on each fit's training part. */
    private static DataSpec pool(ExperimentContext context) {
        return DataSpec.of("mnist").with("splitSeed", context.seed()).with("smoke", context.smoke()).with("validation", 0);
    }

    /** The fit every candidate starts from: the Keras sheet's dense network, Glorot-uniform weights. */
    private static TrialSpec base(ExperimentContext context) {
        FitSpec.Builder fit = FitSpec.builder().initializer("xavier");
        fit = context.params().getString("optimizer").equals(FitSpec.ADAM) ? fit.adam(0.001) : fit.sgd(0.1);
        return TrialSpec.of("base", ModelSpec.mlp(10, 512), pool(context), fit.build(), context.seed());
    }
}

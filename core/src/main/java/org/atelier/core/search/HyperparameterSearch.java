package org.atelier.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import org.atelier.core.AtelierException;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialRunner;
import org.atelier.core.trial.TrialSpec;

/**
 * A grid or random search with cross-validation, as scikit-learn's {@code GridSearchCV} and
 * {@code RandomizedSearchCV}: candidates from a {@link ParameterGrid} or a {@link
 * ParameterSampler}, a {@link TrialTemplate} (the estimator), the data of the whole training pool,
 * a {@link CrossValidation} ({@code cv}), a {@link Scoring} and {@code refit}.
 *
 * <p>Each (candidate, split) pair is one {@link TrialSpec} (id {@code NAME-cI-fJ}), so a {@link
 * TrialRunner} runs them through whichever executor the run has (in process, child JVMs, a
 * cluster) and keeps each finished one: a search interrupted and resumed in the same run directory
 * ({@code --resume}) trains only the pairs that had not finished. {@link #run} does it all; an
 * experiment that runs several searches side by side passes them all to {@link #run(TrialRunner,
 * List)}, which submits their trials as one batch.
 *
 * <p>Where sklearn refits the best candidate and leaves testing to the caller, the refit trial
 * here also evaluates the test set after its last epoch ({@code FitSpec.evaluateTest}), so that the
 * result travels back from any executor with its test accuracy, and keeps its parameters.
 *
 * <pre>{@code
 * TrialSpec base = TrialSpec.of("mlp", ModelSpec.mlp(10, 128), DataSpec.of("mnist"), FitSpec.builder().build(), 42);
 * SearchResult result = HyperparameterSearch.grid(ParameterGrid.of(Map.of(
 *         "learning_rate", List.of(0.01, 0.1), "hidden_units", List.of(64, 256))))
 *     .setTemplate(TrialTemplate.of(base)).setData(DataSpec.of("mnist"))
 *     .optCv(CrossValidation.stratifiedKFold(3)).build().run(context.trials());
 * result.cvResults().bestParams();   // {hidden_units=256, learning_rate=0.1}
 * }</pre>
 */
public final class HyperparameterSearch {

    private final String name;
    private final String description;
    private final List<SortedMap<String, Object>> candidates;
    private final TrialTemplate template;
    private final DataSpec pool;
    private final CrossValidation cv;
    private final Scoring scoring;
    private final boolean refit;

    private HyperparameterSearch(Builder builder) {
        this.name = builder.name;
        this.description = builder.description;
        this.candidates = builder.candidates;
        this.template = Objects.requireNonNull(builder.template, "setTemplate");
        this.pool = Objects.requireNonNull(builder.pool, "setData");
        this.cv = builder.cv;
        this.scoring = builder.scoring;
        this.refit = builder.refit;
        if (candidates.isEmpty()) {
            throw new AtelierException("search " + name + " has no candidates");
        }
    }

    /**
     * A grid search ({@code GridSearchCV}) over every candidate of the grid, in its order; named
     * {@code grid} unless renamed.
     *
     * @param grid the grid
     * @return a builder
     */
    public static Builder grid(ParameterGrid grid) {
        return new Builder("grid", "grid " + grid + ", " + grid.size() + " candidates", grid.candidates());
    }

    /**
     * A random search ({@code RandomizedSearchCV}) over the sampler's candidates; named {@code
     * random} unless renamed.
     *
     * @param sampler the distributions, {@code n_iter} and seed
     * @return a builder
     */
    public static Builder random(ParameterSampler sampler) {
        return new Builder("random", sampler.toString(), sampler.candidates());
    }

    /** The name, which prefixes the trial ids. */
    public String name() {
        return name;
    }

    /** Where the candidates come from, in words. */
    public String description() {
        return description;
    }

    /** The candidates, in order. */
    public List<SortedMap<String, Object>> candidates() {
        return candidates;
    }

    /** The cross-validation. */
    public CrossValidation cv() {
        return cv;
    }

    /** The scoring. */
    public Scoring scoring() {
        return scoring;
    }

    /**
     * Every (candidate, split) trial, candidate by candidate, splits in order within each.
     *
     * @return the trials
     * @throws AtelierException if the template refuses a candidate
     */
    public List<TrialSpec> trials() {
        List<DataSpec> splits = cv.splits(pool);
        List<TrialSpec> trials = new ArrayList<>(candidates.size() * splits.size());
        for (int c = 0; c < candidates.size(); c++) {
            TrialSpec trial = template.trial(candidates.get(c));
            for (int s = 0; s < splits.size(); s++) {
                trials.add(trial.withId(name + "-c" + pad(c) + "-f" + s).withData(splits.get(s)).withSaveParams(false));
            }
        }
        return List.copyOf(trials);
    }

    private String pad(int candidate) {
        int digits = String.valueOf(candidates.size() - 1).length();
        return String.format("%0" + digits + "d", candidate);
    }

    /**
     * Scores the candidates from the results of {@link #trials()}.
     *
     * @param results one per trial, in the order of {@link #trials()}
     * @return the results table
     * @throws IllegalArgumentException if the count is wrong
     */
    public CvResults score(List<TrialResult> results) {
        int splits = cv.splitCount();
        if (results.size() != candidates.size() * splits) {
            throw new IllegalArgumentException("search " + name + " has " + candidates.size() * splits
                    + " trials but got " + results.size() + " results");
        }
        List<double[]> scores = new ArrayList<>();
        List<double[]> seconds = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            double[] score = new double[splits];
            double[] time = new double[splits];
            for (int s = 0; s < splits; s++) {
                TrialResult result = results.get(c * splits + s);
                score[s] = scoring.score(result);
                time[s] = fitSeconds(result);
            }
            scores.add(score);
            seconds.add(time);
        }
        return CvResults.of(candidates, scores, seconds, scoring);
    }

    /** The seconds of a trial's epochs (sklearn's fit time: without loading data), or its wall time if it failed. */
    private static double fitSeconds(TrialResult result) {
        return result.succeeded() ? result.history().epochs().stream().mapToDouble(e -> e.seconds()).sum()
                : result.seconds();
    }

    /**
     * The refit of a candidate: its trial on the whole pool (nothing held out), the test set
     * evaluated after every epoch, its parameters kept; id {@code NAME-refit}.
     *
     * @param params the candidate's parameters, normally {@link CvResults#bestParams()}
     * @return the trial
     */
    public TrialSpec refitTrial(SortedMap<String, Object> params) {
        TrialSpec trial = template.trial(params);
        return trial.withId(name + "-refit").withData(cv.refit(pool))
                .withFit(trial.fit().toBuilder().evaluateTest(true).build()).withSaveParams(true);
    }

    /** Whether {@link #run} refits the best candidate. */
    public boolean refit() {
        return refit;
    }

    /**
     * Runs the search: every (candidate, split) trial, then the refit of the best candidate if asked.
     *
     * @param runner where trials run (e.g. {@code context.trials()})
     * @return the scores and the refit
     * @throws AtelierException if the best candidate has no score (every trial failed) or the refit fails
     */
    public SearchResult run(TrialRunner runner) {
        return run(runner, List.of(this)).get(0);
    }

    /**
     * Runs several searches side by side: the (candidate, split) trials of all of them as one batch,
     * so that parallel executors stay busy across searches, then the refits of those that refit as
     * a second batch.
     *
     * @param runner where trials run
     * @param searches the searches, with distinct names
     * @return one result per search, in order
     * @throws AtelierException if a search's best candidate has no score or a refit fails
     */
    public static List<SearchResult> run(TrialRunner runner, List<HyperparameterSearch> searches) {
        List<TrialSpec> trials = new ArrayList<>();
        searches.forEach(search -> trials.addAll(search.trials()));
        List<TrialResult> results = runner.run(trials);
        List<CvResults> scores = new ArrayList<>();
        List<TrialSpec> refits = new ArrayList<>();
        int from = 0;
        for (HyperparameterSearch search : searches) {
            int to = from + search.candidates.size() * search.cv.splitCount();
            CvResults scored = search.score(results.subList(from, to));
            scores.add(scored);
            if (search.refit) {
                refits.add(search.refitTrial(search.requireScored(scored).bestParams()));
            }
            from = to;
        }
        List<TrialResult> refitted = refits.isEmpty() ? List.of() : TrialResult.requireSucceeded(runner.run(refits));
        List<SearchResult> found = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < searches.size(); i++) {
            HyperparameterSearch search = searches.get(i);
            found.add(search.refit ? new SearchResult(search, scores.get(i), refits.get(next), refitted.get(next++))
                    : new SearchResult(search, scores.get(i), null, null));
        }
        return List.copyOf(found);
    }

    /**
     * Checks that the best candidate has a score, as sklearn refuses to refit when every fit failed.
     *
     * @param results the scores
     * @return the scores
     * @throws AtelierException if the best mean score is NaN
     */
    public CvResults requireScored(CvResults results) {
        if (Double.isNaN(results.bestScore())) {
            throw new AtelierException("search " + name + ": no candidate has a score (its trials failed); see the"
                    + " trial errors above and fix the search's parameters");
        }
        return results;
    }

    @Override
    public String toString() {
        return name + ": " + description + ", " + cv + ", scoring " + scoring.scorerName();
    }

    /** Builds a {@link HyperparameterSearch}; stratified 3-fold, accuracy and refit by default. */
    public static final class Builder {
        private String name;
        private final String description;
        private final List<SortedMap<String, Object>> candidates;
        private TrialTemplate template;
        private DataSpec pool;
        private CrossValidation cv = CrossValidation.stratifiedKFold(3);
        private Scoring scoring = Scoring.ACCURACY;
        private boolean refit = true;

        private Builder(String name, String description, List<SortedMap<String, Object>> candidates) {
            this.name = name;
            this.description = description;
            this.candidates = List.copyOf(candidates);
        }

        /** The trial of a candidate (the estimator). */
        public Builder setTemplate(TrialTemplate template) {
            this.template = template;
            return this;
        }

        /** The data of the whole training pool (its validation share is replaced by the splits). */
        public Builder setData(DataSpec pool) {
            this.pool = pool;
            return this;
        }

        /** The name that prefixes the trial ids; file-name safe. */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /** The cross-validation (default stratified 3-fold). */
        public Builder optCv(CrossValidation cv) {
            this.cv = Objects.requireNonNull(cv, "cv");
            return this;
        }

        /** The scoring (default accuracy). */
        public Builder optScoring(Scoring scoring) {
            this.scoring = Objects.requireNonNull(scoring, "scoring");
            return this;
        }

        /** Whether {@link HyperparameterSearch#run} refits the best candidate (default true). */
        public Builder optRefit(boolean refit) {
            this.refit = refit;
            return this;
        }

        /** Builds the search. */
        public HyperparameterSearch build() {
            return new HyperparameterSearch(this);
        }
    }
}

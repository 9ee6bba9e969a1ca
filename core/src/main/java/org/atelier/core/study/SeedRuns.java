package org.atelier.core.study;

import ai.djl.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.History;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.Training;
import org.atelier.core.trial.TrialResult;

/**
 * The same model trained from several independently drawn initializations (one seed each). Keeps
 * every history and the best run: the one with the lowest validation loss, which becomes the final
 * model when the configuration wins. Runs made from trial results ({@link #of}) keep the best run
 * as an index and the path of its {@code .params} file; runs trained here ({@link #train}) keep its
 * live model, which closing the runs closes.
 */
public final class SeedRuns implements AutoCloseable {

    private final List<Long> seeds;
    private final List<History> histories;
    private final int bestIndex;
    private final Model bestModel;
    private final Path bestParams;

    private SeedRuns(List<Long> seeds, List<History> histories, int bestIndex, Model bestModel, Path bestParams) {
        this.seeds = List.copyOf(seeds);
        this.histories = List.copyOf(histories);
        this.bestIndex = bestIndex;
        this.bestModel = bestModel;
        this.bestParams = bestParams;
    }

    /**
     * The runs of trials that trained one seed each, e.g. from {@code context.trials().run(specs)}.
     * The best run is chosen by the same rule as {@link #train}: the lowest validation loss of any
     * epoch, the earlier seed on a tie.
     *
     * @param seeds the seeds, one per result, in the same order
     * @param results the trials' results (each with validation data; save the parameters in the
     *     specs to keep the best one's {@code .params})
     * @return the runs, without a live model
     * @throws org.atelier.core.AtelierException if a trial failed
     * @throws IllegalArgumentException if there is not one result per seed
     */
    public static SeedRuns of(List<Long> seeds, List<TrialResult> results) {
        if (seeds.isEmpty() || seeds.size() != results.size()) {
            throw new IllegalArgumentException("need one trial result per seed, got " + seeds.size() + " seeds and "
                    + results.size() + " results");
        }
        List<History> histories = TrialResult.requireSucceeded(results).stream().map(TrialResult::history).toList();
        int best = 0;
        for (int i = 1; i < histories.size(); i++) {
            if (histories.get(i).best().valLoss() < histories.get(best).best().valLoss()) {
                best = i;
            }
        }
        return new SeedRuns(seeds, histories, best, null, results.get(best).params().orElse(null));
    }

    /**
     * Trains one model per seed.
     *
     * @param seeds the seeds, one run each
     * @param newModel creates a fresh, uninitialized model with its block
     * @param config the fit configuration of a seed (add a {@code RestoreBestEpoch} so that the
     *     kept model is the one of its best epoch)
     * @param train the training data
     * @param validation the validation data, which ranks the runs
     * @return the runs
     */
    public static SeedRuns train(List<Long> seeds, Supplier<Model> newModel, LongFunction<FitConfig> config,
            LabeledArrays train, LabeledArrays validation) {
        List<History> histories = new ArrayList<>();
        Model best = null;
        int bestIndex = -1;
        for (long seed : seeds) {
            Model model = newModel.get();
            History history = Training.fit(model, train, validation, config.apply(seed));
            histories.add(history);
            if (best == null || history.best().valLoss() < histories.get(bestIndex).best().valLoss()) {
                if (best != null) {
                    best.close();
                }
                best = model;
                bestIndex = histories.size() - 1;
            } else {
                model.close();
            }
        }
        return new SeedRuns(seeds, histories, bestIndex, best, null);
    }

    /** The seeds, in training order. */
    public List<Long> seeds() {
        return seeds;
    }

    /** One history per seed, in training order. */
    public List<History> histories() {
        return histories;
    }

    /** The index of the run with the lowest validation loss. */
    public int bestIndex() {
        return bestIndex;
    }

    /**
     * The model of the best run, with the parameters its configuration left (the best epoch's when
     * restored); null for runs made from trial results, which keep {@link #bestParams()} instead.
     */
    public Model bestModel() {
        return bestModel;
    }

    /** The {@code .params} file of the best run, for runs made from trial results that saved their parameters. */
    public Optional<Path> bestParams() {
        return Optional.ofNullable(bestParams);
    }

    /**
     * A number per run, summarized over the seeds.
     *
     * @param perRun e.g. {@code h -> h.best().valAccuracy()}
     * @return mean ± std over the runs
     */
    public MeanStd statistic(ToDoubleFunction<History> perRun) {
        return MeanStd.of(histories.stream().mapToDouble(perRun).toArray());
    }

    /**
     * The mean wall time of one training epoch (validation included) over every seed's epochs,
     * epoch 0 (the evaluation before training) excluded.
     *
     * @return seconds per epoch, NaN if no epoch was trained
     */
    public double secondsPerEpoch() {
        return histories.stream().flatMap(h -> h.epochs().stream()).filter(e -> e.epoch() > 0)
                .mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
    }

    @Override
    public void close() {
        if (bestModel != null) {
            bestModel.close();
        }
    }
}

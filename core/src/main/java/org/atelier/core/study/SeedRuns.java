package org.atelier.core.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.atelier.core.trial.TrialResult;

/**
 * The same model trained from several independently drawn initializations (one seed each). Keeps
 * every history and the best run: the one with the lowest validation loss, which becomes the final
 * model when the configuration wins. The runs are trials ({@link #of}); the best run is kept as an
 * index and the path of its {@code .params} file, never as a live model, so runs can be trained
 * anywhere (another JVM, another machine) and hold no native memory.
 */
public final class SeedRuns {

    private final List<Long> seeds;
    private final List<History> histories;
    private final int bestIndex;
    private final Path bestParams;

    private SeedRuns(List<Long> seeds, List<History> histories, int bestIndex, Path bestParams) {
        this.seeds = List.copyOf(seeds);
        this.histories = List.copyOf(histories);
        this.bestIndex = bestIndex;
        this.bestParams = bestParams;
    }

    /**
     * The runs of trials that trained one seed each, e.g. from {@code context.trials().run(specs)}.
     * The best run is the one with the lowest validation loss of any
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
        return new SeedRuns(seeds, histories, best, results.get(best).params().orElse(null));
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
}

package org.atelier.experiments.study1;

import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.LearningRateSweep;
import org.atelier.core.study.SeedRuns;
import org.atelier.core.training.History;

/**
 * One gradient-descent variant carried through the protocol: its learning-rate sweep and its
 * seeds trained with the chosen rate. Closing it closes the best seed's model.
 *
 * @param method the variant
 * @param sweep the learning-rate sweep
 * @param runs the seeds trained with the chosen rate
 * @param batchesPerEpoch updates per epoch
 */
public record VariantRun(GradientDescent method, LearningRateSweep sweep, SeedRuns runs, int batchesPerEpoch)
        implements AutoCloseable {

    /** The epoch each seed's early stopping kept (its lowest validation loss), over the seeds. */
    public MeanStd bestEpoch() {
        return runs.statistic(History::bestEpoch);
    }

    /** The number of epochs by the stated rule: the mean best epoch over the seeds, rounded (at least 1). */
    public int epochsByRule() {
        return Math.max(1, (int) Math.round(bestEpoch().mean()));
    }

    /** The updates those epochs take. */
    public long stepsByRule() {
        return (long) epochsByRule() * batchesPerEpoch;
    }

    /** The lowest validation loss of each seed, over the seeds. */
    public MeanStd bestValLoss() {
        return runs.statistic(h -> h.best().valLoss());
    }

    /** The validation accuracy at each seed's best epoch, over the seeds. */
    public MeanStd bestValAccuracy() {
        return runs.statistic(h -> h.best().valAccuracy());
    }

    /** The loss before the first update on the training set (epoch 0), over the seeds. */
    public MeanStd initialLoss() {
        return runs.statistic(h -> h.initial().orElseThrow().trainLoss());
    }

    /** The history of the best seed, whose model is the variant's candidate final model. */
    public History bestHistory() {
        return runs.histories().get(runs.bestIndex());
    }

    /** The seed of the best run. */
    public long bestSeed() {
        return runs.seeds().get(runs.bestIndex());
    }

    /** Mean wall time of one training epoch (validation included) over all seeds and epochs. */
    public double secondsPerEpoch() {
        return runs.secondsPerEpoch();
    }

    /** The training time of the best seed's run, in seconds. */
    public double bestRunSeconds() {
        return bestHistory().totalSeconds();
    }

    @Override
    public void close() {
        runs.close();
    }
}

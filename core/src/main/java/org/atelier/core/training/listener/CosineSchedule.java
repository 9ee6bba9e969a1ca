package org.atelier.core.training.listener;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import java.io.Serializable;
import org.atelier.core.training.BatchProgress;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;

/**
 * Cosine decay of the learning rate over the whole fit (Loshchilov and Hutter's SGDR without
 * restarts), after an optional linear warm-up (from {@code base / W} over the first W updates): from
 * {@code base} (reached after the warm-up) down
 * to {@code base · finalFactor} at the last update, changed after every batch. The curve is DJL's:
 * a {@link CosineTracker} behind a {@link WarmUpTracker}; this listener only supplies what those
 * trackers need and cannot know when the optimizer is built, the number of updates of the fit
 * ({@code maxEpochs × batchesPerEpoch}), and hands the rate to the optimizer through {@link
 * FitContext#setLearningRate} (Keras's {@code LearningRateScheduler} callback, per batch). It
 * needs an optimizer whose rate listeners may change ({@code FitConfig.optAdam}, {@code optSgd} or
 * {@code optOptimizer(factory, schedule)}). If training stops early, the rate has not decayed fully.
 */
public final class CosineSchedule implements FitListener {

    private final double base;
    private final double finalFactor;
    private final double warmUpEpochs;
    private Tracker tracker;
    private int updates;

    /**
     * A cosine schedule.
     *
     * @param base the peak learning rate, reached when the warm-up ends
     * @param finalFactor the last update's rate as a share of {@code base}, in (0, 1] (a rate of 0 is refused by MXNet)
     * @param warmUpEpochs epochs of linear warm-up (may be fractional), ≥ 0
     */
    public CosineSchedule(double base, double finalFactor, double warmUpEpochs) {
        if (!(base > 0) || Double.isInfinite(base) || !(finalFactor > 0 && finalFactor <= 1) || !(warmUpEpochs >= 0)
                || Double.isInfinite(warmUpEpochs)) {
            throw new IllegalArgumentException("cosine schedule needs a positive base rate, a final factor in (0, 1] and"
                    + " warm-up epochs ≥ 0; got " + base + ", " + finalFactor + ", " + warmUpEpochs);
        }
        this.base = base;
        this.finalFactor = finalFactor;
        this.warmUpEpochs = warmUpEpochs;
    }

    @Override
    public void onFitBegin(FitContext context) {
        int total = Math.multiplyExact(context.maxEpochs(), context.batchesPerEpoch());
        int warmUp = Math.min(total - 1, (int) Math.round(warmUpEpochs * context.batchesPerEpoch()));
        Tracker cosine = CosineTracker.builder().setBaseValue((float) base)
                .optFinalValue((float) (base * finalFactor)).setMaxUpdates(Math.max(1, total - 1 - warmUp)).build();
        // DJL's warm-up rises linearly from its begin value, base/warmUp here (not 0: the first update should
        // move, and MXNet refuses a zero rate), and hands update k ≥ warmUp to the cosine as k − warmUp
        tracker = warmUp == 0 ? cosine : WarmUpTracker.builder().setMainTracker(cosine).optWarmUpSteps(warmUp)
                .optWarmUpBeginValue((float) (base / warmUp)).build();
        updates = 0;
        setRate(context);
    }

    @Override
    public void onBatchEnd(FitContext context, BatchProgress progress) {
        updates++;
        setRate(context);
    }

    /** The updates done so far: a fit resumed from a backup goes on along the same curve. */
    @Override
    public Serializable backupState(FitContext context) {
        return updates;
    }

    @Override
    public void restoreState(FitContext context, Serializable state) {
        updates = (Integer) state;
        setRate(context);
    }

    private void setRate(FitContext context) {
        context.setLearningRate(tracker.getNewValue(updates));
    }

    /**
     * The rate of update {@code k} (0 = the first) once the fit has begun, for tests and plots.
     *
     * @param k the update's index
     * @return its learning rate
     */
    public double rateAt(int k) {
        if (tracker == null) {
            throw new IllegalStateException("the schedule knows the number of updates only once the fit has begun");
        }
        return tracker.getNewValue(k);
    }
}

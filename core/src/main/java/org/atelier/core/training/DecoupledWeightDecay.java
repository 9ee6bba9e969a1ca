package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decoupled weight decay (Loshchilov and Hutter 2019) around any optimizer: before each update a
 * weight shrinks by the factor {@code 1 − rate · decay}, then the wrapped optimizer applies its
 * gradient step. Around Adam this is AdamW as PyTorch's {@code torch.optim.AdamW} computes it
 * (decay scaled by the current learning rate, so a schedule decays both), around SGD it equals L2
 * regularization with coefficient {@code decay}.
 *
 * <p>Why not DJL's {@code Optimizer.adamW()}: on PyTorch it decays decoupled, but DJL's MXNet
 * engine hands every Adam variant to MXNet's {@code adam_update}, which adds {@code wd · w} to the
 * gradient before Adam's normalization (coupled L2), so the same settings would train differently
 * on the two engines. Here the decay is one element-wise multiplication on the weight, the same on
 * every engine. Every parameter decays (weights, biases and batch-norm scales alike), as in
 * PyTorch's default; keep the decay small (1e-4 … 5e-2 with rates around 1e-3).
 */
public final class DecoupledWeightDecay extends Optimizer {

    private final Optimizer inner;
    private final Tracker rate;
    private final float decay;

    /**
     * Wraps the optimizer that {@code optimizer} builds around {@code rate}.
     *
     * @param optimizer builds the wrapped optimizer with the given rate, e.g. {@code r ->
     *     Optimizer.adam().optLearningRateTracker(r).build()}
     * @param rate the learning rate, read by both the wrapped optimizer and the decay
     * @param decay the decay per unit learning rate, ≥ 0 (PyTorch's {@code weight_decay})
     */
    public DecoupledWeightDecay(Function<Tracker, Optimizer> optimizer, Tracker rate, double decay) {
        super(new Settings());
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("weight decay must be ≥ 0 and finite, got " + decay);
        }
        this.rate = Objects.requireNonNull(rate, "rate");
        this.inner = optimizer.apply(rate);
        this.decay = (float) decay;
    }

    /** The decay per unit learning rate. */
    public double decay() {
        return decay;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float shrink = 1 - rate.getNewValue(updateCount(parameterId)) * decay;
        if (shrink != 1) {
            weight.muli(shrink);
        }
        inner.update(parameterId, weight, grad);
    }

    /** The base class's settings: DJL's defaults (no rescaling, no clipping, no coupled decay). */
    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }
}

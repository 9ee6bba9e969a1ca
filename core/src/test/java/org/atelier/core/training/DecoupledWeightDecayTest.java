package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.function.Function;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class DecoupledWeightDecayTest {

    private static final float[] WEIGHT = {1.5f, -2f, 0.25f, 4f};
    private static final float[] GRADIENT = {0.3f, -0.1f, 2f, 0f};
    private static final float RATE = 0.01f;
    private static final double DECAY = 0.5;

    private static final Function<Tracker, Optimizer> ADAM = r -> Optimizer.adam().optLearningRateTracker(r).build();
    private static final Function<Tracker, Optimizer> SGD = r -> Optimizer.sgd().setLearningRateTracker(r).build();

    /** Two updates of {@code weight} with {@code gradient} each time. */
    private static float[] twoSteps(NDManager manager, Optimizer optimizer, float[] weight) {
        NDArray w = manager.create(weight);
        for (int step = 0; step < 2; step++) {
            optimizer.update("w", w, manager.create(GRADIENT));
        }
        return w.toFloatArray();
    }

    /** AdamW as PyTorch computes it: shrink by 1 − lr·λ, then Adam's step with the unchanged gradient. */
    @OnEachEngine
    void aroundAdamEachWeightShrinksByOneMinusRateTimesDecayBeforeAdamsStep(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            float[] decayed = twoSteps(manager, new DecoupledWeightDecay(ADAM, Tracker.fixed(RATE), DECAY), WEIGHT);
            // the same two steps by hand: the shrink, then a plain Adam's update of the shrunk weight
            NDArray w = manager.create(WEIGHT);
            Optimizer adam = ADAM.apply(Tracker.fixed(RATE));
            for (int step = 0; step < 2; step++) {
                w.muli(1 - RATE * (float) DECAY);
                adam.update("w", w, manager.create(GRADIENT));
            }
            assertArrayEquals(w.toFloatArray(), decayed, 1e-6f);
            // where the gradient is zero, Adam leaves the weight alone: only the decay acts (twice)
            float shrink = 1 - RATE * (float) DECAY;
            assertArrayEquals(new float[] {WEIGHT[3] * shrink * shrink}, new float[] {decayed[3]}, 1e-6f);
        }
    }

    /** Around SGD decoupled decay is L2 regularization: w − lr·(g + λ·w). */
    @OnEachEngine
    void aroundSgdItIsL2Regularization(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            float[] decayed = twoSteps(manager, new DecoupledWeightDecay(SGD, Tracker.fixed(RATE), DECAY), WEIGHT);
            float[] expected = WEIGHT.clone();
            for (int step = 0; step < 2; step++) {
                for (int i = 0; i < expected.length; i++) {
                    expected[i] -= RATE * (GRADIENT[i] + (float) DECAY * expected[i]);
                }
            }
            assertArrayEquals(expected, decayed, 1e-6f);
        }
    }

    /** The decay follows the schedule: with rate 0.1 on the first update and 0.02 on the second. */
    @OnEachEngine
    void theDecayScalesWithTheScheduledRate(String engine) {
        Tracker schedule = k -> k <= 1 ? 0.1f : 0.02f;
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray w = manager.create(new float[] {2f});
            Optimizer optimizer = new DecoupledWeightDecay(SGD, schedule, DECAY);
            optimizer.update("w", w, manager.create(new float[] {0f}));
            optimizer.update("w", w, manager.create(new float[] {0f}));
            assertArrayEquals(new float[] {2f * 0.95f * 0.99f}, w.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void negativeOrInfiniteDecayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DecoupledWeightDecay(SGD, Tracker.fixed(0.1f), -1));
        assertThrows(IllegalArgumentException.class,
                () -> new DecoupledWeightDecay(SGD, Tracker.fixed(0.1f), Double.POSITIVE_INFINITY));
    }
}

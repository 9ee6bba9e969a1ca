package org.atelier.core.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;

/** A fit spec's weight decay, on each engine: decoupled for Adam (AdamW), L2 for SGD. */
class FitSpecWeightDecayTest {

    private static final float[] WEIGHT = {1.5f, -2f, 0.25f, 4f};
    private static final float[] GRADIENT = {0.3f, -0.1f, 2f, 0f};
    private static final float RATE = 0.01f;
    private static final double DECAY = 0.5;

    private static float[] twoSteps(NDManager manager, FitSpec fit) {
        Optimizer optimizer = fit.toFitConfig(1).newOptimizer(Tracker.fixed(RATE));
        NDArray w = manager.create(WEIGHT);
        for (int step = 0; step < 2; step++) {
            optimizer.update("w", w, manager.create(GRADIENT));
        }
        return w.toFloatArray();
    }

    /** AdamW as {@code torch.optim.AdamW}: shrink by 1 − lr·λ, then Adam's step with the unchanged gradient. */
    @OnEachEngine
    void withAdamEachWeightShrinksByOneMinusRateTimesDecayBeforeAdamsStep(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            float[] decayed = twoSteps(manager, FitSpec.builder().adam(RATE).weightDecay(DECAY).build());
            NDArray w = manager.create(WEIGHT);
            Optimizer adam = FitSpec.builder().adam(RATE).build().toFitConfig(1).newOptimizer(Tracker.fixed(RATE));
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

    /** With SGD weight decay is L2 regularization: w − lr·(g + λ·w). */
    @OnEachEngine
    void withSgdItIsL2Regularization(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            float[] decayed = twoSteps(manager, FitSpec.builder().sgd(RATE).weightDecay(DECAY).build());
            float[] expected = WEIGHT.clone();
            for (int step = 0; step < 2; step++) {
                for (int i = 0; i < expected.length; i++) {
                    expected[i] -= RATE * (GRADIENT[i] + (float) DECAY * expected[i]);
                }
            }
            assertArrayEquals(expected, decayed, 1e-6f);
        }
    }
}

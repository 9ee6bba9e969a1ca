package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.SplittableRandom;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class LabelSmoothingLossTest {

    private static final int N = 6;
    private static final int K = 5;
    private static final float[] LOGITS = logits();
    private static final float[] LABELS = {0, 4, 2, 2, 1, 3};

    private static float[] logits() {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[N * K];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 6 - 3);
        }
        return values;
    }

    /** The definition, in double on the host: the mean over samples of −Σ_k target_k · log softmax_k. */
    private static double expected(double smoothing) {
        double total = 0;
        for (int i = 0; i < N; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < K; k++) {
                max = Math.max(max, LOGITS[i * K + k]);
            }
            double sum = 0;
            for (int k = 0; k < K; k++) {
                sum += Math.exp(LOGITS[i * K + k] - max);
            }
            for (int k = 0; k < K; k++) {
                double logP = LOGITS[i * K + k] - max - Math.log(sum);
                double target = smoothing / K + (k == (int) LABELS[i] ? 1 - smoothing : 0);
                total -= target * logP;
            }
        }
        return total / N;
    }

    @OnEachEngine
    void isTheCrossEntropyAgainstSmoothedTargetsAndDjlsLossWithoutSmoothing(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDList predictions = new NDList(manager.create(LOGITS, new Shape(N, K)));
            NDList labels = new NDList(manager.create(LABELS));
            float djl = Loss.softmaxCrossEntropyLoss().evaluate(labels, predictions).getFloat();
            assertEquals(djl, new LabelSmoothingLoss(0).evaluate(labels, predictions).getFloat(), 1e-6);
            assertEquals(expected(0), djl, 1e-5);
            for (double smoothing : new double[] {0.1, 0.5}) {
                assertEquals(expected(smoothing), new LabelSmoothingLoss(smoothing).evaluate(labels, predictions)
                        .getFloat(), 1e-5, "ε = " + smoothing);
            }
        }
    }

    /** d loss / d logits = (softmax − smoothed target) / N: the gradient stops pushing once p reaches the target. */
    @OnEachEngine
    void gradientIsSoftmaxMinusTheSmoothedTarget(String engine) {
        double smoothing = 0.2;
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray logits = manager.create(LOGITS, new Shape(N, K));
            logits.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine(engine).newGradientCollector()) {
                collector.backward(new LabelSmoothingLoss(smoothing).evaluate(new NDList(manager.create(LABELS)),
                        new NDList(logits)));
            }
            float[] softmax = manager.create(LOGITS, new Shape(N, K)).softmax(-1).toFloatArray();
            float[] expected = new float[N * K];
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < K; k++) {
                    double target = smoothing / K + (k == (int) LABELS[i] ? 1 - smoothing : 0);
                    expected[i * K + k] = (float) ((softmax[i * K + k] - target) / N);
                }
            }
            assertArrayEquals(expected, logits.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void smoothingOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LabelSmoothingLoss(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new LabelSmoothingLoss(1));
        assertThrows(IllegalArgumentException.class, () -> new LabelSmoothingLoss(Double.NaN));
    }
}

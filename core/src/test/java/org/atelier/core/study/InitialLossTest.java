package org.atelier.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class InitialLossTest {

    @Test
    void expectationIsLnKPlusTheSecondOrderTerm() {
        assertEquals(Math.log(10), InitialLoss.uniform(10), 1e-12);
        assertEquals(Math.log(10), InitialLoss.expected(10, 0), 1e-12);
        assertEquals(Math.log(10) + 0.9 * 1.0 / 2, InitialLoss.expected(10, 1.0), 1e-12);
        assertEquals(Math.log(2) + 0.5 * 0.4 / 2, InitialLoss.expected(2, 0.4), 1e-12);
    }

    @OnEachEngine
    void crossEntropyOfKnownLogits(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            // sample 0: logits (0, 0, 0), label 2 → ln 3; sample 1: (ln 3, 0, 0), label 0 → −ln(3/5) = ln 5 − ln 3
            NDArray logits = manager.create(new float[] {0, 0, 0, (float) Math.log(3), 0, 0}, new Shape(2, 3));
            NDArray labels = manager.create(new float[] {2, 0});
            double expected = (Math.log(3) + Math.log(5) - Math.log(3)) / 2;
            assertEquals(expected, InitialLoss.crossEntropy(logits, labels), 1e-5, "float32 log-softmax");
        }
    }

    @OnEachEngine
    void meanLogitVarianceIsSigmaSquaredTimesMeanSquaredNorm(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            // ‖x‖² = 1 + 4 = 5 and 9 + 16 = 25: mean 15; σ = 0.5 → 15 / 4
            NDArray features = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 1, 2));
            assertEquals(15.0 / 4, InitialLoss.meanLogitVariance(features, 0.5), 1e-6);
            // s² = 5/4 and 25/4: mean s⁴ = (25 + 625) / 32
            assertEquals(0.025 * 650 / 32, InitialLoss.higherOrderBound(features, 0.5), 1e-6);
        }
    }
}

package org.atelier.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;

class ChannelDropoutTest {

    @OnEachEngine
    void dropsWholeChannelsAndScalesTheRest(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            ChannelDropout dropout = new ChannelDropout(0.25f);
            dropout.initialize(manager, DataType.FLOAT32, new Shape(200, 20, 4, 4));
            NDList input = new NDList(manager.ones(new Shape(200, 20, 4, 4)));
            ParameterStore store = new ParameterStore(manager, false);

            float[] out = dropout.forward(store, input, true).head().toFloatArray();
            int dropped = 0;
            for (int channel = 0; channel < 200 * 20; channel++) {
                float first = out[channel * 16];
                assertTrue(first == 0f || Math.abs(first - 1 / 0.75f) < 1e-6, "value " + first);
                for (int i = 1; i < 16; i++) {
                    assertEquals(first, out[channel * 16 + i], "a channel is dropped or kept as a whole");
                }
                dropped += first == 0f ? 1 : 0;
            }
            // 4000 channels, p = 0.25: standard error 0.0068, so ±0.03 is over four of them
            assertEquals(0.25, dropped / 4000.0, 0.03);

            NDArray inference = dropout.forward(store, input, false).head();
            assertSame(input.head(), inference, "inference passes the input through");
        }
    }
}

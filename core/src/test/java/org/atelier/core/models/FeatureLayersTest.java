package org.atelier.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.Inference;
import org.junit.jupiter.api.Test;

class FeatureLayersTest {

    /** The CNN's features are fc1's 50 ReLU outputs, with or without the dropout before fc2; the MLP's its last hidden layer's. */
    @OnEachEngine
    void featuresAreTheLastHiddenLayersOutputs(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray images = manager.randomUniform(0, 1, new Shape(5, 1, 28, 28));
            SequentialBlock[] models = {Models.pytorchExampleCnn(10, 0.5f), Models.pytorchExampleCnn(10, 0f),
                Models.mlp(new int[] {32, 16}, 10)};
            int[] expectedLayers = {10, 9, 5};
            long[] expectedWidth = {50, 50, 16};
            for (int m = 0; m < models.length; m++) {
                models[m].initialize(manager, DataType.FLOAT32, images.getShape());
                int layers = Models.featureLayers(models[m]);
                assertEquals(expectedLayers[m], layers);
                NDArray features = Inference.innerOutput(models[m], layers, images, manager);
                assertEquals(new Shape(5, expectedWidth[m]), features.getShape());
                assertEquals(0f, features.min().getFloat(), 1e-9, "ReLU outputs are never negative and some are 0");
            }
        }
    }

    @Test
    void aModelWithoutHiddenLayerHasNoFeatures() {
        assertThrows(IllegalArgumentException.class,
                () -> Models.featureLayers(new SequentialBlock().add(Activation.reluBlock())));
    }
}

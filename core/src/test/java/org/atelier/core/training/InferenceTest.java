package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;

class InferenceTest {

    @OnEachEngine
    void classifiesAndExposesInnerLayers(String engine) {
        Backend backend = TestBackends.backend(engine);
        LabeledData blobs = SyntheticData.blobs(2100, 8, 4, 1);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("m", backend.device(), backend.engineName())) {
            SequentialBlock mlp = Models.mlp(new int[] {16}, 4);
            model.setBlock(mlp);
            LabeledArrays data = LabeledArrays.of(blobs, manager);
            History history = Training.fit(model, data, null,
                    FitConfig.builder().setEpochs(3).optProgress(null).build());

            // more samples than one inference batch, so batching and concatenation are exercised
            Inference.Predictions predictions = Inference.classify(mlp, data.features(), true);
            int correct = 0;
            for (int i = 0; i < blobs.size(); i++) {
                int best = 0;
                float sum = 0;
                for (int c = 0; c < 4; c++) {
                    sum += predictions.probability(i, c);
                    best = predictions.probability(i, c) > predictions.probability(i, best) ? c : best;
                }
                assertEquals(1f, sum, 1e-4);
                assertEquals(best, predictions.classes()[i]);
                correct += best == blobs.labels()[i] ? 1 : 0;
            }
            assertEquals(history.last().trainAccuracy(), correct / (double) blobs.size(), 0.05);

            // flatten, linear, relu: the hidden layer's activations
            NDArray hidden = Inference.innerOutput(mlp, 3, data.features(), manager);
            assertEquals(new Shape(2100, 16), hidden.getShape());
            assertEquals(0f, hidden.lt(0).sum().getLong(), "ReLU outputs are never negative");
            assertThrows(IllegalArgumentException.class, () -> Inference.innerOutput(mlp, 5, data.features(), manager));
        }
    }
}

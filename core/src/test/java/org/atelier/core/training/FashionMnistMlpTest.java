package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import org.atelier.core.data.DataLocator;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Subset;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.testing.TestData;
import org.junit.jupiter.api.Test;

/** The facade on real data: one epoch of an MLP on Fashion-MNIST takes seconds and learns. */
class FashionMnistMlpTest {

    @Test
    void oneEpochOfMlp784x256x10ReachesEightyPercentValidationAccuracy() throws Exception {
        LabeledData all = Datasets.fashionMnist(new DataLocator(TestData.directory()), Subset.TRAIN);
        int[] trainIndices = range(0, 50_000);
        int[] validationIndices = range(50_000, 60_000);
        Backend backend = Backend.resolve("PyTorch", "cpu");
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("mlp", backend.device(), backend.engineName())) {
            model.setBlock(Models.mlp(new int[] {256}, 10));
            History history = Training.fit(model,
                    LabeledArrays.of(all.subset(trainIndices, "train"), manager),
                    LabeledArrays.of(all.subset(validationIndices, "validation"), manager),
                    FitConfig.builder().setEpochs(1).setBatchSize(64).optSgd(0.1f).optProgress(null).build());
            assertTrue(history.last().valAccuracy() >= 0.80, "validation accuracy " + history.last().valAccuracy());
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}

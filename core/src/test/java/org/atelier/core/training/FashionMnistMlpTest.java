package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.atelier.core.data.IdxImages;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.testing.TestData;
import org.junit.jupiter.api.Test;

/** The facade on real data: one epoch of an MLP on Fashion-MNIST takes seconds and learns. */
class FashionMnistMlpTest {

    @Test
    void oneEpochOfMlp784x256x10ReachesEightyPercentValidationAccuracy() throws Exception {
        Path dir = TestData.directory().resolve("fashion-mnist");
        LabeledData all = IdxImages.read("fashion-mnist/train", dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
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

package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.Subset;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

/** The facade on real data: one epoch of an MLP on the full Fashion-MNIST training set takes seconds and learns. */
class FashionMnistMlpTest {

    @Test
    void oneEpochOfMlp784x256x10ReachesEightyPercentValidationAccuracy() throws Exception {
        LabeledData all = Datasets.fashionMnist(RealData.locator(Datasets.FASHION_MNIST), Subset.TRAIN);
        TrainValidation split = Splits.stratified(all, 0.1, 42);
        Backend backend = TestBackends.backend("PyTorch");
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("mlp", backend.device(), backend.engineName())) {
            model.setBlock(Models.mlp(new int[] {256}, 10));
            History history = Training.fit(model,
                    LabeledArrays.of(split.train(), manager),
                    LabeledArrays.of(split.validation(), manager),
                    FitConfig.builder().setEpochs(1).setBatchSize(64).optSgd(0.1f).optProgress(null).build());
            assertTrue(history.last().valAccuracy() >= 0.80, "validation accuracy " + history.last().valAccuracy());
        }
    }
}

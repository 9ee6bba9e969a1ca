package org.atelier.experiments.study3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import org.atelier.core.models.MnistCnns;
import org.atelier.core.report.ModelSummary;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialRegistry;
import org.atelier.core.testing.OnEachEngine;

/** The tiny CNN's 1 765 parameters, counted from the built block, and its registration by name. */
class TinyCnnParametersTest {

    private static final Shape INPUT = new Shape(1, 1, 28, 28);

    @OnEachEngine
    void tinyCnnHasExactly1765TrainableParameters(String engine) {
        ModelSpec spec = Study3Components.tinySpec(10);
        Block block = TrialRegistry.instance().model(spec.factory()).create(spec.args(), spec.classes());
        try (Model model = Model.newInstance("tiny", engine)) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, INPUT);
            ModelSummary summary = ModelSummary.of(block, INPUT);
            assertEquals(1765, summary.trainableParameters());
            assertEquals(0, summary.nonTrainableParameters());
            LayerParameters layers = LayerParameters.of(initialized(MnistCnns.tiny(10), model), INPUT);
            assertEquals(List.of(208L, 603L, 784L, 170L),
                    layers.withParameters().stream().map(LayerParameters.Row::trainable).toList());
            assertEquals(List.of(200L, 600L, 768L, 160L),
                    layers.withParameters().stream().map(LayerParameters.Row::weights).toList());
            assertEquals(List.of(8L, 3L, 16L, 10L),
                    layers.withParameters().stream().map(LayerParameters.Row::biases).toList());
            assertEquals("8 filters × 1 channel × 5 × 5 = 200 weights + 8 biases = 208",
                    layers.withParameters().get(0).explanation());
            assertEquals(new Shape(1, 10), summary.layers().get(summary.layers().size() - 1).outputShapes().get(0));
        }
    }

    @OnEachEngine
    void vggStyleCnnCountsBatchNormStatisticsAsNotTrainable(String engine) {
        ModelSpec spec = Study3Components.vggSpec(10, List.of(32, 64), 128, 0.25, 0.5);
        Block block = TrialRegistry.instance().model(spec.factory()).create(spec.args(), spec.classes());
        try (Model model = Model.newInstance("vgg", engine)) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, INPUT);
            ModelSummary summary = ModelSummary.of(block, INPUT);
            // convs 320 + 9 248 + 18 496 + 36 928, dense 3 136·128 + 128 and 1 290, batch norms 2·(32+32+64+64+128)
            long convs = 320 + 9_248 + 18_496 + 36_928;
            long dense = 3_136L * 128 + 128 + 1_290;
            long norms = 2L * (32 + 32 + 64 + 64 + 128);
            assertEquals(convs + dense + norms, summary.trainableParameters());
            assertEquals(norms, summary.nonTrainableParameters(), "running means and variances");
        }
    }

    private static ai.djl.nn.SequentialBlock initialized(Block block, Model model) {
        block.initialize(model.getNDManager(), DataType.FLOAT32, INPUT);
        return (ai.djl.nn.SequentialBlock) block;
    }
}

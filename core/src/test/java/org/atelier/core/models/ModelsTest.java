package org.atelier.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.atelier.core.report.ModelSummary;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @OnEachEngine
    void fanInInitializerDrawsWeightsWithSigmaOneOverRootFanInAndZeroBiases(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            Block block = Models.mlp(new int[] {256}, 10);
            initialize(block, manager, new Shape(8, 1, 28, 28));
            NDArray first = block.getParameters().get("02Linear_weight").getArray();
            NDArray output = block.getParameters().get("04Linear_weight").getArray();
            // 200 704 draws: the sample std is within 1% of σ with overwhelming probability (SE ≈ 0.16%)
            assertEquals(1 / Math.sqrt(784), std(first), 0.01 / Math.sqrt(784));
            // 2 560 draws: SE ≈ 1.4%, so 6% is over 4 standard errors
            assertEquals(1 / Math.sqrt(256), std(output), 0.06 / Math.sqrt(256));
            assertEquals(0f, block.getParameters().get("02Linear_bias").getArray().abs().sum().getFloat());
        }
    }

    @OnEachEngine
    void modelsMapImagesToClassScores(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray images = manager.randomUniform(0, 1, new Shape(5, 1, 28, 28));
            for (Block block : new Block[] {Models.softmaxRegression(10), Models.mlp(new int[] {32, 16}, 10),
                    Models.pytorchExampleCnn(10, 0.5f), Models.pytorchExampleCnn(10, 0f)}) {
                initialize(block, manager, images.getShape());
                NDArray scores = block.forward(new ParameterStore(manager, false), new NDList(images), false).head();
                assertEquals(new Shape(5, 10), scores.getShape());
            }
        }
    }

    @OnEachEngine
    void theRegularizedMlpAddsBatchNormBeforeEachReluAndDropoutAfterIt(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            Shape input = new Shape(4, 1, 28, 28);
            Block plain = Models.mlp(new int[] {32, 16}, 10, false, 0f);
            initialize(plain, manager, input);
            assertEquals(List.of(784L * 32 + 32, 32L * 16 + 16, 16L * 10 + 10), parameterCounts(plain, input));
            Block regularized = Models.mlp(new int[] {32, 16}, 10, true, 0.5f);
            initialize(regularized, manager, input);
            // flatten, then (linear, BN, ReLU, dropout) twice, then the output layer
            assertEquals(2 + 4 * 2, regularized.getChildren().size());
            assertEquals(List.of(784L * 32 + 32, 4L * 32, 32L * 16 + 16, 4L * 16, 16L * 10 + 10),
                    parameterCounts(regularized, input));
            // in inference dropout is off and BN uses its running statistics: the output does not depend on the batch
            NDArray images = manager.randomUniform(0, 1, new Shape(5, 1, 28, 28));
            NDArray all = regularized.forward(new ParameterStore(manager, false), new NDList(images), false).head();
            NDArray first = regularized.forward(new ParameterStore(manager, false), new NDList(images.get("0:1")),
                    false).head();
            assertEquals(new Shape(5, 10), all.getShape());
            assertTrue(all.get("0:1").allClose(first, 1e-5, 1e-5, false));
            assertThrows(IllegalArgumentException.class, () -> Models.mlp(new int[] {8}, 10, true, 1f));
        }
    }

    @OnEachEngine
    void pytorchExampleCnnHasTheExamplesParameterCount(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            Block cnn = Models.pytorchExampleCnn(10, 0.5f);
            initialize(cnn, manager, new Shape(2, 1, 28, 28));
            long count = cnn.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            // conv1 10·25+10, conv2 20·250+20, fc1 50·320+50, fc2 10·50+10: as printed by the PyTorch example
            assertEquals(260 + 5020 + 16050 + 510, count);
        }
    }

    @OnEachEngine
    void theCnnsLayersHaveTheExamplesParameterCountsAndBatchNormAddsFourValuesPerChannel(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            Shape input = new Shape(2, 1, 28, 28);
            Block cnn = Models.pytorchExampleCnn(10, 0.5f);
            initialize(cnn, manager, input);
            // conv1, conv2, fc1, fc2 as the PyTorch example's summary prints them
            assertEquals(List.of(260L, 5020L, 16050L, 510L), parameterCounts(cnn, input));
            assertEquals(21840, ModelSummary.of(cnn, input).totalParameters());

            Block normalized = Models.pytorchExampleCnnBatchNorm(10, 0.5f);
            initialize(normalized, manager, input);
            // γ, β, running mean and variance per channel after conv1 (10), conv2 (20) and fc1 (50)
            assertEquals(List.of(260L, 40L, 5020L, 80L, 16050L, 200L, 510L), parameterCounts(normalized, input));
            ModelSummary summary = ModelSummary.of(normalized, input);
            assertEquals(21840 + 320, summary.totalParameters());
            assertEquals(21840 + 160, summary.trainableParameters(), "running statistics are not trained by gradient");
            NDArray images = manager.randomUniform(0, 1, new Shape(5, 1, 28, 28));
            assertEquals(new Shape(5, 10), normalized.forward(new ParameterStore(manager, false), new NDList(images),
                    false).head().getShape());
        }
    }

    @OnEachEngine
    void trainOnlyLastFreezesEveryOtherParameterizedLayer(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            Shape input = new Shape(2, 1, 28, 28);
            Block cnn = Models.pytorchExampleCnn(10, 0.5f);
            initialize(cnn, manager, input);
            List<String> frozen = Layers.trainOnlyLast(cnn, 1);
            assertEquals(List.of("01Conv2d", "04Conv2d", "09Linear"), frozen);
            ModelSummary summary = ModelSummary.of(cnn, input);
            assertEquals(510, summary.trainableParameters());
            assertEquals(21330, summary.nonTrainableParameters());
            Layers.trainOnlyLast(cnn, 3);
            assertEquals(510 + 16050 + 5020, ModelSummary.of(cnn, input).trainableParameters());
            assertThrows(IllegalArgumentException.class, () -> Layers.trainOnlyLast(cnn, 4));
        }
    }

    private static List<Long> parameterCounts(Block block, Shape input) {
        return ModelSummary.of(block, input).layers().stream().mapToLong(ModelSummary.Layer::parameters)
                .filter(count -> count > 0).boxed().toList();
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> Models.mlp(new int[] {0}, 10));
        assertThrows(IllegalArgumentException.class, () -> Models.pytorchExampleCnn(10, 1f));
    }

    private static void initialize(Block block, NDManager manager, Shape input) {
        block.setInitializer(Initializers.normalFanIn(), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, input);
    }

    private static double std(NDArray values) {
        float[] v = values.toFloatArray();
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double sq = 0;
        for (float x : v) {
            sq += (x - mean) * (x - mean);
        }
        return Math.sqrt(sq / v.length);
    }
}

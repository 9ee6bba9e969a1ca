package org.atelier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ModelSummaryTest {

    private static SequentialBlock mlp() {
        return new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    @OnEachEngine
    void mlpCountsMatchHandComputation(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            SequentialBlock block = mlp();
            Shape input = new Shape(1, 784);
            block.initialize(manager, DataType.FLOAT32, input);
            ModelSummary summary = ModelSummary.of(block, input);
            // 784·256 + 256 = 200 960; 256·10 + 10 = 2 570; total 203 530.
            assertEquals(203_530, summary.totalParameters());
            assertEquals(203_530, summary.trainableParameters());
            List<ModelSummary.Layer> layers = summary.layers();
            assertEquals(4, layers.size());
            assertEquals(200_960, layers.get(1).parameters());
            assertEquals(new Shape(1, 256), layers.get(1).outputShapes().get(0));
            assertEquals(new Shape(1, 10), layers.get(3).outputShapes().get(0));
            assertEquals("Linear", layers.get(3).type());
            assertTrue(summary.toString().contains("Total params: 203,530"), summary.toString());

            // Freezing the first layer leaves only the output layer trainable.
            block.getChildren().get(1).getValue().freezeParameters(true);
            ModelSummary frozen = ModelSummary.of(block, input);
            assertEquals(2_570, frozen.trainableParameters());
            assertEquals(200_960, frozen.nonTrainableParameters());
        }
    }

    @OnEachEngine
    void convNetWithBatchNormAndNestedBlock(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            SequentialBlock features = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(6).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
            SequentialBlock block = new SequentialBlock().add(features)
                    .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(16).build())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(10).build());
            Shape input = new Shape(2, 1, 28, 28);
            block.initialize(manager, DataType.FLOAT32, input);
            ModelSummary summary = ModelSummary.of(block, input);
            // conv 6·1·5·5 + 6 = 156; batch norm γ, β (trainable) + running mean, var (not) = 4·6;
            // conv 16·6·5·5 + 16 = 2 416; linear (16·4·4)·10 + 10 = 2 570.
            assertEquals(156 + 24 + 2_416 + 2_570, summary.totalParameters());
            assertEquals(156 + 12 + 2_416 + 2_570, summary.trainableParameters());
            Table table = summary.toTable();
            assertEquals(8, table.rowCount(), "the nested block's four layers are listed");
            assertTrue(table.stringColumn("layer").get(1).matches("01SequentialBlock/02BatchNorm"),
                    table.stringColumn("layer").get(1));
            assertEquals("(2, 6, 12, 12)", table.stringColumn("output_shape").get(3));
            assertEquals("(2, 256)", table.stringColumn("output_shape").get(6));
            assertEquals(2_416, table.longColumn("parameters").get(4));
        }
    }

    @Test
    void uninitializedBlockIsAClearError() {
        AtelierException e = assertThrows(AtelierException.class, () -> ModelSummary.of(mlp(), new Shape(1, 784)));
        assertTrue(e.getMessage().contains("call block.initialize("), e.getMessage());
    }
}

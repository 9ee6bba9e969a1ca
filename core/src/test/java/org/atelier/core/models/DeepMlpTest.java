package org.atelier.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.models.DeepMlp.Nonlinearity;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialRegistry;
import org.junit.jupiter.api.Test;

/** {@link DeepMlp}'s structure and output on both engines, and the spread of the initializers it is studied with. */
class DeepMlpTest {

    private static List<Parameter> weights(SequentialBlock block) {
        return block.getParameters().values().stream().filter(p -> p.getType() == Parameter.Type.WEIGHT).toList();
    }

    @OnEachEngine
    void hasDepthPlusOneWeightMatricesAndReturnsLogits(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (boolean batchNorm : new boolean[] {false, true}) {
                for (boolean residual : new boolean[] {false, true}) {
                    DeepMlp mlp = new DeepMlp(4, 8, Nonlinearity.TANH, batchNorm, residual);
                    SequentialBlock block = mlp.build(10);
                    block.initialize(manager, DataType.FLOAT32, new Shape(3, 1, 28, 28));
                    List<Parameter> weights = weights(block);
                    assertEquals(mlp.linearLayers(), weights.size(), mlp.toString());
                    assertEquals(new Shape(8, 784), weights.get(0).getArray().getShape());
                    assertEquals(new Shape(10, 8), weights.get(4).getArray().getShape());
                    NDArray out = block.forward(new ParameterStore(manager, false),
                            new NDList(manager.ones(new Shape(3, 1, 28, 28))), false).singletonOrThrow();
                    assertEquals(new Shape(3, 10), out.getShape());
                }
            }
        }
    }

    /** With every weight 1 and biases 0 the output can be computed by hand: each residual layer adds its input to relu(W h). */
    @OnEachEngine
    void residualLayersAddTheirInput(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            DeepMlp mlp = new DeepMlp(3, 4, Nonlinearity.RELU, false, true);
            SequentialBlock block = mlp.build(2);
            block.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            // x = (1, 1, 1): layer 1 gives 4 units of 3; each residual layer maps h to h + relu(W h) = h + 4·h = 5h
            // (without the skip it would be 4h, and the logits 192).
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(manager.ones(new Shape(1, 3))),
                    false).singletonOrThrow();
            // output = sum of 4 units of 3·5·5 = 300 per logit
            assertEquals(300f, out.toFloatArray()[0], 1e-3f);
        }
    }

    /** Standard deviation of each initializer's draws on a 784 → 256 layer, against its formula. */
    @OnEachEngine
    void initializersHaveTheirPublishedSpread(String engine) {
        double fanIn = 784;
        double fanOut = 256;
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            assertStd(Initializers.glorotUniform(), manager, Math.sqrt(2 / (fanIn + fanOut)));
            assertStd(Initializers.heNormal(), manager, Math.sqrt(2 / fanIn));
            assertStd(Initializers.uniformFanIn(), manager, Math.sqrt(1 / (3 * fanIn)));
        }
    }

    private static void assertStd(Initializer initializer, NDManager manager, double expected) {
        NDArray w = initializer.initialize(manager, new Shape(256, 784), DataType.FLOAT32);
        double std = w.sub(w.mean()).square().mean().sqrt().getFloat();
        assertEquals(expected, std, 0.02 * expected, initializer.getClass().getSimpleName());
    }

    @Test
    void trialsBuildItByName() {
        DeepMlp mlp = new DeepMlp(20, 64, Nonlinearity.LEAKY_RELU, true, false);
        ModelSpec spec = ModelSpec.deepMlp(10, mlp);
        assertEquals(List.of("depth=20", "width=64", "activation=leaky-relu", "batchnorm=true", "residual=false"),
                spec.args());
        SequentialBlock block = (SequentialBlock) TrialRegistry.instance().model(spec.factory()).create(spec.args(), 10);
        assertEquals(22, block.getChildren().size(), "flatten, 20 hidden layers, output");
        AtelierException bad = assertThrows(AtelierException.class,
                () -> TrialRegistry.instance().model(ModelSpec.DEEP_MLP).create(List.of("activation=softsign"), 10));
        assertTrue(bad.getMessage().contains("sigmoid, tanh, relu, leaky-relu, elu"), bad.getMessage());
        assertThrows(AtelierException.class,
                () -> TrialRegistry.instance().model(ModelSpec.DEEP_MLP).create(List.of("depth=0"), 10));
        assertThrows(IllegalArgumentException.class, () -> Nonlinearity.of("swish"));
    }
}

package org.atelier.core.visualize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.translate.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Initializers;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.junit.jupiter.api.Test;

/**
 * Activation maximization on a freshly initialized PyTorch-example CNN (its dropout layers
 * included, which MXNet refuses in inference mode under a gradient collector unless skipped).
 */
class ActivationMaximizerTest {

    private static final Shape IMAGE = new Shape(1, 28, 28);
    private static final int[] CLASSES = {0, 3, 9};
    /**
     * Fashion-MNIST's standardization: the empty image becomes −0.81 everywhere, so the model sees
     * something (a freshly initialized net with zero biases has a zero gradient at a zero input).
     */
    private static final Transform STANDARDIZE = x -> x.sub(0.286f).div(0.353f);

    private static ActivationMaximizer maximizer(long seed) {
        return ActivationMaximizer.builder().optSteps(40).optRate(0.05).optL2(0.01).optBlur(4, 0.5).optJitter(2)
                .optSeed(seed).build();
    }

    @OnEachEngine
    void raisesTheTargetLogitAndKeepsShapeAndRange(String engine) {
        Backend backend = Backend.resolve(engine, "cpu");
        try (NDManager manager = backend.newManager()) {
            SequentialBlock cnn = cnn(backend, manager);
            ActivationMaximizer.Result result = maximizer(1).maximize(cnn, IMAGE, CLASSES, STANDARDIZE, manager);
            assertEquals(new Shape(3, 1, 28, 28), result.images().getShape());
            assertEquals(DataType.FLOAT32, result.images().getDataType());
            assertEquals(manager, result.images().getManager());
            float[] pixels = result.images().toFloatArray();
            for (float p : pixels) {
                assertTrue(p >= 0 && p <= 1, "pixel " + p + " outside [0, 1]");
            }
            assertTrue(result.images().max().getFloat() > 0, "the image is no longer empty");
            assertArrayEquals(CLASSES, result.classes());
            for (int i = 0; i < CLASSES.length; i++) {
                assertEquals(40, result.trace()[i].length);
                assertEquals(result.initial()[i], result.trace()[i][0], 1e-4, "step 0 starts from the empty image");
                assertTrue(result.achieved()[i] > result.initial()[i] + 0.1,
                        "class " + CLASSES[i] + ": logit " + result.initial()[i] + " → " + result.achieved()[i]);
            }
        }
    }

    @OnEachEngine
    void sameSeedSameImagesOtherSeedOtherImages(String engine) {
        Backend backend = Backend.resolve(engine, "cpu");
        try (NDManager manager = backend.newManager()) {
            SequentialBlock cnn = cnn(backend, manager);
            float[] first = maximizer(7).maximize(cnn, IMAGE, CLASSES, STANDARDIZE, manager).images().toFloatArray();
            float[] again = maximizer(7).maximize(cnn, IMAGE, CLASSES, STANDARDIZE, manager).images().toFloatArray();
            float[] other = maximizer(8).maximize(cnn, IMAGE, CLASSES, STANDARDIZE, manager).images().toFloatArray();
            assertArrayEquals(first, again, "same seed, same images, bit for bit");
            assertFalse(Arrays.equals(first, other), "another seed jitters differently");
        }
    }

    @OnEachEngine
    void anImageDoesNotDependOnTheOtherClassesInItsBatch(String engine) {
        Backend backend = Backend.resolve(engine, "cpu");
        try (NDManager manager = backend.newManager()) {
            SequentialBlock cnn = cnn(backend, manager);
            ActivationMaximizer.Result batch = maximizer(3).maximize(cnn, IMAGE, CLASSES, STANDARDIZE, manager);
            ActivationMaximizer.Result alone = maximizer(3).maximize(cnn, IMAGE, new int[] {3}, STANDARDIZE, manager);
            assertArrayEquals(alone.pixels(0), batch.pixels(1), 1e-4f);
        }
    }

    @OnEachEngine
    void leavesTheModelsParametersAndTheirGradientFlagsAsTheyWere(String engine) {
        Backend backend = Backend.resolve(engine, "cpu");
        try (NDManager manager = backend.newManager()) {
            SequentialBlock cnn = cnn(backend, manager);
            List<float[]> before = new ArrayList<>();
            cnn.getParameters().values().forEach(p -> before.add(p.getArray().toFloatArray()));
            maximizer(1).maximize(cnn, IMAGE, CLASSES, STANDARDIZE, manager);
            List<Parameter> after = cnn.getParameters().values();
            for (int i = 0; i < after.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i).getArray().toFloatArray(), after.get(i).getName());
                assertTrue(after.get(i).requiresGradient(), after.get(i).getName() + " trainable again");
                assertTrue(after.get(i).getArray().hasGradient(), after.get(i).getName() + " has its gradient back");
            }
        }
    }

    @OnEachEngine
    void regularizationMakesSmootherImagesThanPlainAscent(String engine) {
        Backend backend = Backend.resolve(engine, "cpu");
        try (NDManager manager = backend.newManager()) {
            SequentialBlock cnn = cnn(backend, manager);
            ActivationMaximizer regularized = maximizer(5);
            ActivationMaximizer plain = regularized.toBuilder().unregularized().build();
            ActivationMaximizer.Result smooth = regularized.maximize(cnn, IMAGE, CLASSES, STANDARDIZE, manager);
            ActivationMaximizer.Result rough = plain.maximize(cnn, IMAGE, CLASSES, STANDARDIZE, manager);
            for (int i = 0; i < CLASSES.length; i++) {
                assertTrue(smooth.roughness(i) < rough.roughness(i), smooth.roughness(i) + " vs " + rough.roughness(i));
            }
        }
    }

    @OnEachEngine
    void refusesAClassTheModelDoesNotHave(String engine) {
        Backend backend = Backend.resolve(engine, "cpu");
        try (NDManager manager = backend.newManager()) {
            SequentialBlock cnn = cnn(backend, manager);
            AtelierException tooLarge = assertThrows(AtelierException.class,
                    () -> maximizer(1).maximize(cnn, IMAGE, new int[] {2, 10}, STANDARDIZE, manager));
            assertEquals("class index 10 is outside the model's 10 outputs [0, 9]; pass a class index in that range",
                    tooLarge.getMessage());
            assertThrows(AtelierException.class, () -> maximizer(1).maximize(cnn, IMAGE, new int[] {-1}, STANDARDIZE, manager));
            assertThrows(AtelierException.class, () -> maximizer(1).maximize(cnn, IMAGE, new int[0], STANDARDIZE, manager));
            assertThrows(AtelierException.class,
                    () -> maximizer(1).maximize(cnn, new Shape(28, 28), new int[] {1}, STANDARDIZE, manager));
            AtelierException uninitialized = assertThrows(AtelierException.class, () -> maximizer(1)
                    .maximize(Models.pytorchExampleCnn(10, 0.5f), IMAGE, new int[] {1}, STANDARDIZE, manager));
            assertTrue(uninitialized.getMessage().contains("not initialized"), uninitialized.getMessage());
        }
    }

    @OnEachEngine
    void roughnessIsTheMeanAbsoluteDifferenceOfNeighbours(String engine) {
        try (NDManager manager = Backend.resolve(engine, "cpu").newManager()) {
            // one 2 × 3 image: rows 0 1 0 / 0 0 0 → horizontal |0−1| + |1−0|, vertical |0−0| + |1−0| + |0−0|
            ActivationMaximizer.Result result = new ActivationMaximizer.Result(
                    manager.create(new float[] {0, 1, 0, 0, 0, 0}, new Shape(1, 1, 2, 3)), new int[] {0},
                    new float[1][0], new float[1], new float[1]);
            assertEquals(3.0 / 7, result.roughness(0), 1e-12);
        }
    }

    @Test
    void builderRefusesSettingsThatCannotWork() {
        assertThrows(AtelierException.class, () -> ActivationMaximizer.builder().optSteps(0));
        assertThrows(AtelierException.class, () -> ActivationMaximizer.builder().optRate(0));
        assertThrows(AtelierException.class, () -> ActivationMaximizer.builder().optL2(1));
        assertThrows(AtelierException.class, () -> ActivationMaximizer.builder().optBlur(-1, 1));
        assertThrows(AtelierException.class, () -> ActivationMaximizer.builder().optBlur(2, 0));
        assertThrows(AtelierException.class, () -> ActivationMaximizer.builder().optJitter(-1));
        assertThrows(AtelierException.class, () -> ActivationMaximizer.builder().optRange(0.1f, 1));
        assertTrue(ActivationMaximizer.builder().build().toString().contains("steps=300"));
    }

    private static SequentialBlock cnn(Backend backend, NDManager manager) {
        backend.seed(11);
        SequentialBlock cnn = Models.pytorchExampleCnn(10, 0.5f);
        cnn.setInitializer(Initializers.normalFanIn(), Parameter.Type.WEIGHT);
        cnn.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(IMAGE));
        return cnn;
    }
}

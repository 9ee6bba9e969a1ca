package org.atelier.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Transform;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;

/**
 * Reseeding a random transform restarts its draws: after {@code reseed(s)} it transforms the next
 * batches exactly as a new transform constructed with seed {@code s} does, whatever it drew
 * before. This is what lets a training resumed at epoch k augment as an uninterrupted one.
 */
class ReseedableTest {

    private static final Shape IMAGES = new Shape(16, 1, 6, 6);

    @OnEachEngine
    void reseedingRestartsTheDraws(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            List<Transform> used = transforms(1);
            List<Transform> fresh = transforms(7);
            for (int i = 0; i < used.size(); i++) {
                Transform transform = used.get(i);
                List<float[]> before = TransformTesting.outputs(manager, transform, IMAGES);
                ((Reseedable) transform).reseed(7);
                List<float[]> after = TransformTesting.outputs(manager, transform, IMAGES);
                List<float[]> expected = TransformTesting.outputs(manager, fresh.get(i), IMAGES);
                assertEquals(expected.size(), after.size());
                for (int b = 0; b < expected.size(); b++) {
                    assertArrayEquals(expected.get(b), after.get(b), transform + ", batch " + b);
                }
                assertFalse(Arrays.equals(before.get(0), after.get(0)), transform + " draws anew from the new seed");
            }
        }
    }

    /** One of each transform; the pipeline's steps seeded as its {@code reseed} seeds them. */
    private static List<Transform> transforms(long seed) {
        SplittableRandom steps = new SplittableRandom(seed);
        return List.of(new RandomFlipHorizontal(0.5, seed), new RandomCrop(2, seed), new RandomErasing(0.5, 0.05, 0.3, seed),
                new RandomAffine(15, 0.1, seed), TransformPipeline.of(List.of(new RandomFlipHorizontal(0.5, steps.nextLong()),
                        new RandomCrop(1, steps.nextLong()))));
    }
}

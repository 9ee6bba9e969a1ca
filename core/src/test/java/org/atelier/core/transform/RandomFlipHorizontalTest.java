package org.atelier.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.modality.cv.transform.RandomFlipLeftRight;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Pipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class RandomFlipHorizontalTest {

    private static final Shape IMAGES = new Shape(64, 2, 3, 4);

    @OnEachEngine
    void changesExactlyTheFlippedSamplesIntoTheirMirrorImages(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (Shape shape : List.of(IMAGES, new Shape(64, 3, 4), new Shape(64, 4))) {
                NDArray batch = ascending(manager, shape, DataType.FLOAT32);
                NDArray out = new RandomFlipHorizontal(0.5, 1).transform(batch);
                assertEquals(shape, out.getShape());
                assertEquals(DataType.FLOAT32, out.getDataType());
                int flipped = count(flips(batch, out));
                assertTrue(flipped > 0 && flipped < 64, flipped + " of 64 flipped for " + shape);
            }
            NDArray integers = ascending(manager, new Shape(64, 5), DataType.INT32);
            NDArray out = new RandomFlipHorizontal(0.5, 1).transform(integers);
            assertEquals(DataType.INT32, out.getDataType());
            flips(integers, out);
        }
    }

    @OnEachEngine
    void resultBelongsToTheBatchManagerAndNoTemporaryStays(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager();
                NDManager batchManager = manager.newSubManager()) {
            NDArray batch = ascending(batchManager, IMAGES, DataType.FLOAT32);
            Set<String> expected = TransformTesting.uids(batchManager);
            NDArray out = new RandomFlipHorizontal(0.5, 2).transform(batch);
            expected.add(out.getUid());
            assertSame(batchManager, out.getManager());
            assertEquals(expected, TransformTesting.uids(batchManager));
        }
    }

    /** 200 batches of 64: the standard error of the flipped fraction is at most 0.0044. */
    @OnEachEngine
    void flippedFractionIsTheProbability(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (double p : new double[] {0.5, 0.2}) {
                List<boolean[]> pattern = pattern(manager, new RandomFlipHorizontal(p, 3), 200);
                double fraction = pattern.stream().mapToInt(RandomFlipHorizontalTest::count).sum() / (200.0 * 64);
                double fourSigma = 4 * Math.sqrt(p * (1 - p) / (200 * 64));
                assertEquals(p, fraction, fourSigma, "flipped fraction for p = " + p);
            }
        }
    }

    @OnEachEngine
    void probabilityZeroChangesNothingAndOneFlipsEverySample(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (boolean[] flags : pattern(manager, new RandomFlipHorizontal(0, 4), 3)) {
                assertEquals(0, count(flags));
            }
            for (boolean[] flags : pattern(manager, new RandomFlipHorizontal(1, 4), 3)) {
                assertEquals(64, count(flags));
            }
        }
    }

    @OnEachEngine
    void sameSeedGivesTheSameBatchesAndAnotherSeedOthers(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            List<float[]> first = TransformTesting.outputs(manager, new RandomFlipHorizontal(0.5, 5), IMAGES);
            List<float[]> again = TransformTesting.outputs(manager, new RandomFlipHorizontal(0.5, 5), IMAGES);
            List<float[]> other = TransformTesting.outputs(manager, new RandomFlipHorizontal(0.5, 6), IMAGES);
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), again.get(i), "batch " + i);
            }
            assertFalse(sameArrays(first, other), "another seed should flip other samples");
        }
    }

    @Test
    void sameSeedFlipsTheSameSamplesOnEveryEngine() {
        List<boolean[]> pytorch;
        List<boolean[]> mxnet;
        try (NDManager manager = TestBackends.backend("PyTorch").newManager()) {
            pytorch = pattern(manager, new RandomFlipHorizontal(0.3, 7), 10);
        }
        try (NDManager manager = TestBackends.backend("MXNet").newManager()) {
            mxnet = pattern(manager, new RandomFlipHorizontal(0.3, 7), 10);
        }
        for (int i = 0; i < pytorch.size(); i++) {
            assertArrayEquals(pytorch.get(i), mxnet.get(i), "batch " + i);
        }
    }

    @OnEachEngine
    void composesInADjlPipelineAndLeavesTheOtherArraysAlone(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray batch = ascending(manager, IMAGES, DataType.FLOAT32);
            NDArray labels = manager.arange(64f);
            Pipeline pipeline = new Pipeline().add(new RandomFlipHorizontal(1, 8)).add(x -> x.mul(2));
            NDList out = pipeline.transform(new NDList(batch, labels));
            assertArrayEquals(batch.flip(3).mul(2).toFloatArray(), out.get(0).toFloatArray());
            assertSame(labels, out.get(1));
        }
    }

    @OnEachEngine
    void rejectsABatchWithoutAWidthAxis(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray vector = manager.arange(4f);
            RandomFlipHorizontal flip = new RandomFlipHorizontal(0.5, 9);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> flip.transform(vector));
            assertTrue(e.getMessage().contains("(4)"), e.getMessage());
        }
    }

    @Test
    void rejectsAProbabilityOutsideTheUnitInterval() {
        for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RandomFlipHorizontal(p, 0));
            assertEquals("flip probability must be in [0, 1], got " + p, e.getMessage());
        }
    }

    /**
     * Why this class exists besides DJL's flip: DJL 0.35.0's {@code RandomFlipLeftRight} computes
     * the flipped image and returns its input. Should a DJL upgrade fix that, this test fails and
     * the class Javadoc's remark goes.
     */
    @OnEachEngine
    void djlsRandomFlipLeftRightReturnsTheImageUnchanged(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray image = ascending(manager, new Shape(3, 4, 1), DataType.FLOAT32);
            float[] pixels = image.toFloatArray();
            RandomFlipLeftRight djlFlip = new RandomFlipLeftRight();
            // a working flip would change the image in about half of these calls
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(pixels, djlFlip.transform(image).toFloatArray());
            }
        }
    }

    /** 0, 1, 2, ... in row-major order: every row strictly increases, so its mirror image differs. */
    private static NDArray ascending(NDManager manager, Shape shape, DataType type) {
        return manager.arange(0, (int) shape.size(), 1, type).reshape(shape);
    }

    /**
     * Which samples the transform flipped, failing unless every sample of {@code out} equals either
     * its input or the input's mirror image along the last axis.
     */
    private static boolean[] flips(NDArray in, NDArray out) {
        float[] before = in.toType(DataType.FLOAT32, false).toFloatArray();
        float[] after = out.toType(DataType.FLOAT32, false).toFloatArray();
        int samples = (int) in.getShape().get(0);
        int width = (int) in.getShape().get(in.getShape().dimension() - 1);
        int perSample = before.length / samples;
        boolean[] flipped = new boolean[samples];
        for (int s = 0; s < samples; s++) {
            boolean kept = true;
            boolean mirrored = true;
            for (int i = s * perSample; i < (s + 1) * perSample; i++) {
                int rowStart = i - i % width;
                kept &= after[i] == before[i];
                mirrored &= after[i] == before[rowStart + width - 1 - i % width];
            }
            if (kept == mirrored) {
                fail("sample " + s + " is neither its input nor the input's mirror image");
            }
            flipped[s] = mirrored;
        }
        return flipped;
    }

    /** The flipped samples of {@code batches} successive batches of {@link #IMAGES}. */
    private static List<boolean[]> pattern(NDManager manager, RandomFlipHorizontal flip, int batches) {
        List<boolean[]> pattern = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            try (NDManager batchManager = manager.newSubManager()) {
                NDArray batch = ascending(batchManager, IMAGES, DataType.FLOAT32);
                pattern.add(flips(batch, flip.transform(batch)));
            }
        }
        return pattern;
    }

    private static boolean sameArrays(List<float[]> a, List<float[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            n += flag ? 1 : 0;
        }
        return n;
    }
}

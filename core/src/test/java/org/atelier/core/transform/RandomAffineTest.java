package org.atelier.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class RandomAffineTest {

    private static final Shape IMAGES = new Shape(64, 2, 9, 11);

    /** Without rotation the transform is a per-sample integer translation with zero fill. */
    @OnEachEngine
    void withoutRotationEverySampleIsTranslatedWithinTheMaximum(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray batch = TransformTesting.ascending(manager, IMAGES, DataType.FLOAT32);
            NDArray out = new RandomAffine(0, 0.2, 1).transform(batch);
            assertEquals(IMAGES, out.getShape());
            Set<String> shifts = new HashSet<>();
            float[] before = batch.toFloatArray();
            float[] after = out.toFloatArray();
            for (int s = 0; s < 64; s++) {
                String found = null;
                for (int ty = -2; ty <= 2; ty++) {
                    for (int tx = -2; tx <= 2; tx++) {
                        if (translated(before, after, s, ty, tx)) {
                            found = ty + "," + tx;
                        }
                    }
                }
                if (found == null) {
                    fail("sample " + s + " is no translation by at most 0.2 of the size");
                }
                shifts.add(found);
            }
            assertTrue(shifts.size() > 10, shifts.size() + " distinct translations among 64 samples");
        }
    }

    /** With rotation every output pixel is 0 or a pixel of the same sample and channel; samples differ. */
    @OnEachEngine
    void rotatedSamplesKeepTheirOwnValuesAndDifferFromEachOther(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (DataType type : List.of(DataType.FLOAT32, DataType.INT32)) {
                NDArray batch = TransformTesting.ascending(manager, IMAGES, type);
                NDArray out = new RandomAffine(15, 0.1, 2).transform(batch);
                assertEquals(type, out.getDataType());
                float[] after = out.toType(DataType.FLOAT32, false).toFloatArray();
                int plane = 9 * 11;
                int changed = 0;
                for (int k = 0; k < after.length; k++) {
                    int first = k / plane * plane + 1;
                    assertTrue(after[k] == 0 || after[k] >= first && after[k] < first + plane,
                            "pixel " + k + " came from another sample or channel: " + after[k]);
                    changed += after[k] == k + 1 ? 0 : 1;
                }
                assertTrue(changed > after.length / 4, changed + " pixels changed");
            }
        }
    }

    @OnEachEngine
    void resultBelongsToTheBatchManagerAndNoTemporaryStays(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager();
                NDManager batchManager = manager.newSubManager()) {
            NDArray batch = TransformTesting.ascending(batchManager, IMAGES, DataType.FLOAT32);
            Set<String> expected = TransformTesting.uids(batchManager);
            NDArray out = new RandomAffine(15, 0.1, 3).transform(batch);
            expected.add(out.getUid());
            assertSame(batchManager, out.getManager());
            assertEquals(expected, TransformTesting.uids(batchManager));
        }
    }

    @OnEachEngine
    void sameSeedGivesTheSameBatchesAndAnotherSeedOthersAndZeroMaximaNothing(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            List<float[]> first = TransformTesting.outputs(manager, new RandomAffine(15, 0.1, 5), IMAGES);
            List<float[]> again = TransformTesting.outputs(manager, new RandomAffine(15, 0.1, 5), IMAGES);
            List<float[]> other = TransformTesting.outputs(manager, new RandomAffine(15, 0.1, 6), IMAGES);
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), again.get(i), "batch " + i);
                assertFalse(Arrays.equals(first.get(i), other.get(i)), "batch " + i);
            }
            NDArray batch = TransformTesting.ascending(manager, IMAGES, DataType.FLOAT32);
            assertSame(batch, new RandomAffine(0, 0, 7).transform(batch));
        }
    }

    @Test
    void sameSeedTransformsAlikeOnEveryEngine() {
        List<float[]> pytorch;
        List<float[]> mxnet;
        try (NDManager manager = TestBackends.backend("PyTorch").newManager()) {
            pytorch = TransformTesting.outputs(manager, new RandomAffine(15, 0.1, 8), IMAGES);
        }
        try (NDManager manager = TestBackends.backend("MXNet").newManager()) {
            mxnet = TransformTesting.outputs(manager, new RandomAffine(15, 0.1, 8), IMAGES);
        }
        for (int i = 0; i < pytorch.size(); i++) {
            assertArrayEquals(pytorch.get(i), mxnet.get(i), "batch " + i);
        }
    }

    @Test
    void rejectsParametersOutOfRangeAndNamesThem() {
        for (double d : new double[] {-1, 181, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomAffine(d, 0.1, 0));
            assertEquals("affine max_degrees must be in [0, 180], got " + d, e.getMessage());
        }
        for (double s : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomAffine(10, s, 0));
            assertEquals("affine max_shift must be in [0, 1], got " + s, e.getMessage());
        }
        assertEquals("RandomAffine(max_degrees=15.0, max_shift=0.1)", new RandomAffine(15, 0.1, 0).toString());
    }

    private static boolean translated(float[] before, float[] after, int s, int ty, int tx) {
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < 11; j++) {
                    int y = i - ty;
                    int x = j - tx;
                    float expected = y < 0 || y >= 9 || x < 0 || x >= 11 ? 0 : before[((s * 2 + c) * 9 + y) * 11 + x];
                    if (after[((s * 2 + c) * 9 + i) * 11 + j] != expected) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

}

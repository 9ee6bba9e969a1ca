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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class RandomCropTest {

    private static final Shape IMAGES = new Shape(64, 2, 5, 6);

    @OnEachEngine
    void everySampleIsThePaddedInputCroppedAtAnOffsetInRange(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (int padding : new int[] {1, 2, 3}) {
                NDArray batch = TransformTesting.ascending(manager, IMAGES, DataType.FLOAT32);
                NDArray out = new RandomCrop(padding, 1).transform(batch);
                assertEquals(IMAGES, out.getShape());
                assertEquals(DataType.FLOAT32, out.getDataType());
                int[][] offsets = offsets(batch, out, padding);
                Set<String> distinct = Arrays.stream(offsets).map(Arrays::toString).collect(Collectors.toSet());
                int possible = (2 * padding + 1) * (2 * padding + 1);
                assertTrue(distinct.size() >= Math.min(possible, 15) - 1,
                        distinct.size() + " distinct offsets among 64 samples for padding " + padding);
            }
            for (DataType type : List.of(DataType.FLOAT64, DataType.INT32, DataType.UINT8)) {
                NDArray other = TransformTesting.ascending(manager, new Shape(8, 3, 4, 5), type);
                NDArray out = new RandomCrop(2, 1).transform(other);
                assertEquals(type, out.getDataType());
                offsets(other, out, 2);
            }
        }
    }

    /** 50 batches of 64 samples: each of the 25 offsets is expected 128 times; 4 sigma is about 44. */
    @OnEachEngine
    void offsetsAreUniformAndRowAndColumnIndependent(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            int[][] counts = new int[5][5];
            RandomCrop crop = new RandomCrop(2, 2);
            for (int[][] offsets : pattern(manager, crop, 50)) {
                for (int[] offset : offsets) {
                    counts[offset[0]][offset[1]]++;
                }
            }
            for (int dy = 0; dy < 5; dy++) {
                for (int dx = 0; dx < 5; dx++) {
                    assertEquals(128, counts[dy][dx], 50, "count of offset (" + dy + ", " + dx + ")");
                }
            }
        }
    }

    @OnEachEngine
    void resultBelongsToTheBatchManagerAndNoTemporaryStays(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager();
                NDManager batchManager = manager.newSubManager()) {
            NDArray batch = TransformTesting.ascending(batchManager, IMAGES, DataType.FLOAT32);
            Set<String> expected = TransformTesting.uids(batchManager);
            NDArray out = new RandomCrop(2, 3).transform(batch);
            expected.add(out.getUid());
            assertSame(batchManager, out.getManager());
            assertEquals(expected, TransformTesting.uids(batchManager));
        }
    }

    @OnEachEngine
    void sameSeedGivesTheSameBatchesAndAnotherSeedOthers(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            List<float[]> first = TransformTesting.outputs(manager, new RandomCrop(2, 5), IMAGES);
            List<float[]> again = TransformTesting.outputs(manager, new RandomCrop(2, 5), IMAGES);
            List<float[]> other = TransformTesting.outputs(manager, new RandomCrop(2, 6), IMAGES);
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), again.get(i), "batch " + i);
                assertFalse(Arrays.equals(first.get(i), other.get(i)), "another seed should crop otherwise, batch " + i);
            }
        }
    }

    @Test
    void sameSeedCropsAlikeOnEveryEngine() {
        List<int[][]> pytorch;
        List<int[][]> mxnet;
        try (NDManager manager = TestBackends.backend("PyTorch").newManager()) {
            pytorch = pattern(manager, new RandomCrop(2, 7), 5);
        }
        try (NDManager manager = TestBackends.backend("MXNet").newManager()) {
            mxnet = pattern(manager, new RandomCrop(2, 7), 5);
        }
        for (int i = 0; i < pytorch.size(); i++) {
            assertTrue(Arrays.deepEquals(pytorch.get(i), mxnet.get(i)), "batch " + i);
        }
    }

    @OnEachEngine
    void paddingZeroReturnsTheBatch(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray batch = TransformTesting.ascending(manager, IMAGES, DataType.FLOAT32);
            assertSame(batch, new RandomCrop(0, 8).transform(batch));
        }
    }

    @OnEachEngine
    void rejectsABatchThatIsNotImages(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            RandomCrop crop = new RandomCrop(2, 9);
            NDArray flat = manager.arange(12f).reshape(3, 4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> crop.transform(flat));
            assertEquals("a batch to crop must be (N, C, H, W), got shape (3, 4)", e.getMessage());
        }
    }

    @Test
    void rejectsANegativePaddingAndNamesItsParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomCrop(-1, 0));
        assertEquals("crop padding must be at least 0, got -1", e.getMessage());
        assertEquals("RandomCrop(padding=4)", new RandomCrop(4, 0).toString());
    }

    /**
     * The offset {@code (dy, dx)} of every sample, found by brute force, failing unless every
     * sample of {@code out} equals its input zero-padded by {@code padding} and cropped at exactly
     * one offset in {@code [0, 2·padding]²}.
     */
    private static int[][] offsets(NDArray in, NDArray out, int padding) {
        float[] before = in.toType(DataType.FLOAT32, false).toFloatArray();
        float[] after = out.toType(DataType.FLOAT32, false).toFloatArray();
        Shape shape = in.getShape();
        int samples = (int) shape.get(0);
        int channels = (int) shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int perSample = channels * height * width;
        int[][] offsets = new int[samples][];
        for (int s = 0; s < samples; s++) {
            for (int dy = 0; dy <= 2 * padding; dy++) {
                for (int dx = 0; dx <= 2 * padding; dx++) {
                    boolean match = true;
                    for (int c = 0; c < channels && match; c++) {
                        for (int i = 0; i < height && match; i++) {
                            for (int j = 0; j < width && match; j++) {
                                int y = i + dy - padding;
                                int x = j + dx - padding;
                                float expected = y < 0 || y >= height || x < 0 || x >= width
                                        ? 0 : before[s * perSample + (c * height + y) * width + x];
                                match = after[s * perSample + (c * height + i) * width + j] == expected;
                            }
                        }
                    }
                    if (match) {
                        if (offsets[s] != null) {
                            fail("sample " + s + " matches two offsets");
                        }
                        offsets[s] = new int[] {dy, dx};
                    }
                }
            }
            if (offsets[s] == null) {
                fail("sample " + s + " is no crop of its padded input");
            }
        }
        return offsets;
    }

    /** The offsets of {@code batches} successive batches of {@link #IMAGES}. */
    private static List<int[][]> pattern(NDManager manager, RandomCrop crop, int batches) {
        List<int[][]> pattern = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            try (NDManager batchManager = manager.newSubManager()) {
                NDArray batch = TransformTesting.ascending(batchManager, IMAGES, DataType.FLOAT32);
                pattern.add(offsets(batch, crop.transform(batch), crop.padding()));
            }
        }
        return pattern;
    }

}

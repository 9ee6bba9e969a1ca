package org.atelier.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class RandomErasingTest {

    private static final Shape IMAGES = new Shape(64, 2, 10, 12);

    @OnEachEngine
    void erasesOneRectangleOfZerosWithinTheAreaAndAspectBoundsInTheErasedSamplesOnly(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (double[] areas : new double[][] {{0.02, 0.33}, {0.1, 0.1}, {0.3, 0.6}}) {
                NDArray batch = TransformTesting.ascending(manager, IMAGES, DataType.FLOAT32);
                NDArray out = new RandomErasing(0.5, areas[0], areas[1], 1).transform(batch);
                assertEquals(IMAGES, out.getShape());
                assertEquals(DataType.FLOAT32, out.getDataType());
                int erased = 0;
                for (int[] rectangle : rectangles(batch, out)) {
                    if (rectangle == null) {
                        continue;
                    }
                    erased++;
                    int h = rectangle[2];
                    int w = rectangle[3];
                    double area = 10 * 12;
                    // h = round(sqrt(a·r)) and w = round(sqrt(a/r)) for an area a and ratio r drawn in range
                    assertTrue((h - 0.5) * (w - 0.5) <= areas[1] * area && (h + 0.5) * (w + 0.5) >= areas[0] * area,
                            h + " × " + w + " outside the areas " + Arrays.toString(areas));
                    assertTrue((h - 0.5) / (w + 0.5) <= 3.3 && (h + 0.5) / (w - 0.5) >= 0.3, h + " × " + w);
                    assertTrue(h < 10 && w < 12, h + " × " + w);
                }
                assertTrue(erased > 10 && erased < 54, erased + " of 64 erased for " + Arrays.toString(areas));
            }
            NDArray integers = TransformTesting.ascending(manager, new Shape(8, 3, 6, 5), DataType.INT32);
            NDArray out = new RandomErasing(1, 0.1, 0.3, 1).transform(integers);
            assertEquals(DataType.INT32, out.getDataType());
            assertTrue(Arrays.stream(rectangles(integers, out)).allMatch(r -> r != null));
        }
    }

    @OnEachEngine
    void rectanglesDifferBetweenSamples(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray batch = TransformTesting.ascending(manager, IMAGES, DataType.FLOAT32);
            Set<String> distinct = Arrays.stream(rectangles(batch, new RandomErasing(1, 0.02, 0.33, 2).transform(batch)))
                    .map(Arrays::toString).collect(Collectors.toSet());
            assertTrue(distinct.size() > 40, distinct.size() + " distinct rectangles among 64 samples");
        }
    }

    /** 200 batches of 64: the standard error of the erased fraction is at most 0.0044. */
    @OnEachEngine
    void erasedFractionIsTheProbability(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (double p : new double[] {0.5, 0.2}) {
                RandomErasing erasing = new RandomErasing(p, 0.02, 0.33, 3);
                int erased = 0;
                for (int[][] rectangles : pattern(manager, erasing, 200)) {
                    erased += (int) Arrays.stream(rectangles).filter(r -> r != null).count();
                }
                double fourSigma = 4 * Math.sqrt(p * (1 - p) / (200 * 64));
                assertEquals(p, erased / (200.0 * 64), fourSigma, "erased fraction for p = " + p);
            }
        }
    }

    @OnEachEngine
    void probabilityZeroReturnsTheBatchAndOneErasesEverySample(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray batch = TransformTesting.ascending(manager, IMAGES, DataType.FLOAT32);
            assertSame(batch, new RandomErasing(0, 0.02, 0.33, 4).transform(batch));
            for (int[][] rectangles : pattern(manager, new RandomErasing(1, 0.02, 0.33, 4), 3)) {
                assertTrue(Arrays.stream(rectangles).allMatch(r -> r != null));
            }
        }
    }

    @OnEachEngine
    void resultBelongsToTheBatchManagerAndNoTemporaryStays(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager();
                NDManager batchManager = manager.newSubManager()) {
            NDArray batch = TransformTesting.ascending(batchManager, IMAGES, DataType.FLOAT32);
            Set<String> expected = TransformTesting.uids(batchManager);
            NDArray out = new RandomErasing(0.5, 0.02, 0.33, 5).transform(batch);
            expected.add(out.getUid());
            assertSame(batchManager, out.getManager());
            assertEquals(expected, TransformTesting.uids(batchManager));
        }
    }

    @OnEachEngine
    void sameSeedGivesTheSameBatchesAndAnotherSeedOthers(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            List<float[]> first = TransformTesting.outputs(manager, new RandomErasing(0.5, 0.02, 0.33, 6), IMAGES);
            List<float[]> again = TransformTesting.outputs(manager, new RandomErasing(0.5, 0.02, 0.33, 6), IMAGES);
            List<float[]> other = TransformTesting.outputs(manager, new RandomErasing(0.5, 0.02, 0.33, 7), IMAGES);
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), again.get(i), "batch " + i);
                assertFalse(Arrays.equals(first.get(i), other.get(i)), "another seed should erase otherwise, batch " + i);
            }
        }
    }

    @Test
    void sameSeedErasesAlikeOnEveryEngine() {
        List<int[][]> pytorch;
        List<int[][]> mxnet;
        try (NDManager manager = TestBackends.backend("PyTorch").newManager()) {
            pytorch = pattern(manager, new RandomErasing(0.5, 0.02, 0.33, 8), 5);
        }
        try (NDManager manager = TestBackends.backend("MXNet").newManager()) {
            mxnet = pattern(manager, new RandomErasing(0.5, 0.02, 0.33, 8), 5);
        }
        for (int i = 0; i < pytorch.size(); i++) {
            assertTrue(Arrays.deepEquals(pytorch.get(i), mxnet.get(i)), "batch " + i);
        }
    }

    @OnEachEngine
    void rejectsABatchThatIsNotImages(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            RandomErasing erasing = new RandomErasing(0.5, 0.02, 0.33, 9);
            NDArray flat = manager.arange(12f).reshape(3, 4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> erasing.transform(flat));
            assertEquals("a batch to erase must be (N, C, H, W), got shape (3, 4)", e.getMessage());
        }
    }

    @Test
    void rejectsParametersOutOfRangeAndNamesThem() {
        for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RandomErasing(p, 0.02, 0.33, 0));
            assertEquals("erasing probability must be in [0, 1], got " + p, e.getMessage());
        }
        for (double[] areas : new double[][] {{0, 0.3}, {0.4, 0.3}, {0.1, 1}, {Double.NaN, 0.3}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RandomErasing(0.5, areas[0], areas[1], 0));
            assertEquals("erasing areas must satisfy 0 < min_area <= max_area < 1, got min_area " + areas[0]
                    + " and max_area " + areas[1], e.getMessage());
        }
        assertEquals("RandomErasing(p=0.5, min_area=0.02, max_area=0.33)", new RandomErasing(0.5, 0.02, 0.33, 0).toString());
    }

    /**
     * Per sample its erased rectangle {@code {top, left, h, w}}, or null when it is unchanged,
     * failing unless the changed pixels of every sample are zeros forming one axis-aligned
     * rectangle, the same in every channel.
     */
    private static int[][] rectangles(NDArray in, NDArray out) {
        float[] before = in.toType(DataType.FLOAT32, false).toFloatArray();
        float[] after = out.toType(DataType.FLOAT32, false).toFloatArray();
        Shape shape = in.getShape();
        int samples = (int) shape.get(0);
        int channels = (int) shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int[][] rectangles = new int[samples][];
        for (int s = 0; s < samples; s++) {
            int top = height;
            int bottom = -1;
            int left = width;
            int right = -1;
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < height; i++) {
                    for (int j = 0; j < width; j++) {
                        int k = ((s * channels + c) * height + i) * width + j;
                        if (after[k] != before[k]) {
                            assertEquals(0f, after[k], "sample " + s + " changed to a nonzero");
                            top = Math.min(top, i);
                            bottom = Math.max(bottom, i);
                            left = Math.min(left, j);
                            right = Math.max(right, j);
                        }
                    }
                }
            }
            if (bottom < 0) {
                continue;
            }
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < height; i++) {
                    for (int j = 0; j < width; j++) {
                        int k = ((s * channels + c) * height + i) * width + j;
                        boolean inside = i >= top && i <= bottom && j >= left && j <= right;
                        assertEquals(inside, after[k] != before[k],
                                "sample " + s + ": changed pixels are no rectangle in every channel");
                    }
                }
            }
            rectangles[s] = new int[] {top, left, bottom - top + 1, right - left + 1};
        }
        return rectangles;
    }

    private static List<int[][]> pattern(NDManager manager, RandomErasing erasing, int batches) {
        List<int[][]> pattern = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            try (NDManager batchManager = manager.newSubManager()) {
                NDArray batch = TransformTesting.ascending(batchManager, IMAGES, DataType.FLOAT32);
                pattern.add(rectangles(batch, erasing.transform(batch)));
            }
        }
        return pattern;
    }

}

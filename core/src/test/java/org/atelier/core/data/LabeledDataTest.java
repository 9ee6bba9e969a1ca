package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class LabeledDataTest {

    private static LabeledData images() {
        float[] pixels = new float[3 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i / 10f;
        }
        return new LabeledData("img", new Shape(1, 2, 2), pixels, new int[] {2, 0, 1}, List.of("a", "b", "c"));
    }

    @OnEachEngine
    void featuresAndLabelsBecomeFloat32Tensors(String engine) {
        LabeledData data = images();
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            NDArray features = data.features(manager);
            assertEquals(new Shape(3, 1, 2, 2), features.getShape());
            assertEquals(DataType.FLOAT32, features.getDataType());
            assertArrayEquals(data.featureValues(), features.toFloatArray());
            assertEquals(0.7f, features.get(1, 0, 1, 1).getFloat(), 1e-7f);
            NDArray labels = data.labels(manager);
            assertEquals(new Shape(3), labels.getShape());
            assertEquals(DataType.FLOAT32, labels.getDataType());
            assertArrayEquals(new float[] {2, 0, 1}, labels.toFloatArray());
        }
    }

    @Test
    void subsetAndHeadCopyTheChosenSamplesAndKeepNames() {
        LabeledData table = new LabeledData("t", new Shape(2), new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1, 1},
                List.of("a", "b"), List.of("x", "y"));
        LabeledData picked = table.subset(new int[] {2, 0}, "picked");
        assertArrayEquals(new float[] {5, 6, 1, 2}, picked.featureValues());
        assertArrayEquals(new int[] {1, 0}, picked.labels());
        assertEquals(List.of("x", "y"), picked.featureNames());
        assertEquals(List.of("x", "y"), table.head(1).featureNames());
        assertEquals(List.of(), images().featureNames());
    }

    @Test
    void rejectsFeatureNamesOfTheWrongCount() {
        assertThrows(IllegalArgumentException.class, () -> new LabeledData("t", new Shape(2), new float[] {1, 2}, new int[] {0},
                List.of("a"), List.of("x")));
    }
}

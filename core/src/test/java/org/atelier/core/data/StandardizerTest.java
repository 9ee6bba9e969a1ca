package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.atelier.core.testing.RealData;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    /** Rows (1, 10, 5), (3, 20, 5), (5, 60, 5): the last feature is constant. */
    private static LabeledData table() {
        return new LabeledData("t", new Shape(3), new float[] {1, 10, 5, 3, 20, 5, 5, 60, 5}, new int[] {0, 1, 0},
                List.of("a", "b"), List.of("x", "y", "z"));
    }

    @Test
    void perFeatureStatisticsAreThoseOfEachColumn() {
        Standardizer standardizer = Standardizer.fit(table(), Standardizer.Mode.PER_FEATURE);
        assertArrayEquals(new float[] {3, 30, 5}, standardizer.mean(), 1e-6f);
        // population std: sqrt(8/3) for (1, 3, 5), sqrt(1400/3) for (10, 20, 60); the constant column reports 1
        assertArrayEquals(new float[] {(float) Math.sqrt(8 / 3.0), (float) Math.sqrt(1400 / 3.0), 1}, standardizer.std(), 1e-5f);
        LabeledData standardized = standardizer.apply(table());
        float[] v = standardized.featureValues();
        for (int j = 0; j < 3; j++) {
            double mean = (v[j] + v[3 + j] + v[6 + j]) / 3;
            assertEquals(0, mean, 1e-6);
        }
        assertEquals(0f, v[2]); // constant feature: exactly 0, not NaN
        assertEquals(List.of("x", "y", "z"), standardized.featureNames());
        assertArrayEquals(table().labels(), standardized.labels());
    }

    @Test
    void globalModePoolsAllValuesAndAppliesTrainStatisticsToOtherSplits() {
        LabeledData train = new LabeledData("train", new Shape(2), new float[] {0, 2, 4, 6}, new int[] {0, 1}, List.of("a", "b"));
        Standardizer standardizer = Standardizer.fit(train, Standardizer.Mode.GLOBAL);
        assertArrayEquals(new float[] {3}, standardizer.mean());
        assertArrayEquals(new float[] {(float) Math.sqrt(5)}, standardizer.std(), 1e-6f);
        LabeledData test = new LabeledData("test", new Shape(2), new float[] {3, 3 + (float) Math.sqrt(5)}, new int[] {1}, List.of("a", "b"));
        assertArrayEquals(new float[] {0, 1}, standardizer.apply(test).featureValues(), 1e-6f);
    }

    @Test
    void mnistTrainPixelsHaveTheWellKnownMeanAndStd() {
        LabeledData train = Datasets.mnist(RealData.locator(Datasets.MNIST), Subset.TRAIN);
        Standardizer standardizer = Standardizer.fit(train, Standardizer.Mode.GLOBAL);
        assertEquals(0.1307, standardizer.mean()[0], 1e-4);
        assertEquals(0.3081, standardizer.std()[0], 1e-4);
        LabeledData standardized = standardizer.apply(train.head(1000));
        assertEquals((0 - 0.1307) / 0.3081, standardized.featureValues()[0], 1e-3); // the corner pixel is background
    }
}

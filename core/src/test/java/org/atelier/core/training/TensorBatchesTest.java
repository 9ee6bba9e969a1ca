package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;

class TensorBatchesTest {

    private static final int N = 103;

    @OnEachEngine
    void everySampleOnceWithFeaturesMatchingLabelsAndANewOrderEachEpoch(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            TensorBatches batches = new TensorBatches(indexed(manager), 10, 5L);
            assertEquals(11, batches.batchesPerEpoch());
            float[] first = epoch(batches, manager);
            float[] second = epoch(batches, manager);
            float[] sorted = first.clone();
            Arrays.sort(sorted);
            assertArrayEquals(range(), sorted);
            assertFalse(Arrays.equals(first, second), "epochs should be shuffled differently");
            assertFalse(Arrays.equals(first, range()), "the first epoch should be shuffled");
            assertArrayEquals(first, epoch(new TensorBatches(indexed(manager), 10, 5L), manager), "same seed, same order");
        }
    }

    @OnEachEngine
    void withoutSeedKeepsTheOrderAndFullBatchIsOneBatch(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            assertArrayEquals(range(), epoch(new TensorBatches(indexed(manager), 10, null), manager));
            TensorBatches full = new TensorBatches(indexed(manager), Integer.MAX_VALUE, 1L);
            assertEquals(1, full.batchesPerEpoch());
            assertEquals(N, full.batchSize());
        }
    }

    /** Labels 0..N-1 and features (N, 2) whose both columns equal the label. */
    private static LabeledArrays indexed(NDManager manager) {
        float[] labels = range();
        float[] features = new float[2 * N];
        for (int i = 0; i < N; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = i;
        }
        return new LabeledArrays(manager.create(features, new Shape(N, 2)), manager.create(labels));
    }

    /** The labels of one epoch in batch order, checking each batch's features against its labels. */
    private static float[] epoch(TensorBatches batches, NDManager manager) {
        List<Float> seen = new ArrayList<>();
        try (NDManager epochManager = manager.newSubManager()) {
            for (Batch batch : batches.getData(epochManager)) {
                try (batch) {
                    float[] labels = batch.getLabels().head().toFloatArray();
                    float[] features = batch.getData().head().toFloatArray();
                    for (int i = 0; i < labels.length; i++) {
                        assertEquals(labels[i], features[2 * i]);
                        seen.add(labels[i]);
                    }
                }
            }
        }
        float[] out = new float[seen.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = seen.get(i);
        }
        return out;
    }

    private static float[] range() {
        float[] r = new float[N];
        for (int i = 0; i < N; i++) {
            r[i] = i;
        }
        return r;
    }
}

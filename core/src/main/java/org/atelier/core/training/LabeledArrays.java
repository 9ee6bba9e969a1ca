package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.atelier.core.data.LabeledData;

/**
 * A split held as two arrays: features {@code (N, ...)} float32 and labels {@code (N)} float32
 * class indices, both on the same manager. This is what training and evaluation slice batches from.
 *
 * @param features the samples, first axis is the sample axis
 * @param labels the class index of each sample
 */
public record LabeledArrays(NDArray features, NDArray labels) {

    /** Checks that features and labels have the same number of samples. */
    public LabeledArrays {
        long n = features.getShape().get(0);
        if (labels.getShape().dimension() != 1 || labels.getShape().get(0) != n) {
            throw new IllegalArgumentException("labels of shape " + labels.getShape()
                    + " do not match " + n + " samples of features " + features.getShape());
        }
    }

    /**
     * Converts a dataset to arrays on the given manager: one copy of all features, one of all labels.
     *
     * @param data the dataset
     * @param manager the manager that owns the arrays
     * @return the arrays
     */
    public static LabeledArrays of(LabeledData data, NDManager manager) {
        return new LabeledArrays(data.features(manager), data.labels(manager));
    }

    /** The number of samples. */
    public int size() {
        return Math.toIntExact(labels.getShape().get(0));
    }

    /**
     * Samples {@code [from, to)} as views (or copies, where the engine cannot view) of these arrays.
     *
     * @param from first sample, inclusive
     * @param to last sample, exclusive
     * @return the slice
     */
    public LabeledArrays slice(int from, int to) {
        NDIndex range = new NDIndex().addSliceDim(from, to);
        return new LabeledArrays(features.get(range), labels.get(range));
    }
}

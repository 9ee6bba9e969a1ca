package org.atelier.core.prediction;

import java.util.Arrays;
import org.atelier.core.AtelierException;
import org.atelier.core.data.Standardizer;

/**
 * The scaling a model's inputs need, {@code (x − mean) / std}, with the statistics the training
 * split was standardized with: one mean and std for all values (images), or one per input value.
 * It computes exactly what {@link Standardizer#apply} computes, float for float, so a loaded model
 * sees the very inputs it was tested on.
 *
 * @param mean one value, or one per input value
 * @param std laid out like {@code mean}
 */
public record Normalization(float[] mean, float[] std) {

    /** Checks that the two have the same, non-zero length. */
    public Normalization {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new AtelierException("a normalization needs as many standard deviations as means, at least one;"
                    + " the model's manifest is damaged");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** No scaling: mean 0, std 1. */
    public static Normalization none() {
        return new Normalization(new float[] {0}, new float[] {1});
    }

    /**
     * The statistics of a fitted standardizer, or none.
     *
     * @param standardizer the training split's standardizer, or null when inputs were not standardized
     * @return the normalization
     */
    public static Normalization of(Standardizer standardizer) {
        return standardizer == null ? none() : new Normalization(standardizer.mean(), standardizer.std());
    }

    /**
     * Scales samples.
     *
     * @param values row-major samples of {@code perSample} values each
     * @param perSample values per sample
     * @return the scaled copy
     */
    public float[] apply(float[] values, int perSample) {
        boolean global = mean.length == 1;
        if (!global && mean.length != perSample) {
            throw new AtelierException("the model's normalization has " + mean.length + " values, its inputs "
                    + perSample + "; the model's manifest is damaged");
        }
        float[] out = new float[values.length];
        for (int row = 0; row < values.length; row += perSample) {
            for (int j = 0; j < perSample; j++) {
                int g = global ? 0 : j;
                out[row + j] = (values[row + j] - mean[g]) / std[g];
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }
}

package org.atelier.core.data;

import java.util.Arrays;

/**
 * Standardization {@code (x − mean) / std} with statistics fitted on the training split only and
 * then applied unchanged to every split, so that no information from validation or test data
 * leaks into training.
 *
 * <p>Statistics are population statistics (divisor N, as scikit-learn's {@code StandardScaler}),
 * accumulated in {@code double}.
 */
public final class Standardizer {

    /** Which values share a mean and a standard deviation. */
    public enum Mode {
        /** One mean and one std over all values of all samples: images, whose pixels are alike. */
        GLOBAL,
        /** One mean and one std per feature position: tables, whose columns have different units. */
        PER_FEATURE
    }

    private final Mode mode;
    private final float[] mean;
    private final float[] std;

    private Standardizer(Mode mode, float[] mean, float[] std) {
        this.mode = mode;
        this.mean = mean;
        this.std = std;
    }

    /**
     * Fits the statistics on a training split.
     *
     * <p>A constant feature (all values equal) gets std 1, not 0: dividing its centred values,
     * all exactly 0, by 0 would give NaN and poison every gradient; dividing by 1 keeps them 0,
     * which is what a feature without information should contribute. Its mean is then the
     * constant itself, so the centred values are exactly 0.
     *
     * @param train the training split, at least one sample
     * @param mode whether to pool all values or keep one statistic per feature
     * @return the fitted standardizer
     */
    public static Standardizer fit(LabeledData train, Mode mode) {
        if (train.size() == 0) {
            throw new IllegalArgumentException(train.name() + " is empty: nothing to fit a standardizer on");
        }
        boolean global = mode == Mode.GLOBAL;
        int groups = global ? 1 : train.featureCount();
        int width = train.featureCount();
        float[] values = train.featureValues();
        double[] sum = new double[groups];
        float[] min = new float[groups];
        float[] max = new float[groups];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int row = 0; row < values.length; row += width) {
            for (int j = 0; j < width; j++) {
                int g = global ? 0 : j;
                float value = values[row + j];
                sum[g] += value;
                min[g] = Math.min(min[g], value);
                max[g] = Math.max(max[g], value);
            }
        }
        double perGroup = (double) values.length / groups;
        double[] mean = new double[groups];
        for (int g = 0; g < groups; g++) {
            mean[g] = sum[g] / perGroup;
        }
        // a second pass over the deviations: sum-of-squares minus squared mean would cancel badly
        double[] squares = new double[groups];
        for (int row = 0; row < values.length; row += width) {
            for (int j = 0; j < width; j++) {
                int g = global ? 0 : j;
                double deviation = values[row + j] - mean[g];
                squares[g] += deviation * deviation;
            }
        }
        float[] meanOut = new float[groups];
        float[] stdOut = new float[groups];
        for (int g = 0; g < groups; g++) {
            boolean constant = min[g] == max[g];
            meanOut[g] = constant ? min[g] : (float) mean[g];
            stdOut[g] = constant ? 1f : (float) Math.sqrt(squares[g] / perGroup);
        }
        return new Standardizer(mode, meanOut, stdOut);
    }

    /**
     * Standardizes a split with the fitted statistics.
     *
     * @param data a split with the same sample layout as the training split
     * @return a new dataset with the same name, labels and classes and standardized features
     */
    public LabeledData apply(LabeledData data) {
        if (mode == Mode.PER_FEATURE && data.featureCount() != mean.length) {
            throw new IllegalArgumentException(data.name() + " has " + data.featureCount() + " features, the standardizer was fitted on "
                    + mean.length);
        }
        boolean global = mode == Mode.GLOBAL;
        int width = data.featureCount();
        float[] values = data.featureValues();
        float[] standardized = new float[values.length];
        for (int row = 0; row < values.length; row += width) {
            for (int j = 0; j < width; j++) {
                int g = global ? 0 : j;
                standardized[row + j] = (values[row + j] - mean[g]) / std[g];
            }
        }
        return data.withFeatures(standardized);
    }

    /** The mode the statistics were fitted in. */
    public Mode mode() {
        return mode;
    }

    /** The means: one value in {@link Mode#GLOBAL} mode, one per feature in {@link Mode#PER_FEATURE} mode; a copy. */
    public float[] mean() {
        return mean.clone();
    }

    /** The standard deviations, laid out like {@link #mean()}, constant features reported as 1; a copy. */
    public float[] std() {
        return std.clone();
    }
}

package org.atelier.core.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile bootstrap confidence interval for the mean of per-sample values, e.g. a test
 * accuracy as the mean of 0/1 "classified correctly" values.
 *
 * <p>The test set is resampled with replacement {@code resamples} times (same size, seeded); each
 * resample's mean is a replicate, and the interval runs from the {@code (1 − level)/2} to the
 * {@code (1 + level)/2} quantile of the replicates, interpolated linearly between order
 * statistics ({@link #percentile}, numpy's default, which {@code scipy.stats.bootstrap(...,
 * method="percentile")} also uses). The percentile method is used rather than scipy's default BCa:
 * for a mean of 0/1 values it needs no jackknife, its interval is the sampling distribution's own
 * quantiles, and it is the method courses teach first. The interval describes the uncertainty from
 * <em>which</em> test samples were drawn, not from training (a new seed or split adds its own).
 *
 * @param estimate the mean of the values themselves
 * @param low the lower end of the interval
 * @param high the upper end of the interval
 * @param level the confidence level, e.g. 0.95
 * @param replicates the resamples' means, sorted ascending
 */
public record BootstrapInterval(double estimate, double low, double high, double level, double[] replicates) {

    /**
     * Resamples the values and computes the interval of their mean.
     *
     * @param values the per-sample values, at least one
     * @param level the confidence level in (0, 1)
     * @param resamples how many bootstrap resamples, at least 1
     * @param seed the seed of the resampling
     * @return the interval and the sorted replicates
     * @throws IllegalArgumentException if there are no values, or the level or resamples are out of range
     */
    public static BootstrapInterval ofMean(double[] values, double level, int resamples, long seed) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a bootstrap interval needs at least one value");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the confidence level must be in (0, 1), got " + level);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("the bootstrap needs at least one resample, got " + resamples);
        }
        int n = values.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[] replicates = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            replicates[r] = sum / n;
        }
        Arrays.sort(replicates);
        double tail = (1 - level) / 2;
        return new BootstrapInterval(MeanStd.of(values).mean(), percentile(replicates, tail),
                percentile(replicates, 1 - tail), level, replicates);
    }

    /**
     * The {@code q}-quantile of sorted values, interpolated linearly between the order statistics
     * at positions {@code q·(n − 1)} (numpy's {@code percentile(..., method="linear")}, Hyndman and
     * Fan's type 7).
     *
     * @param sorted values in ascending order, at least one
     * @param q the quantile in [0, 1]
     * @return the quantile
     */
    public static double percentile(double[] sorted, double q) {
        if (sorted.length == 0 || !(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("the quantile " + q + " of " + sorted.length + " values is undefined");
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /** The number of resamples. */
    public int resamples() {
        return replicates.length;
    }

    /** The interval's width, {@code high − low}. */
    public double width() {
        return high - low;
    }
}

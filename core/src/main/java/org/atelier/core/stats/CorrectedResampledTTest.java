package org.atelier.core.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Nadeau and Bengio's corrected resampled t-test (Machine Learning 52, 2003; as recommended for
 * repeated cross-validation by Bouckaert and Frank, 2004): is the mean difference of two
 * classifiers' scores over the same J train/test splits different from 0?
 *
 * <p>The plain paired t-test divides the variance of the J differences by J, as if the splits were
 * independent; but every two splits share most of their training data, so the differences are
 * correlated and the plain test is far too confident (it rejects much more often than its level).
 * The correction replaces {@code 1/J} by {@code 1/J + n_test/n_train}:
 * {@code t = d̄ / √((1/J + n_test/n_train)·s²)}, with {@code s²} the sample variance (divisor J − 1)
 * of the differences and J − 1 degrees of freedom. For 10 × 5-fold cross-validation, n_test/n_train
 * = 1/4, so the variance term grows from 0.02·s² to 0.27·s²: t shrinks by a factor of about 3.7.
 * Both versions are returned, so that a report can show what the correction does.
 *
 * <p>Identical differences (s² = 0) give t = 0 and p = 1 when they are all 0, otherwise an infinite
 * t and p = 0.
 *
 * @param meanDifference d̄, the mean of first − second over the splits
 * @param t the corrected statistic
 * @param pValue its two-sided p-value on J − 1 degrees of freedom
 * @param naiveT the uncorrected paired t statistic
 * @param naivePValue its two-sided p-value ({@code scipy.stats.ttest_rel})
 * @param splits J, the number of paired scores
 */
public record CorrectedResampledTTest(double meanDifference, double t, double pValue, double naiveT,
        double naivePValue, int splits) {

    /**
     * Tests paired scores of two classifiers.
     *
     * @param first the first classifier's score on each split
     * @param second the second's, on the same splits in the same order
     * @param trainSize samples each classifier was fitted on per split
     * @param testSize samples each score was measured on per split
     * @return the test
     * @throws IllegalArgumentException if the lengths differ, fewer than 2 splits are given or a size is not positive
     */
    public static CorrectedResampledTTest of(double[] first, double[] second, int trainSize, int testSize) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("the corrected t-test needs paired scores, got " + first.length + " and "
                    + second.length);
        }
        if (first.length < 2) {
            throw new IllegalArgumentException("the corrected t-test needs at least 2 splits, got " + first.length);
        }
        if (trainSize < 1 || testSize < 1) {
            throw new IllegalArgumentException("train and test sizes must be positive, got " + trainSize + " and "
                    + testSize);
        }
        int splits = first.length;
        double[] differences = new double[splits];
        for (int j = 0; j < splits; j++) {
            differences[j] = first[j] - second[j];
        }
        MeanStd d = MeanStd.of(differences);
        double variance = d.std() * d.std();
        TDistribution distribution = new TDistribution(null, splits - 1);
        double corrected = statistic(d.mean(), (1.0 / splits + (double) testSize / trainSize) * variance);
        double naive = statistic(d.mean(), variance / splits);
        return new CorrectedResampledTTest(d.mean(), corrected, twoSided(distribution, corrected), naive,
                twoSided(distribution, naive), splits);
    }

    private static double statistic(double mean, double variance) {
        if (variance == 0) {
            return mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
        }
        return mean / Math.sqrt(variance);
    }

    private static double twoSided(TDistribution distribution, double t) {
        if (Double.isInfinite(t)) {
            return 0;
        }
        return 2 * distribution.cumulativeProbability(-Math.abs(t));
    }

    /** The degrees of freedom, J − 1. */
    public int degreesOfFreedom() {
        return splits - 1;
    }
}

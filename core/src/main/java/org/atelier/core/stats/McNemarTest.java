package org.atelier.core.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * McNemar's test of whether two classifiers, evaluated on the same samples, have the same error
 * rate. Only the discordant samples count: {@code b} that only the first classifies correctly and
 * {@code c} that only the second does. Under the null hypothesis each discordant sample is equally
 * likely to fall either way, so {@code b ~ Binomial(b + c, 1/2)}.
 *
 * <p>Two p-values, both two-sided: the exact binomial one, {@code min(1, 2·P(X ≤ min(b, c)))}
 * ({@code scipy.stats.binomtest(b, b + c).pvalue}; the right one for the few discordant samples of
 * a small test set), and the χ² approximation with Edwards' continuity correction, {@code
 * (max(0, |b − c| − 1))² / (b + c)} on one degree of freedom, which textbooks show and which needs
 * b + c of about 25 or more to be trusted. The correction is clipped at 0, so that b = c gives
 * χ² = 0 and p = 1 (statsmodels' {@code mcnemar(exact=False)} would give (0 − 1)²/(b + c) there).
 * Without discordant samples there is no evidence either way: both p-values are 1.
 *
 * @param onlyFirstCorrect b, the samples only the first classifier gets right
 * @param onlySecondCorrect c, the samples only the second classifier gets right
 * @param exactPValue the exact two-sided binomial p-value
 * @param chiSquare the continuity-corrected χ² statistic
 * @param chiSquarePValue its p-value on one degree of freedom
 */
public record McNemarTest(int onlyFirstCorrect, int onlySecondCorrect, double exactPValue, double chiSquare,
        double chiSquarePValue) {

    /**
     * Tests two classifiers' correctness on the same samples.
     *
     * @param firstCorrect whether the first classifier got each sample right
     * @param secondCorrect whether the second did, same samples in the same order
     * @return the test
     * @throws IllegalArgumentException if the lengths differ
     */
    public static McNemarTest of(boolean[] firstCorrect, boolean[] secondCorrect) {
        if (firstCorrect.length != secondCorrect.length) {
            throw new IllegalArgumentException("McNemar's test needs paired outcomes, got " + firstCorrect.length
                    + " and " + secondCorrect.length);
        }
        int b = 0;
        int c = 0;
        for (int i = 0; i < firstCorrect.length; i++) {
            if (firstCorrect[i] && !secondCorrect[i]) {
                b++;
            } else if (secondCorrect[i] && !firstCorrect[i]) {
                c++;
            }
        }
        return ofCounts(b, c);
    }

    /**
     * Tests from the discordant counts.
     *
     * @param b samples only the first classifier gets right, at least 0
     * @param c samples only the second gets right, at least 0
     * @return the test
     */
    public static McNemarTest ofCounts(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts cannot be negative: b = " + b + ", c = " + c);
        }
        int discordant = b + c;
        if (discordant == 0) {
            return new McNemarTest(b, c, 1, 0, 1);
        }
        double exact = Math.min(1, 2 * new BinomialDistribution(null, discordant, 0.5).cumulativeProbability(Math.min(b, c)));
        double corrected = Math.max(0, Math.abs(b - c) - 1);
        double chiSquare = corrected * corrected / discordant;
        double chiSquareP = 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(chiSquare);
        return new McNemarTest(b, c, exact, chiSquare, chiSquareP);
    }

    /** b + c: the samples on which the two classifiers disagree in correctness. */
    public int discordant() {
        return onlyFirstCorrect + onlySecondCorrect;
    }
}

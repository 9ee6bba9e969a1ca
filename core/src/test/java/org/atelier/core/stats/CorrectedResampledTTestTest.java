package org.atelier.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The corrected resampled t-test against scipy 1.17.1. The reference values come from (python3,
 * {@code import numpy as np, scipy.stats as st}):
 *
 * <pre>
 * a = np.array([0.97,0.94,1.0,0.97,0.94,1.0,0.97,0.91,1.0,0.97])
 * b = np.array([0.94,0.97,0.97,0.94,0.94,0.97,0.94,0.94,0.97,1.0])
 * st.ttest_rel(a, b)                                     # naive: t 1.0000000000000018, p 0.3434363961379128
 * d = a - b; J = len(d)
 * t = d.mean() / np.sqrt((1/J + 36/142) * d.var(ddof=1)) # 0.5318538576492751
 * 2 * st.t.sf(abs(t), J - 1)                             # 0.6077035598631662
 * </pre>
 */
class CorrectedResampledTTestTest {

    private static final double[] FIRST = {0.97, 0.94, 1.0, 0.97, 0.94, 1.0, 0.97, 0.91, 1.0, 0.97};
    private static final double[] SECOND = {0.94, 0.97, 0.97, 0.94, 0.94, 0.97, 0.94, 0.94, 0.97, 1.0};

    @Test
    void matchesScipy() {
        CorrectedResampledTTest test = CorrectedResampledTTest.of(FIRST, SECOND, 142, 36);
        assertEquals(0.009, test.meanDifference(), 1e-12);
        assertEquals(1.0000000000000018, test.naiveT(), 1e-9);
        assertEquals(0.3434363961379128, test.naivePValue(), 1e-9);
        assertEquals(0.5318538576492751, test.t(), 1e-9);
        assertEquals(0.6077035598631662, test.pValue(), 1e-9);
        assertEquals(9, test.degreesOfFreedom());
    }

    /** The correction only ever widens: the corrected p-value is never below the naive one. */
    @Test
    void correctionIsMoreCautious() {
        CorrectedResampledTTest test = CorrectedResampledTTest.of(FIRST, SECOND, 142, 36);
        assertTrue(Math.abs(test.t()) < Math.abs(test.naiveT()));
        assertTrue(test.pValue() > test.naivePValue());
        // swapping the classifiers flips the sign, not the p-value
        CorrectedResampledTTest swapped = CorrectedResampledTTest.of(SECOND, FIRST, 142, 36);
        assertEquals(-test.t(), swapped.t(), 1e-12);
        assertEquals(test.pValue(), swapped.pValue(), 1e-12);
    }

    @Test
    void constantDifferences() {
        double[] same = {0.5, 0.25, 0.75}; // binary fractions: the differences below are exactly equal
        CorrectedResampledTTest none = CorrectedResampledTTest.of(same, same, 100, 25);
        assertEquals(0, none.t());
        assertEquals(1, none.pValue());
        CorrectedResampledTTest always = CorrectedResampledTTest.of(new double[] {0.75, 0.5, 1.0}, same, 100, 25);
        assertEquals(Double.POSITIVE_INFINITY, always.t());
        assertEquals(0, always.pValue());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> CorrectedResampledTTest.of(new double[3], new double[2], 10, 5));
        assertThrows(IllegalArgumentException.class, () -> CorrectedResampledTTest.of(new double[1], new double[1], 10, 5));
        assertThrows(IllegalArgumentException.class, () -> CorrectedResampledTTest.of(new double[3], new double[3], 0, 5));
    }
}

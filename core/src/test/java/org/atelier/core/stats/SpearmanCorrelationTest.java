package org.atelier.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values checked with scipy 1.17 ({@code spearmanr}, {@code rankdata}, {@code permutation_test}). */
class SpearmanCorrelationTest {

    @Test
    void tiedValuesShareTheMeanOfTheirRanks() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, SpearmanCorrelation.ranks(new double[] {10, 20, 20, 30}));
        // scipy.stats.rankdata([0.97, 0.99, 0.85, 0.90, 0.83, 0.98, 0.70, 0.95, 0.98, 0.96])
        assertArrayEquals(new double[] {7, 10, 3, 4, 2, 8.5, 1, 5, 8.5, 6}, SpearmanCorrelation.ranks(QUALITY_X));
    }

    @Test
    void agreesWithScipyOnItsDocumentationExampleWithATie() {
        // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).statistic = 0.8207826816681233;
        // permutation_test(..., permutation_type="pairings", n_resamples=inf).pvalue = 16/120
        SpearmanCorrelation result = SpearmanCorrelation.of(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7});
        assertEquals(0.8207826816681233, result.rho(), 1e-15);
        assertEquals(16.0 / 120, result.pValue(), 1e-15);
        assertTrue(result.exact());
        assertEquals(5, result.n());
    }

    @Test
    void exactPValueOfTenPairsWithTiesMatchesAFullEnumeration() {
        // rho from scipy.stats.spearmanr; p from enumerating all 10! pairings in NumPy: 47 168 of 3 628 800
        SpearmanCorrelation result = SpearmanCorrelation.of(QUALITY_X, QUALITY_Y);
        assertEquals(0.7659609850368815, result.rho(), 1e-14);
        assertEquals(47_168.0 / 3_628_800, result.pValue(), 1e-15);
    }

    @Test
    void perfectOrderOfFourIsTwoOfTwentyFourPairingsTwoSided() {
        SpearmanCorrelation up = SpearmanCorrelation.of(new double[] {1, 2, 3, 4}, new double[] {0.1, 0.5, 0.7, 9});
        assertEquals(1.0, up.rho(), 0);
        assertEquals(2.0 / 24, up.pValue(), 1e-15);
        SpearmanCorrelation down = SpearmanCorrelation.of(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1});
        assertEquals(-1.0, down.rho(), 0);
        assertEquals(2.0 / 24, down.pValue(), 1e-15);
    }

    @Test
    void criticalValueAtTenPairsIsTheTabulatedOne() {
        // Zar's table and a NumPy enumeration of 10!: |rho| >= 0.6485 has probability 0.0490
        assertEquals(1 - 6.0 * 58 / 990, SpearmanCorrelation.criticalValue(10, 0.05), 1e-12);
        assertEquals(0.648, SpearmanCorrelation.criticalValue(10, 0.05), 5e-4);
        // n = 4: only rho = ±1 (probability 2/24 = 0.083) is that rare
        assertTrue(Double.isNaN(SpearmanCorrelation.criticalValue(4, 0.05)));
        assertEquals(1.0, SpearmanCorrelation.criticalValue(4, 0.1), 0);
        assertThrows(IllegalArgumentException.class, () -> SpearmanCorrelation.criticalValue(11, 0.05));
    }

    @Test
    void largerSamplesGetASeededMonteCarloPValue() {
        double[] x = new double[12];
        double[] y = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = i;
            y[i] = i % 2 == 0 ? i : -i;
        }
        SpearmanCorrelation first = SpearmanCorrelation.of(x, y);
        assertFalse(first.exact());
        assertEquals(first, SpearmanCorrelation.of(x, y), "the same seed every time");
        assertTrue(first.pValue() > 0 && first.pValue() <= 1);
        SpearmanCorrelation perfect = SpearmanCorrelation.of(x, x);
        assertEquals(1.0 / (SpearmanCorrelation.RESAMPLES + 1), perfect.pValue(), 1e-12,
                "no random pairing of 12 reaches rho = 1 in 1e5 draws (chance 2/12! each)");
    }

    @Test
    void constantSeriesHaveNoCorrelationAndBadInputIsRefused() {
        SpearmanCorrelation flat = SpearmanCorrelation.of(new double[] {1, 2, 3}, new double[] {5, 5, 5});
        assertTrue(Double.isNaN(flat.rho()) && Double.isNaN(flat.pValue()));
        assertThrows(IllegalArgumentException.class, () -> SpearmanCorrelation.of(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> SpearmanCorrelation.of(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> SpearmanCorrelation.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }

    private static final double[] QUALITY_X = {0.97, 0.99, 0.85, 0.90, 0.83, 0.98, 0.70, 0.95, 0.98, 0.96};
    private static final double[] QUALITY_Y = {0.9, 0.999, 0.2, 0.6, 0.3, 0.8, 0.1, 0.95, 0.7, 0.85};
}

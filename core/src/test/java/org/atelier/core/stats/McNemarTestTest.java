package org.atelier.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * McNemar's test against scipy 1.17.1. Each row's reference values come from (python3, {@code
 * import scipy.stats as st}):
 *
 * <pre>
 * for b, c in [(1,6), (10,25), (3,3), (0,5), (40,60)]:
 *     chi = max(0, abs(b - c) - 1)**2 / (b + c)
 *     print(b, c, st.binomtest(b, b + c, 0.5).pvalue, chi, st.chi2.sf(chi, 1))
 * </pre>
 */
class McNemarTestTest {

    @Test
    void matchesScipy() {
        check(1, 6, 0.125, 2.2857142857142856, 0.13057001811573693);
        check(10, 25, 0.016673847800120715, 5.6, 0.01796047752607879);
        check(3, 3, 1.0, 0.0, 1.0);
        check(0, 5, 0.0625, 3.2, 0.07363827012030258);
        check(40, 60, 0.05688793364098089, 3.61, 0.05743311963200335);
    }

    private static void check(int b, int c, double exact, double chiSquare, double chiSquareP) {
        McNemarTest test = McNemarTest.ofCounts(b, c);
        assertEquals(exact, test.exactPValue(), 1e-12, "exact p of " + b + ", " + c);
        assertEquals(chiSquare, test.chiSquare(), 1e-12, "χ² of " + b + ", " + c);
        assertEquals(chiSquareP, test.chiSquarePValue(), 1e-9, "χ² p of " + b + ", " + c);
        // the test is symmetric in the two classifiers
        assertEquals(test.exactPValue(), McNemarTest.ofCounts(c, b).exactPValue(), 1e-15);
    }

    @Test
    void countsOnlyTheDiscordantSamples() {
        boolean[] first = {true, true, true, false, false, true, false};
        boolean[] second = {true, false, false, true, false, true, false};
        McNemarTest test = McNemarTest.of(first, second);
        assertEquals(2, test.onlyFirstCorrect());
        assertEquals(1, test.onlySecondCorrect());
        assertEquals(3, test.discordant());
        assertEquals(1.0, test.exactPValue(), 1e-12, "2·P(X ≤ 1 | n = 3) = 2·4/8");
    }

    @Test
    void noDisagreementIsNoEvidence() {
        McNemarTest test = McNemarTest.ofCounts(0, 0);
        assertEquals(1.0, test.exactPValue());
        assertEquals(1.0, test.chiSquarePValue());
    }

    @Test
    void rejectsUnpairedOutcomes() {
        assertThrows(IllegalArgumentException.class, () -> McNemarTest.of(new boolean[2], new boolean[3]));
        assertThrows(IllegalArgumentException.class, () -> McNemarTest.ofCounts(-1, 2));
    }
}

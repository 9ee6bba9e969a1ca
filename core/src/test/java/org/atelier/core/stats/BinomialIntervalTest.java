package org.atelier.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinomialIntervalTest {

    @Test
    void matchesPublishedExactIntervals() {
        // closed forms at the edges: k = n gives lower = (α/2)^(1/n), k = 0 gives upper = 1 − (α/2)^(1/n)
        BinomialInterval all = BinomialInterval.clopperPearson(20, 20, 0.95);
        assertEquals(Math.pow(0.025, 1 / 20.0), all.lower(), 1e-12);
        assertEquals(1, all.upper());
        BinomialInterval none = BinomialInterval.clopperPearson(0, 20, 0.95);
        assertEquals(0, none.lower());
        assertEquals(1 - Math.pow(0.025, 1 / 20.0), none.upper(), 1e-12);
        // k = 1 of n = 2: P(X ≥ 1) = 1 − (1 − p)² = 0.025 and P(X ≤ 1) = 1 − p² = 0.025
        BinomialInterval half = BinomialInterval.clopperPearson(1, 2, 0.95);
        assertEquals(1 - Math.sqrt(0.975), half.lower(), 1e-12);
        assertEquals(Math.sqrt(0.975), half.upper(), 1e-12);
        // 19 of 20 (SciPy: binomtest(19, 20).proportion_ci() = (0.7512672..., 0.9987349...))
        BinomialInterval nineteen = BinomialInterval.clopperPearson(19, 20, 0.95);
        assertEquals(0.7512672, nineteen.lower(), 1e-7);
        assertEquals(0.9987349, nineteen.upper(), 1e-7);
        assertTrue(nineteen.contains(0.99));
        assertFalse(nineteen.contains(0.7));
        assertEquals(0.95, nineteen.rate());
    }

    @Test
    void refusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> BinomialInterval.clopperPearson(3, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> BinomialInterval.clopperPearson(0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> BinomialInterval.clopperPearson(1, 2, 1));
    }
}

package org.atelier.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MeanStdTest {

    @Test
    void sampleStandardDeviationByHand() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, 32 / 7 = 4.5714…
        MeanStd stats = MeanStd.of(2, 4, 4, 4, 5, 5, 7, 9);
        assertEquals(5.0, stats.mean(), 1e-12);
        assertEquals(Math.sqrt(32.0 / 7), stats.std(), 1e-12);
        assertEquals(8, stats.n());
        assertEquals(Math.sqrt(32.0 / 7) / Math.sqrt(8), stats.standardError(), 1e-12);
    }

    @Test
    void oneValueHasNoSpreadAndNoValuesIsAnError() {
        assertEquals(new MeanStd(3.5, 0, 1), MeanStd.of(3.5));
        assertThrows(IllegalArgumentException.class, MeanStd::of);
    }
}

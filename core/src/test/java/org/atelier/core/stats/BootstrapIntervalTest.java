package org.atelier.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The percentile bootstrap against scipy 1.17.1 / numpy 2.4.6. The reference values come from
 * (python3, {@code import numpy as np, scipy.stats as st}):
 *
 * <pre>
 * np.percentile([0.1, 0.4, 0.45, 0.7, 0.9, 1.3], [2.5, 30, 50, 97.5])       # 0.1375 0.425 0.575 1.25
 * st.binom.ppf([0.025, 0.975], 36, 33/36) / 36                               # 0.80556 1.0
 * v = np.array([(i*37 % 101)/10.0 for i in range(200)])
 * st.bootstrap((v,), np.mean, n_resamples=200000, method='percentile',
 *              random_state=np.random.default_rng(1)).confidence_interval    # 4.6005 5.4080
 * </pre>
 */
class BootstrapIntervalTest {

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] sorted = {0.1, 0.4, 0.45, 0.7, 0.9, 1.3};
        assertEquals(0.1375, BootstrapInterval.percentile(sorted, 0.025), 1e-12);
        assertEquals(0.425, BootstrapInterval.percentile(sorted, 0.30), 1e-12);
        assertEquals(0.575, BootstrapInterval.percentile(sorted, 0.50), 1e-12);
        assertEquals(1.25, BootstrapInterval.percentile(sorted, 0.975), 1e-12);
        assertEquals(0.1, BootstrapInterval.percentile(sorted, 0), 0);
        assertEquals(1.3, BootstrapInterval.percentile(sorted, 1), 0);
    }

    /**
     * The bootstrap distribution of an accuracy of 33/36 is Binomial(36, 33/36)/36 exactly; its
     * 2.5 % and 97.5 % quantiles (what scipy's percentile bootstrap also returns) bound the interval.
     */
    @Test
    void accuracyIntervalMatchesTheBinomialQuantiles() {
        double[] correct = new double[36];
        Arrays.fill(correct, 0, 33, 1.0);
        BootstrapInterval interval = BootstrapInterval.ofMean(correct, 0.95, 20_000, 7);
        assertEquals(33.0 / 36, interval.estimate(), 1e-15);
        assertEquals(0.8055555555555556, interval.low(), 1.0 / 36, "within one test sample of the binomial quantile");
        assertEquals(1.0, interval.high(), 1e-12);
        assertEquals(20_000, interval.resamples());
        assertTrue(interval.low() < interval.estimate() && interval.estimate() <= interval.high());
    }

    @Test
    void continuousIntervalMatchesScipy() {
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 37 % 101) / 10.0;
        }
        BootstrapInterval interval = BootstrapInterval.ofMean(values, 0.95, 20_000, 3);
        assertEquals(5.0045, interval.estimate(), 1e-12);
        // Monte Carlo error of a 2.5 % quantile from 20 000 resamples: about 0.004 here
        assertEquals(4.6005, interval.low(), 0.02);
        assertEquals(5.4080, interval.high(), 0.02);
    }

    @Test
    void sameSeedSameReplicates() {
        double[] values = {1, 0, 1, 1, 0, 1, 1, 1};
        assertArrayEquals(BootstrapInterval.ofMean(values, 0.9, 500, 11).replicates(),
                BootstrapInterval.ofMean(values, 0.9, 500, 11).replicates());
        double[] replicates = BootstrapInterval.ofMean(values, 0.9, 500, 11).replicates();
        for (int i = 1; i < replicates.length; i++) {
            assertTrue(replicates[i - 1] <= replicates[i], "sorted");
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofMean(new double[0], 0.95, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofMean(new double[] {1}, 1.0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofMean(new double[] {1}, 0.95, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.percentile(new double[] {1}, 1.5));
    }
}

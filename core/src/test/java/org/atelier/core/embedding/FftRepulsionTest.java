package org.atelier.core.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FftRepulsionTest {

    /**
     * Against the exact O(N²) sums on 1 500 points in blobs, as in a t-SNE map. The error shrinks
     * with the box width (as h³ to h⁴): measured relative errors of Z and of the force vectors
     * (root mean square over points, relative to their root mean square) are 5·10⁻⁷ and 8·10⁻⁵ for
     * side 8 (about 50 boxes of 0.16), 4·10⁻⁴ and 0.7 % for side 40 (boxes of about 0.8), 0.6 % and
     * 3.7 % for side 120 (boxes of 1, FIt-SNE's coarsest): the accuracy of FIt-SNE's defaults.
     */
    @Test
    void matchesTheExactSums() {
        double[][] sideAndTolerances = {{8, 1e-5, 1e-3}, {40, 2e-3, 2e-2}, {120, 1e-2, 5e-2}};
        for (double[] tolerances : sideAndTolerances) {
            double side = tolerances[0];
            int n = 1500;
            double[] y = Clusters.blobs(n, side, 7);
            double[] exactForces = new double[2 * n];
            double exactZ = exact(y, n, exactForces);
            double[] forces = new double[2 * n];
            double z;
            try (Parallel parallel = new Parallel(2)) {
                z = new FftRepulsion(parallel).compute(y, n, forces);
            }
            assertEquals(exactZ, z, tolerances[1] * exactZ, "Z for side " + side);
            double error = 0;
            double size = 0;
            for (int c = 0; c < 2 * n; c++) {
                error += (forces[c] - exactForces[c]) * (forces[c] - exactForces[c]);
                size += exactForces[c] * exactForces[c];
            }
            double relative = Math.sqrt(error / size);
            assertTrue(relative < tolerances[2], "relative force error " + relative + " for side " + side);
        }
    }

    /** Grid sizes that JTransforms transforms fast, each the smallest such size that holds the padded grid. */
    @Test
    void fftSizesAreFastAndLargeEnough() {
        assertEquals(320, FftRepulsion.fftSize(300));
        assertEquals(512, FftRepulsion.fftSize(481));
        assertEquals(640, FftRepulsion.fftSize(600));
        assertEquals(1024, FftRepulsion.fftSize(1024));
    }

    /** Σ_j K² (y_i − y_j) per point and Z = Σ_{i≠j} K, with K = 1 / (1 + d²). */
    static double exact(double[] y, int n, double[] forces) {
        double z = 0;
        for (int i = 0; i < n; i++) {
            double f1 = 0;
            double f2 = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d1 = y[2 * i] - y[2 * j];
                double d2 = y[2 * i + 1] - y[2 * j + 1];
                double k = 1 / (1 + d1 * d1 + d2 * d2);
                z += k;
                f1 += k * k * d1;
                f2 += k * k * d2;
            }
            forces[2 * i] = f1;
            forces[2 * i + 1] = f2;
        }
        return z;
    }
}

package org.atelier.core.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AffinitiesTest {

    /** Each point's conditional distribution has the wanted perplexity; P is symmetric and sums to 1. */
    @Test
    void calibratesEachPointAndSymmetrizes() {
        Clusters data = Clusters.of(4, 50, 5, 2, 11);
        Neighbors neighbors = BruteForce.of(data.points, 30);
        try (Parallel parallel = new Parallel(2)) {
            double[] conditional = Affinities.conditional(neighbors, 10, parallel);
            for (int i = 0; i < neighbors.queries(); i++) {
                double entropy = 0;
                double sum = 0;
                for (int r = 0; r < 30; r++) {
                    double p = conditional[i * 30 + r];
                    sum += p;
                    entropy -= p > 0 ? p * Math.log(p) : 0;
                }
                assertEquals(1, sum, 1e-12);
                assertEquals(10, Math.exp(entropy), 1e-3, "perplexity of point " + i);
            }
            Affinities p = Affinities.of(neighbors, 10, parallel);
            double total = 0;
            for (int i = 0; i < p.n; i++) {
                for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                    total += p.values[e];
                    assertEquals(p.values[e], value(p, p.columns[e], i), 0, "P is symmetric at " + i);
                }
            }
            assertEquals(1, total, 1e-12);
        }
    }

    private static double value(Affinities p, int i, int j) {
        for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
            if (p.columns[e] == j) {
                return p.values[e];
            }
        }
        return 0;
    }

    /** Brute-force neighbours on the host, for tests that need no engine. */
    static final class BruteForce {
        private BruteForce() {}

        static Neighbors of(Points points, int k) {
            int n = points.count();
            int[] indices = new int[n * k];
            double[] distances = new double[n * k];
            for (int i = 0; i < n; i++) {
                int[] nearest = NearestNeighborsTest.bruteForce(points, points, i, k, i);
                for (int r = 0; r < k; r++) {
                    indices[i * k + r] = nearest[r];
                    distances[i * k + r] = NearestNeighborsTest.squared(points, nearest[r], points, i);
                }
            }
            return new Neighbors(k, indices, distances);
        }
    }
}

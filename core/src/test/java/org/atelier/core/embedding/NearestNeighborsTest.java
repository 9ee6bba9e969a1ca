package org.atelier.core.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.atelier.core.AtelierException;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class NearestNeighborsTest {

    /** Several blocks of queries (the block size adapts to the 70 000-value rows), against brute force. */
    @OnEachEngine
    void findsTheExactNeighboursWithExactDistances(String engine) {
        Clusters data = Clusters.of(5, 60, 7, 3, 1);
        Points queries = Clusters.of(3, 30, 7, 3, 2).points;
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            Neighbors found = NearestNeighbors.search(manager, data.points, queries, 12, 2);
            assertEquals(queries.count(), found.queries());
            for (int q = 0; q < queries.count(); q++) {
                int[] expected = bruteForce(data.points, queries, q, 12, -1);
                assertArrayEquals(expected, Arrays.copyOfRange(found.indices(), q * 12, q * 12 + 12), "query " + q);
                for (int r = 0; r < 12; r++) {
                    assertEquals(squared(data.points, found.index(q, r), queries, q), found.squaredDistance(q, r), 0);
                }
            }
        }
    }

    /** A point is not its own neighbour, but its duplicate is, at distance 0, and ties go to the smaller index. */
    @OnEachEngine
    void selfSearchSkipsThePointAndBreaksTiesByIndex(String engine) {
        float[] values = {0, 0, 1, 0, 0, 0, 0, 1, 5, 5, 1, 0};
        Points points = new Points(values, 6, 2); // 0 and 2 coincide, 1 and 5 coincide
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            Neighbors found = NearestNeighbors.searchSelf(manager, points, 3, 1);
            assertArrayEquals(new int[] {2, 1, 3}, row(found, 0));
            assertArrayEquals(new int[] {5, 0, 2}, row(found, 1));
            assertArrayEquals(new int[] {0, 1, 3}, row(found, 2));
            assertEquals(0, found.squaredDistance(0, 0));
        }
    }

    @Test
    void refusesImpossibleSearches() {
        Points points = Clusters.of(2, 5, 3, 1, 3).points;
        try (NDManager manager = TestBackends.backend("PyTorch").newManager()) {
            AtelierException tooMany = assertThrows(AtelierException.class,
                    () -> NearestNeighbors.searchSelf(manager, points, 10, 1));
            assertTrue(tooMany.getMessage().contains("among 9 other points"), tooMany.getMessage());
            Points flat = new Points(new float[] {1, 2}, 1, 2);
            assertThrows(AtelierException.class, () -> NearestNeighbors.search(manager, points, flat, 1, 1));
        }
    }

    private static int[] row(Neighbors neighbors, int i) {
        return Arrays.copyOfRange(neighbors.indices(), i * neighbors.k(), (i + 1) * neighbors.k());
    }

    static int[] bruteForce(Points references, Points queries, int q, int k, int skip) {
        return IntStream.range(0, references.count()).filter(j -> j != skip).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> squared(references, j, queries, q))
                        .thenComparingInt(j -> j))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    static double squared(Points references, int j, Points queries, int q) {
        double sum = 0;
        for (int d = 0; d < references.dimensions(); d++) {
            double diff = (double) queries.get(q, d) - references.get(j, d);
            sum += diff * diff;
        }
        return sum;
    }
}

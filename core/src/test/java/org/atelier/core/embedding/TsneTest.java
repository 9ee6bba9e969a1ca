package org.atelier.core.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class TsneTest {

    /** Ten clusters in 50-D come out as ten clusters in 2-D: each point's 10 nearest neighbours in the map vote its cluster. */
    @OnEachEngine
    void separatesClusters(String engine) {
        Clusters data = Clusters.of(10, 100, 50, 3, 5);
        TsneResult result;
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            result = Tsne.builder().optIterations(400).optEarlyExaggerationIterations(150).build()
                    .embed(manager, data.points);
            double accuracy = leaveOneOutAccuracy(manager, result.embedding(), data.labels, 10);
            assertTrue(accuracy >= 0.99, "10-NN accuracy in the map " + accuracy);
        }
        assertEquals(90, result.neighbors());
        assertEquals(200, result.learningRate());
        List<TsneResult.Checkpoint> checkpoints = result.checkpoints();
        assertEquals(8, checkpoints.size());
        assertTrue(result.klDivergence() < checkpoints.get(2).klDivergence(),
                "KL falls after early exaggeration: " + checkpoints);
        assertEquals(checkpoints.get(7).klDivergence(), result.klDivergence(), 0.05);
    }

    /** The same seed gives the same bits, with one thread or several, and another seed another start. */
    @Test
    void isDeterministicForASeedWhateverTheThreads() {
        Clusters data = Clusters.of(3, 100, 10, 3, 9);
        Neighbors neighbors = AffinitiesTest.BruteForce.of(data.points, 30);
        float[] one = embed(data, neighbors, 1, 7, Tsne.Initialization.RANDOM);
        assertArrayEquals(one, embed(data, neighbors, 1, 7, Tsne.Initialization.RANDOM));
        assertArrayEquals(one, embed(data, neighbors, 3, 7, Tsne.Initialization.RANDOM));
        float[] other = embed(data, neighbors, 1, 8, Tsne.Initialization.RANDOM);
        assertTrue(!java.util.Arrays.equals(one, other), "another seed, another embedding");
        float[] pca = embed(data, neighbors, 2, 7, Tsne.Initialization.PCA);
        assertArrayEquals(pca, embed(data, neighbors, 1, 123, Tsne.Initialization.PCA),
                "the PCA start does not depend on the seed");
    }

    @Test
    void refusesBadInputWithOneLine() {
        Clusters small = Clusters.of(2, 25, 4, 3, 1);
        AtelierException tooFew = assertThrows(AtelierException.class, () -> Tsne.builder().build()
                .embed(small.points, AffinitiesTest.BruteForce.of(small.points, 10)));
        assertEquals("t-SNE with perplexity 30.0 needs at least 91 points (3 × perplexity neighbours each), got 50;"
                + " lower the perplexity to at most 16.3 or embed more points", tooFew.getMessage());
        AtelierException nan = assertThrows(AtelierException.class,
                () -> new Points(new float[] {1, 2, Float.NaN, 4}, 2, 2));
        assertTrue(nan.getMessage().startsWith("point 1 has the non-finite value NaN in dimension 0"), nan.getMessage());
        assertThrows(AtelierException.class, () -> Tsne.builder().optPerplexity(0.5));
        assertThrows(AtelierException.class, () -> Tsne.builder().optIterations(100).build());
    }

    private static float[] embed(Clusters data, Neighbors neighbors, int threads, long seed,
            Tsne.Initialization initialization) {
        return Tsne.builder().optPerplexity(10).optIterations(120).optEarlyExaggerationIterations(50)
                .optThreads(threads).optSeed(seed).optInitialization(initialization).build()
                .embed(data.points, neighbors).embedding().values();
    }

    private static double leaveOneOutAccuracy(NDManager manager, Points map, int[] labels, int k) {
        Neighbors neighbors = NearestNeighbors.searchSelf(manager, map, k, 2);
        int correct = 0;
        for (int i = 0; i < map.count(); i++) {
            int[] votes = new int[10];
            for (int r = 0; r < k; r++) {
                votes[labels[neighbors.index(i, r)]]++;
            }
            int best = 0;
            for (int c = 1; c < votes.length; c++) {
                best = votes[c] > votes[best] ? c : best;
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return (double) correct / map.count();
    }
}

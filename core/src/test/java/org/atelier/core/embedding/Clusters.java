package org.atelier.core.embedding;

import java.util.Random;

/** Seeded Gaussian clusters for the embedding tests: well-separated centres, unit-variance points. */
final class Clusters {

    final Points points;
    final int[] labels;

    private Clusters(Points points, int[] labels) {
        this.points = points;
        this.labels = labels;
    }

    /**
     * {@code clusters × perCluster} points in {@code dimensions}, the centres N(0, spread²) per
     * coordinate, each point its centre plus N(0, 1) noise, listed cluster after cluster.
     */
    static Clusters of(int clusters, int perCluster, int dimensions, double spread, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[clusters][dimensions];
        for (double[] centre : centres) {
            for (int j = 0; j < dimensions; j++) {
                centre[j] = random.nextGaussian() * spread;
            }
        }
        int n = clusters * perCluster;
        float[] values = new float[n * dimensions];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / perCluster;
            for (int j = 0; j < dimensions; j++) {
                values[i * dimensions + j] = (float) (centres[labels[i]][j] + random.nextGaussian());
            }
        }
        return new Clusters(new Points(values, n, dimensions), labels);
    }

    /**
     * Points in ten round Gaussian blobs (standard deviation 1/20 of the side, at least 0.5) whose
     * centres are uniform in a square of the given side: what a t-SNE map looks like.
     */
    static double[] blobs(int n, double side, long seed) {
        Random random = new Random(seed);
        double[] centres = square(10, side * 0.8, seed + 1);
        double std = Math.max(0.5, side / 20);
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            int blob = i % 10;
            y[2 * i] = centres[2 * blob] + random.nextGaussian() * std;
            y[2 * i + 1] = centres[2 * blob + 1] + random.nextGaussian() * std;
        }
        return y;
    }

    /** Uniform random points in a square of the given side, centred at 0: a stand-in for an embedding. */
    static double[] square(int n, double side, long seed) {
        Random random = new Random(seed);
        double[] y = new double[2 * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = (random.nextDouble() - 0.5) * side;
        }
        return y;
    }
}

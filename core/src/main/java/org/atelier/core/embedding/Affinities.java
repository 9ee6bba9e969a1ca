package org.atelier.core.embedding;

import java.util.Arrays;

/**
 * t-SNE's input similarities on the k-nearest-neighbour graph, as a symmetric sparse matrix in
 * compressed rows: for each point a Gaussian over its neighbours' squared distances whose
 * bandwidth gives the wanted perplexity (found by bisection), then {@code p_ij = (p_j|i + p_i|j) / 2N},
 * so that all entries sum to 1.
 */
final class Affinities {

    /** Bisection steps at most; the entropy is matched to {@value #TOLERANCE} long before. */
    private static final int MAX_STEPS = 200;
    private static final double TOLERANCE = 1e-5;

    /** Points per parallel chunk of the bisection. */
    private static final int CHUNK = 256;

    final int n;
    /** Row {@code i}'s entries are {@code [rowStart[i], rowStart[i + 1])}. */
    final int[] rowStart;
    final int[] columns;
    final double[] values;

    private Affinities(int n, int[] rowStart, int[] columns, double[] values) {
        this.n = n;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * The joint probabilities of points whose neighbours are given.
     *
     * @param neighbors each point's nearest other points
     * @param perplexity the effective number of neighbours, less than {@code k}
     * @param parallel the threads
     * @return the symmetric matrix
     */
    static Affinities of(Neighbors neighbors, double perplexity, Parallel parallel) {
        double[] conditional = conditional(neighbors, perplexity, parallel);
        return symmetrize(neighbors, conditional);
    }

    /** {@code p_j|i} for every neighbour j of every point i, rows summing to 1. */
    static double[] conditional(Neighbors neighbors, double perplexity, Parallel parallel) {
        int k = neighbors.k();
        double[] p = new double[neighbors.indices().length];
        double target = Math.log(perplexity);
        parallel.forEach(neighbors.queries(), CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                gaussianRow(neighbors.squaredDistances(), i * k, k, target, p);
            }
        });
        return p;
    }

    /**
     * Writes into {@code p[offset … offset + k)} the Gaussian over one row's squared distances
     * whose entropy (natural log) is {@code target}. Distances are taken relative to the nearest,
     * which leaves the normalized row unchanged and keeps the exponentials from underflowing.
     */
    private static void gaussianRow(double[] squared, int offset, int k, double target, double[] p) {
        double nearest = squared[offset];
        double beta = 1;
        double low = 0;
        double high = Double.POSITIVE_INFINITY;
        for (int step = 0; step < MAX_STEPS; step++) {
            double sum = 0;
            double weighted = 0;
            for (int r = 0; r < k; r++) {
                double d = squared[offset + r] - nearest;
                double w = Math.exp(-beta * d);
                p[offset + r] = w;
                sum += w;
                weighted += d * w;
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            double excess = entropy - target;
            if (Math.abs(excess) < TOLERANCE) {
                break;
            }
            if (excess > 0) { // too flat: narrow the Gaussian
                low = beta;
                beta = Double.isInfinite(high) ? beta * 2 : (beta + high) / 2;
            } else {
                high = beta;
                beta = (beta + low) / 2;
            }
        }
        double sum = 0;
        for (int r = 0; r < k; r++) {
            sum += p[offset + r];
        }
        for (int r = 0; r < k; r++) {
            p[offset + r] /= sum;
        }
    }

    /** {@code (P + Pᵀ) / 2N} in compressed rows, columns ascending, one entry per pair. */
    static Affinities symmetrize(Neighbors neighbors, double[] conditional) {
        int n = neighbors.queries();
        int k = neighbors.k();
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            count[i] += k;
            for (int r = 0; r < k; r++) {
                count[neighbors.index(i, r)]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int[] fill = start.clone();
        int[] cols = new int[start[n]];
        double[] vals = new double[start[n]];
        double scale = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = neighbors.index(i, r);
                double v = conditional[i * k + r] * scale;
                cols[fill[i]] = j;
                vals[fill[i]++] = v;
                cols[fill[j]] = i;
                vals[fill[j]++] = v;
            }
        }
        return merge(n, start, cols, vals);
    }

    /** Sorts each row by column and adds up repeated columns, into new arrays. */
    private static Affinities merge(int n, int[] start, int[] cols, double[] vals) {
        int[] rowStart = new int[n + 1];
        int[] mergedCols = new int[cols.length];
        double[] mergedVals = new double[vals.length];
        int out = 0;
        long[] keys = new long[0];
        for (int i = 0; i < n; i++) {
            int length = start[i + 1] - start[i];
            if (keys.length < length) {
                keys = new long[length];
            }
            for (int e = 0; e < length; e++) { // column in the high half, position in the low half
                keys[e] = ((long) cols[start[i] + e] << 32) | e;
            }
            Arrays.sort(keys, 0, length);
            rowStart[i] = out;
            for (int e = 0; e < length; e++) {
                int col = (int) (keys[e] >>> 32);
                double v = vals[start[i] + (int) keys[e]];
                if (out > rowStart[i] && mergedCols[out - 1] == col) {
                    mergedVals[out - 1] += v;
                } else {
                    mergedCols[out] = col;
                    mergedVals[out] = v;
                    out++;
                }
            }
        }
        rowStart[n] = out;
        return new Affinities(n, rowStart, Arrays.copyOf(mergedCols, out), Arrays.copyOf(mergedVals, out));
    }
}

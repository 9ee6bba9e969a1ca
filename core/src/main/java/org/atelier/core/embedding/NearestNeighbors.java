package org.atelier.core.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.atelier.core.AtelierException;

/**
 * Exact k-nearest-neighbour search in Euclidean distance. The engine scores blocks of queries
 * against all references with one matrix product each ({@code |r|² − 2 q·r}, float32, on the
 * engine's device, the norms folded into the product as one more column); the host reads the
 * scores in place and keeps the best few more than {@code k} candidates of each query
 * and ranks them by their exact squared distances, computed in double precision from the
 * coordinates, so rounding in the product cannot reorder close neighbours and the distances
 * have no cancellation error. The data are centred first, which keeps the products' rounding small.
 *
 * <p>Ties are broken by the smaller reference index, so the result depends only on the points.
 */
public final class NearestNeighbors {

    /** Candidates kept per query beyond {@code k}, re-ranked exactly. */
    private static final int MARGIN = 8;

    /** Scores per block transferred to the host at once: 16 M floats, 64 MB. */
    private static final long BLOCK_VALUES = 1L << 24;

    /** Queries per parallel chunk of candidate selection. */
    private static final int CHUNK = 16;

    private NearestNeighbors() {}

    /**
     * The {@code k} nearest references of each query.
     *
     * @param manager the manager whose engine and device compute the products (arrays are freed before returning)
     * @param references the points searched
     * @param queries the points whose neighbours are wanted, as many dimensions as the references
     * @param k neighbours per query, at most the number of references
     * @param threads host threads that select and rank the candidates
     * @return the neighbours of each query, nearest first
     */
    public static Neighbors search(NDManager manager, Points references, Points queries, int k, int threads) {
        try (Parallel parallel = new Parallel(threads)) {
            return search(manager, references, queries, k, false, parallel);
        }
    }

    /**
     * The {@code k} nearest other points of each point (a point is never its own neighbour; a
     * duplicate of it is).
     *
     * @param manager the manager whose engine and device compute the products
     * @param points the points
     * @param k neighbours per point, less than the number of points
     * @param threads host threads that select and rank the candidates
     * @return the neighbours of each point, nearest first
     */
    public static Neighbors searchSelf(NDManager manager, Points points, int k, int threads) {
        try (Parallel parallel = new Parallel(threads)) {
            return search(manager, points, points, k, true, parallel);
        }
    }

    static Neighbors search(NDManager manager, Points references, Points queries, int k, boolean self,
            Parallel parallel) {
        int d = references.dimensions();
        if (queries.dimensions() != d) {
            throw new AtelierException("queries have " + queries.dimensions() + " dimensions but the references "
                    + d + "; search points of the same kind");
        }
        int available = references.count() - (self ? 1 : 0);
        if (k < 1 || k > available) {
            throw new AtelierException("cannot find " + k + " nearest neighbours among " + available
                    + (self ? " other" : "") + " points; use 1 ≤ k ≤ " + available);
        }
        int candidates = Math.min(k + MARGIN + (self ? 1 : 0), references.count());
        int nr = references.count();
        int nq = queries.count();
        double[] mean = mean(references);
        int[] indices = new int[nq * k];
        double[] distances = new double[nq * k];
        int block = (int) Math.max(1, Math.min(nq, BLOCK_VALUES / nr));
        try (NDManager scope = manager.newSubManager()) {
            float[] centred = centre(references.values(), d, mean);
            NDArray transposed = scope.create(withNorms(centred, d), new Shape(nr, d + 1)).transpose();
            float[] centredQueries = self ? centred : centre(queries.values(), d, mean);
            for (int from = 0; from < nq; from += block) {
                int rows = Math.min(block, nq - from);
                try (NDManager blockScope = scope.newSubManager()) {
                    NDArray q = blockScope.create(scaledWithOne(centredQueries, d, from, rows), new Shape(rows, d + 1));
                    FloatBuffer scores = q.matMul(transposed).toByteBuffer().asFloatBuffer();
                    int first = from;
                    parallel.forEach(rows, CHUNK, (r0, r1) -> {
                        Candidates best = new Candidates(candidates);
                        for (int r = r0; r < r1; r++) {
                            int query = first + r;
                            best.select(scores, r * nr, nr);
                            best.rankExactly(references, queries, query, self ? query : -1, k, indices, distances);
                        }
                    });
                }
            }
        }
        return new Neighbors(k, indices, distances);
    }

    private static double[] mean(Points points) {
        int d = points.dimensions();
        double[] mean = new double[d];
        float[] v = points.values();
        for (int i = 0; i < v.length; i++) {
            mean[i % d] += v[i];
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= points.count();
        }
        return mean;
    }

    private static float[] centre(float[] values, int d, double[] mean) {
        float[] centred = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            centred[i] = (float) (values[i] - mean[i % d]);
        }
        return centred;
    }

    /** Each reference row followed by its squared norm: {@code (r, |r|²)}. */
    private static float[] withNorms(float[] centred, int d) {
        int n = centred.length / d;
        float[] rows = new float[n * (d + 1)];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                float x = centred[i * d + j];
                rows[i * (d + 1) + j] = x;
                sum += (double) x * x;
            }
            rows[i * (d + 1) + d] = (float) sum;
        }
        return rows;
    }

    /** Query rows {@code [from, from + count)} as {@code (−2q, 1)}, so that one product gives {@code |r|² − 2 q·r}. */
    private static float[] scaledWithOne(float[] centred, int d, int from, int count) {
        float[] rows = new float[count * (d + 1)];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < d; j++) {
                rows[i * (d + 1) + j] = -2 * centred[(from + i) * d + j];
            }
            rows[i * (d + 1) + d] = 1;
        }
        return rows;
    }

    /**
     * The best candidates of one query: a bounded max-heap on (score, index), then an exact
     * re-ranking. One instance per chunk, reused for its queries.
     */
    private static final class Candidates {
        private final int capacity;
        private final float[] score;
        private final int[] index;
        private final double[] exact;
        private int size;

        Candidates(int capacity) {
            this.capacity = capacity;
            this.score = new float[capacity];
            this.index = new int[capacity];
            this.exact = new double[capacity];
        }

        /**
         * Keeps the {@code capacity} smallest scores of one row. References arrive in ascending
         * index order, so a score equal to the worst kept one loses: ties go to the smaller index.
         */
        void select(FloatBuffer scores, int offset, int n) {
            size = 0;
            for (int j = 0; j < n; j++) {
                float s = scores.get(offset + j);
                if (size < capacity) {
                    push(s, j);
                } else if (s < score[0]) {
                    replaceTop(s, j);
                }
            }
        }

        /** Recomputes the kept candidates' distances exactly and writes the {@code k} nearest, skipping {@code skip}. */
        void rankExactly(Points references, Points queries, int query, int skip, int k, int[] indices,
                double[] distances) {
            int d = references.dimensions();
            float[] r = references.values();
            float[] q = queries.values();
            int kept = 0;
            for (int c = 0; c < size; c++) {
                if (index[c] == skip) {
                    continue;
                }
                double sum = 0;
                int a = query * d;
                int b = index[c] * d;
                for (int j = 0; j < d; j++) {
                    double diff = (double) q[a + j] - r[b + j];
                    sum += diff * diff;
                }
                index[kept] = index[c];
                exact[kept] = sum;
                kept++;
            }
            sortByDistance(kept);
            System.arraycopy(index, 0, indices, query * k, k);
            System.arraycopy(exact, 0, distances, query * k, k);
        }

        /** Insertion sort on (distance, index): a few dozen entries. */
        private void sortByDistance(int n) {
            for (int i = 1; i < n; i++) {
                double dist = exact[i];
                int idx = index[i];
                int j = i - 1;
                while (j >= 0 && (exact[j] > dist || (exact[j] == dist && index[j] > idx))) {
                    exact[j + 1] = exact[j];
                    index[j + 1] = index[j];
                    j--;
                }
                exact[j + 1] = dist;
                index[j + 1] = idx;
            }
        }

        private void push(float s, int j) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!worse(s, j, score[parent], index[parent])) {
                    break;
                }
                score[i] = score[parent];
                index[i] = index[parent];
                i = parent;
            }
            score[i] = s;
            index[i] = j;
        }

        private void replaceTop(float s, int j) {
            int i = 0;
            while (true) {
                int left = 2 * i + 1;
                if (left >= size) {
                    break;
                }
                int child = left + 1 < size && worse(score[left + 1], index[left + 1], score[left], index[left])
                        ? left + 1 : left;
                if (!worse(score[child], index[child], s, j)) {
                    break;
                }
                score[i] = score[child];
                index[i] = index[child];
                i = child;
            }
            score[i] = s;
            index[i] = j;
        }

        /** Whether (s1, j1) ranks after (s2, j2): a larger score, or an equal score and a larger index. */
        private static boolean worse(float s1, int j1, float s2, int j2) {
            return s1 > s2 || (s1 == s2 && j1 > j2);
        }
    }
}

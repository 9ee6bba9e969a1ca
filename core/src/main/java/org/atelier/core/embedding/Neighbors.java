package org.atelier.core.embedding;

/**
 * The {@code k} nearest reference points of each query point, nearest first, with their squared
 * Euclidean distances computed exactly (in double precision from the coordinates).
 *
 * <p>The arrays are owned by this record; do not change them.
 *
 * @param k neighbours per query
 * @param indices {@code queries × k} reference indices, row-major
 * @param squaredDistances {@code queries × k} squared distances, ascending within each row
 */
public record Neighbors(int k, int[] indices, double[] squaredDistances) {

    /** Checks that both arrays hold whole rows of {@code k}. */
    public Neighbors {
        if (k < 1 || indices.length != squaredDistances.length || indices.length % k != 0) {
            throw new IllegalArgumentException("neighbours need k ≥ 1 and two arrays of whole rows of k, got k = " + k
                    + ", " + indices.length + " indices and " + squaredDistances.length + " distances");
        }
    }

    /** The number of query points. */
    public int queries() {
        return indices.length / k;
    }

    /** The index of query {@code i}'s {@code r}-th nearest reference (r = 0 is the nearest). */
    public int index(int i, int r) {
        return indices[i * k + r];
    }

    /** The squared distance from query {@code i} to its {@code r}-th nearest reference. */
    public double squaredDistance(int i, int r) {
        return squaredDistances[i * k + r];
    }
}

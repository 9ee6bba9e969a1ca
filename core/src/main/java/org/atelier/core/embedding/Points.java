package org.atelier.core.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.atelier.core.AtelierException;

/**
 * A set of points as one row-major host array: {@code count} rows of {@code dimensions} values,
 * e.g. 60 000 feature vectors of 50 values or their 2-D embedding.
 *
 * <p>The array is shared, not copied; do not change it while it is in use. As with every record
 * holding an array, {@code equals} compares it by identity.
 *
 * @param values the coordinates, point after point
 * @param count the number of points, at least 1
 * @param dimensions the values per point, at least 1
 */
public record Points(float[] values, int count, int dimensions) {

    /** Checks the shape and that every value is finite. */
    public Points {
        if (count < 1 || dimensions < 1 || (long) count * dimensions != values.length) {
            throw new AtelierException("points need count × dimensions = values (count, dimensions ≥ 1), got "
                    + count + " × " + dimensions + " for " + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new AtelierException("point " + i / dimensions + " has the non-finite value " + values[i]
                        + " in dimension " + i % dimensions + "; remove or repair such points first");
            }
        }
    }

    /**
     * The rows of a 2-D array {@code (N, D)}, copied to the host as float32.
     *
     * @param array the points, one per row
     * @return the points
     */
    public static Points of(NDArray array) {
        if (array.getShape().dimension() != 2) {
            throw new AtelierException("points must be a 2-D array (N, D), got shape " + array.getShape());
        }
        float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
        return new Points(values, Math.toIntExact(array.getShape().get(0)), Math.toIntExact(array.getShape().get(1)));
    }

    /** Coordinate {@code d} of point {@code i}. */
    public float get(int i, int d) {
        return values[i * dimensions + d];
    }

    /**
     * The points at the given indices, in that order.
     *
     * @param indices row indices
     * @return a new set of points
     */
    public Points subset(int[] indices) {
        float[] rows = new float[indices.length * dimensions];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(values, indices[r] * dimensions, rows, r * dimensions, dimensions);
        }
        return new Points(rows, indices.length, dimensions);
    }
}

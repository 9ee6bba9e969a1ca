package org.atelier.core.embedding;

import java.util.Random;

/**
 * The projection of points onto their first two principal components, t-SNE's default start
 * (Kobak and Linderman 2021: it keeps more of the global structure than a random start). The
 * components come from subspace iteration on the covariance matrix; each is signed so that its
 * largest entry is positive. The iteration starts from a fixed pseudo-random pair, so the result
 * depends on the points only.
 */
final class PrincipalComponents {

    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-12;

    private PrincipalComponents() {}

    /**
     * The first two principal-component scores of each point, scaled so that the first has the
     * given standard deviation.
     *
     * @param points the points
     * @param std the standard deviation of the first coordinate
     * @return {@code (pc₁, pc₂)} per point
     */
    static double[] project(Points points, double std) {
        int d = points.dimensions();
        int n = points.count();
        float[] x = points.values();
        double[] mean = new double[d];
        for (int i = 0; i < x.length; i++) {
            mean[i % d] += x[i];
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] components = topTwo(covariance(x, n, d, mean), new Random(0));
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (x[i * d + j] - mean[j]) * components[c][j];
                }
                y[2 * i + c] = s;
            }
        }
        double sd = firstStd(y, n);
        double scale = sd > 0 ? std / sd : 0;
        for (int i = 0; i < y.length; i++) {
            y[i] *= scale;
        }
        return y;
    }

    private static double[][] covariance(float[] x, int n, int d, double[] mean) {
        double[][] cov = new double[d][d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[i * d + j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                double[] ca = cov[a];
                for (int b = a; b < d; b++) {
                    ca[b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        return cov;
    }

    /** Subspace iteration for the two leading eigenvectors, then Rayleigh–Ritz in their span. */
    private static double[][] topTwo(double[][] cov, Random random) {
        int d = cov.length;
        double[][] v = new double[Math.min(2, d)][d];
        for (double[] vector : v) {
            for (int j = 0; j < d; j++) {
                vector[j] = random.nextGaussian();
            }
        }
        orthonormalize(v);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] next = new double[v.length][];
            for (int c = 0; c < v.length; c++) {
                next[c] = multiply(cov, v[c]);
            }
            orthonormalize(next);
            double change = 0;
            for (int c = 0; c < v.length; c++) {
                change = Math.max(change, 1 - Math.abs(dot(next[c], v[c])));
            }
            v = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        double[][] ordered = ritz(cov, v);
        double[][] result = new double[2][d];
        for (int c = 0; c < ordered.length; c++) {
            result[c] = signed(ordered[c]);
        }
        return result; // a 1-D input leaves the second component zero
    }

    /** The eigenvectors of the covariance restricted to span(v), largest eigenvalue first. */
    private static double[][] ritz(double[][] cov, double[][] v) {
        if (v.length == 1) {
            return v;
        }
        double[] a0 = multiply(cov, v[0]);
        double[] a1 = multiply(cov, v[1]);
        double h00 = dot(v[0], a0);
        double h01 = dot(v[0], a1);
        double h11 = dot(v[1], a1);
        double angle = 0.5 * Math.atan2(2 * h01, h00 - h11); // rotation diagonalizing the 2×2 matrix
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[] first = new double[v[0].length];
        double[] second = new double[v[0].length];
        for (int j = 0; j < first.length; j++) {
            first[j] = c * v[0][j] + s * v[1][j];
            second[j] = -s * v[0][j] + c * v[1][j];
        }
        return dot(first, multiply(cov, first)) >= dot(second, multiply(cov, second))
                ? new double[][] {first, second} : new double[][] {second, first};
    }

    private static double[] signed(double[] vector) {
        int largest = 0;
        for (int j = 1; j < vector.length; j++) {
            if (Math.abs(vector[j]) > Math.abs(vector[largest])) {
                largest = j;
            }
        }
        double sign = vector[largest] < 0 ? -1 : 1;
        double[] out = vector.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] *= sign;
        }
        return out;
    }

    private static void orthonormalize(double[][] vectors) {
        for (int c = 0; c < vectors.length; c++) {
            for (int p = 0; p < c; p++) {
                double projection = dot(vectors[c], vectors[p]);
                for (int j = 0; j < vectors[c].length; j++) {
                    vectors[c][j] -= projection * vectors[p][j];
                }
            }
            double norm = Math.sqrt(dot(vectors[c], vectors[c]));
            for (int j = 0; j < vectors[c].length; j++) {
                vectors[c][j] = norm > 0 ? vectors[c][j] / norm : 0;
            }
        }
    }

    private static double[] multiply(double[][] matrix, double[] vector) {
        double[] out = new double[matrix.length];
        for (int a = 0; a < matrix.length; a++) {
            out[a] = dot(matrix[a], vector);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static double firstStd(double[] y, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[2 * i];
        }
        mean /= n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double dev = y[2 * i] - mean;
            sum += dev * dev;
        }
        return Math.sqrt(sum / n);
    }
}

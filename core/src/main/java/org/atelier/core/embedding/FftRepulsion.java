package org.atelier.core.embedding;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * The repulsive half of the t-SNE gradient in 2-D by FFT-accelerated interpolation (Linderman et
 * al. 2019, FIt-SNE): the embedding's bounding square is cut into boxes with {@value #NODES} × {@value
 * #NODES} equispaced interpolation nodes each; every point spreads four charges (1, y₁, y₂, |y|²)
 * onto the nodes of its box with Lagrange weights; the potentials of the squared Cauchy kernel
 * {@code 1 / (1 + d²)²} between all nodes are one circular convolution, computed with FFTs on a
 * zero-padded grid; each point interpolates its potentials back from its box's nodes. From the
 * four potentials follow, for every point, {@code Σ_j K_ij² (y_i − y_j)} and the normalization
 * {@code Z = Σ_{i≠j} K_ij} with {@code K_ij = 1 / (1 + |y_i − y_j|²)}. Cost per call: O(N) for the
 * points plus a few FFTs of the grid, whose size grows with the embedding's extent, not with N.
 *
 * <p>The two pairs of charges travel as the real and imaginary parts of two complex grids: the
 * kernel is real, so its convolution keeps them apart. Spreading runs on one thread; interpolation
 * in fixed chunks, so the result does not depend on the number of threads.
 */
final class FftRepulsion {

    /** Interpolation nodes per box and axis (FIt-SNE's default). */
    static final int NODES = 3;

    /** Boxes per axis at least (FIt-SNE's default). */
    static final int MIN_BOXES = 50;

    /** Boxes per unit of length at least: the kernel changes on the scale of 1, so boxes stay narrower. */
    static final double BOXES_PER_UNIT = 1;

    /** Points per parallel chunk of the interpolation. */
    private static final int CHUNK = 2048;

    /** Equispaced node positions within a box, as fractions of its width. */
    private static final double[] NODE_POSITIONS = new double[NODES];
    /** Denominators of the Lagrange basis polynomials at those nodes. */
    private static final double[] DENOMINATORS = new double[NODES];

    static {
        for (int a = 0; a < NODES; a++) {
            NODE_POSITIONS[a] = (a + 0.5) / NODES;
        }
        for (int a = 0; a < NODES; a++) {
            double product = 1;
            for (int b = 0; b < NODES; b++) {
                if (b != a) {
                    product *= NODE_POSITIONS[a] - NODE_POSITIONS[b];
                }
            }
            DENOMINATORS[a] = product;
        }
    }

    private final Parallel parallel;
    private int size;
    private DoubleFFT_2D fft;
    private double[] kernel;
    private double[] ones;
    private double[] squares;
    private int[] box;
    private double[] weights;

    FftRepulsion(Parallel parallel) {
        this.parallel = parallel;
    }

    /** The grid of the last call: boxes per axis, for diagnostics and tests. */
    int gridSize() {
        return size;
    }

    /**
     * Computes {@code Σ_j K_ij² (y_i − y_j)} for every point into {@code forces} and returns
     * {@code Z = Σ_{i≠j} K_ij}.
     *
     * @param y the embedding, {@code (y₁, y₂)} per point
     * @param n the number of points
     * @param forces receives two values per point
     * @return Z
     */
    double compute(double[] y, int n, double[] forces) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 2 * n; i++) {
            low = Math.min(low, y[i]);
            high = Math.max(high, y[i]);
        }
        double span = Math.max(high - low, 1e-9);
        int boxes = Math.max(MIN_BOXES, (int) Math.ceil(span * BOXES_PER_UNIT));
        double boxWidth = span / boxes;
        int nodes = NODES * boxes;
        prepare(fftSize(2 * nodes), n);
        locate(y, n, low, boxWidth, boxes);
        spread(y, n);
        convolve(nodes, boxWidth / NODES);
        return interpolate(y, n, forces);
    }

    /** The smallest size ≥ {@code minimum} of the form 2^a, 3·2^a or 5·2^a, which JTransforms handles fast. */
    static int fftSize(int minimum) {
        int best = Integer.MAX_VALUE;
        for (int factor : new int[] {1, 3, 5}) {
            long candidate = factor;
            while (candidate < minimum) {
                candidate *= 2;
            }
            best = (int) Math.min(best, candidate);
        }
        return best;
    }

    private void prepare(int fftSize, int n) {
        if (fftSize != size) {
            size = fftSize;
            fft = new DoubleFFT_2D(size, size);
            kernel = new double[2 * size * size];
            ones = new double[2 * size * size];
            squares = new double[2 * size * size];
        }
        if (box == null || box.length != 2 * n) {
            box = new int[2 * n];
            weights = new double[2 * NODES * n];
        }
    }

    /** Each point's box per axis and its Lagrange weights for the box's nodes. */
    private void locate(double[] y, int n, double low, double boxWidth, int boxes) {
        parallel.forEach(2 * n, CHUNK, (from, to) -> {
            for (int c = from; c < to; c++) {
                double position = (y[c] - low) / boxWidth;
                int b = Math.min((int) position, boxes - 1);
                box[c] = b;
                double t = position - b;
                for (int a = 0; a < NODES; a++) {
                    double product = 1;
                    for (int o = 0; o < NODES; o++) {
                        if (o != a) {
                            product *= t - NODE_POSITIONS[o];
                        }
                    }
                    weights[c * NODES + a] = product / DENOMINATORS[a];
                }
            }
        });
    }

    /** Charges onto the nodes: grid "ones" holds (1, y₁), grid "squares" holds (y₂, |y|²). */
    private void spread(double[] y, int n) {
        Arrays.fill(ones, 0);
        Arrays.fill(squares, 0);
        for (int i = 0; i < n; i++) {
            double y1 = y[2 * i];
            double y2 = y[2 * i + 1];
            double square = y1 * y1 + y2 * y2;
            int row0 = box[2 * i] * NODES;
            int col0 = box[2 * i + 1] * NODES;
            for (int a = 0; a < NODES; a++) {
                double wa = weights[2 * i * NODES + a];
                int rowBase = (row0 + a) * size;
                for (int b = 0; b < NODES; b++) {
                    double w = wa * weights[(2 * i + 1) * NODES + b];
                    int cell = 2 * (rowBase + col0 + b);
                    ones[cell] += w;
                    ones[cell + 1] += w * y1;
                    squares[cell] += w * y2;
                    squares[cell + 1] += w * square;
                }
            }
        }
    }

    /** Circular convolution of both grids with the kernel sampled at node offsets (zero beyond the grid). */
    private void convolve(int nodes, double spacing) {
        for (int r = 0; r < size; r++) {
            int dr = offset(r, nodes);
            for (int c = 0; c < size; c++) {
                int dc = offset(c, nodes);
                int cell = 2 * (r * size + c);
                if (dr < 0 || dc < 0) {
                    kernel[cell] = 0;
                } else {
                    double q = 1 / (1 + spacing * spacing * ((double) dr * dr + (double) dc * dc));
                    kernel[cell] = q * q;
                }
                kernel[cell + 1] = 0;
            }
        }
        fft.complexForward(kernel);
        fft.complexForward(ones);
        fft.complexForward(squares);
        multiply(ones);
        multiply(squares);
        fft.complexInverse(ones, true);
        fft.complexInverse(squares, true);
    }

    /** The node distance that grid index {@code i} stands for in the circular embedding, or −1 for padding. */
    private int offset(int i, int nodes) {
        if (i < nodes) {
            return i;
        }
        return i > size - nodes ? size - i : -1;
    }

    private void multiply(double[] grid) {
        for (int cell = 0; cell < grid.length; cell += 2) {
            double re = grid[cell];
            double im = grid[cell + 1];
            double kr = kernel[cell];
            double ki = kernel[cell + 1];
            grid[cell] = re * kr - im * ki;
            grid[cell + 1] = re * ki + im * kr;
        }
    }

    /** Potentials back at the points, then forces and Z. */
    private double interpolate(double[] y, int n, double[] forces) {
        double sum = parallel.sum(n, CHUNK, (from, to) -> {
            double partial = 0;
            for (int i = from; i < to; i++) {
                double phi1 = 0;
                double phi2 = 0;
                double phi3 = 0;
                double phi4 = 0;
                int row0 = box[2 * i] * NODES;
                int col0 = box[2 * i + 1] * NODES;
                for (int a = 0; a < NODES; a++) {
                    double wa = weights[2 * i * NODES + a];
                    int rowBase = (row0 + a) * size;
                    for (int b = 0; b < NODES; b++) {
                        double w = wa * weights[(2 * i + 1) * NODES + b];
                        int cell = 2 * (rowBase + col0 + b);
                        phi1 += w * ones[cell];
                        phi2 += w * ones[cell + 1];
                        phi3 += w * squares[cell];
                        phi4 += w * squares[cell + 1];
                    }
                }
                double y1 = y[2 * i];
                double y2 = y[2 * i + 1];
                partial += (1 + y1 * y1 + y2 * y2) * phi1 - 2 * (y1 * phi2 + y2 * phi3) + phi4;
                forces[2 * i] = y1 * phi1 - phi2;
                forces[2 * i + 1] = y2 * phi1 - phi3;
            }
            return partial;
        });
        return sum - n;
    }
}

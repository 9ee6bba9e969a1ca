package org.atelier.core.embedding;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;
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
 * kernel is real, so its convolution keeps them apart. The FFTs are pruned to what the
 * zero-padded grid needs: rows are transformed only where the charges are, each column is
 * transformed, multiplied by the kernel's spectrum and transformed back in one pass, and only the
 * rows with nodes are transformed back; six 1-D passes over the grid instead of ten for two full
 * 2-D convolutions and the kernel's transform. Boxes are at most FIt-SNE's width ({@code extent /
 * 50}, at most 1), taken from a ladder of widths ({@link #onLadder}) and exactly 1 once the
 * embedding is wider than {@value #MIN_BOXES}, so that the kernel's spectrum, which depends only
 * on the grid size and the node spacing, is reused from iteration to iteration.
 * Spreading runs on one thread; the rest in fixed chunks of rows, columns or points, so the
 * result does not depend on the number of threads.
 */
final class FftRepulsion {

    /** Interpolation nodes per box and axis (FIt-SNE's default). */
    static final int NODES = 3;

    /** Boxes per axis at least (FIt-SNE's default). */
    static final int MIN_BOXES = 50;

    /** Boxes per unit of length at least: the kernel changes on the scale of 1, so boxes stay narrower. */
    static final double BOXES_PER_UNIT = 1;

    /** Ratio between consecutive box widths below 1. */
    static final double WIDTH_STEP = 1.05;

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

    /** Columns per chunk of the column pass: neighbouring columns share cache lines. */
    private static final int COLUMNS = 8;
    /** Rows per chunk of the row passes. */
    private static final int ROWS = 16;

    private final Parallel parallel;
    /** The FFT length per axis of the zero-padded grid. */
    private int size;
    /** Nodes per axis of this call's grid, at most {@code size / 2}. */
    private int nodes;
    /** The node spacing the cached spectrum was computed for. */
    private double spectrumSpacing = Double.NaN;
    /** The kernel's spectrum, real because the kernel is even: {@code size × size}. */
    private double[] spectrum;
    /** (1, y₁) and (y₂, |y|²) as complex grids of {@code size / 2} rows of {@code size} values. */
    private double[] ones;
    private double[] squares;
    private int[] box;
    private double[] weights;

    FftRepulsion(Parallel parallel) {
        this.parallel = parallel;
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
        double boxWidth = Math.min(onLadder(span / MIN_BOXES), 1 / BOXES_PER_UNIT);
        int boxes = Math.max(MIN_BOXES, (int) Math.ceil(span / boxWidth));
        nodes = NODES * boxes;
        prepare(fftSize(2 * nodes), n);
        locate(y, n, low, boxWidth, boxes);
        spread(y, n);
        convolve(boxWidth / NODES);
        return interpolate(y, n, forces);
    }

    /**
     * The largest width ≤ {@code width} among the powers of {@value #WIDTH_STEP}: while the
     * embedding grows by less than that factor, the box width, and so the kernel's spectrum, stays
     * the same; boxes stay at most 5 % narrower than FIt-SNE's.
     */
    static double onLadder(double width) {
        return Math.pow(WIDTH_STEP, Math.floor(Math.log(width) / Math.log(WIDTH_STEP)));
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
            spectrumSpacing = Double.NaN;
            spectrum = new double[size * size];
            ones = new double[size * size]; // size / 2 rows of size complex values
            squares = new double[size * size];
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
        Arrays.fill(ones, 0, 2 * nodes * size, 0);
        Arrays.fill(squares, 0, 2 * nodes * size, 0);
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

    /**
     * Both grids convolved with the kernel: forward FFTs of the rows that hold nodes, then per
     * column forward FFT, product with the spectrum and inverse FFT (keeping the node rows), then
     * inverse FFTs of the node rows. Rows beyond the nodes are zero padding and stay implicit.
     */
    private void convolve(double spacing) {
        if (spacing != spectrumSpacing) {
            computeSpectrum(spacing);
        }
        parallel.forEach(nodes, ROWS, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(size);
            for (int r = from; r < to; r++) {
                fft.complexForward(ones, 2 * r * size);
                fft.complexForward(squares, 2 * r * size);
            }
        });
        parallel.forEach(size, COLUMNS, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(size);
            double[] column = new double[2 * size];
            for (int c = from; c < to; c++) {
                convolveColumn(ones, c, column, fft);
                convolveColumn(squares, c, column, fft);
            }
        });
        parallel.forEach(nodes, ROWS, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(size);
            for (int r = from; r < to; r++) {
                fft.complexInverse(ones, 2 * r * size, true);
                fft.complexInverse(squares, 2 * r * size, true);
            }
        });
    }

    /** One column of a grid: to frequencies along the column, times the spectrum, back, node rows kept. */
    private void convolveColumn(double[] grid, int c, double[] column, DoubleFFT_1D fft) {
        for (int r = 0; r < nodes; r++) {
            column[2 * r] = grid[2 * (r * size + c)];
            column[2 * r + 1] = grid[2 * (r * size + c) + 1];
        }
        Arrays.fill(column, 2 * nodes, 2 * size, 0);
        fft.complexForward(column);
        for (int r = 0; r < size; r++) {
            double k = spectrum[r * size + c];
            column[2 * r] *= k;
            column[2 * r + 1] *= k;
        }
        fft.complexInverse(column, true);
        for (int r = 0; r < nodes; r++) {
            grid[2 * (r * size + c)] = column[2 * r];
            grid[2 * (r * size + c) + 1] = column[2 * r + 1];
        }
    }

    /**
     * The spectrum of the squared Cauchy kernel sampled at node offsets on the whole circular
     * grid (offset {@code min(i, size − i)} per axis). Outputs at nodes only see offsets below
     * {@code nodes ≤ size / 2}, where the circular kernel is the true one, so the grid needs no
     * zeroed band and the spectrum depends on the size and the spacing alone.
     */
    private void computeSpectrum(double spacing) {
        double[] kernel = new double[2 * size * size];
        for (int r = 0; r < size; r++) {
            double dr = Math.min(r, size - r) * spacing;
            for (int c = 0; c < size; c++) {
                double dc = Math.min(c, size - c) * spacing;
                double q = 1 / (1 + dr * dr + dc * dc);
                kernel[2 * (r * size + c)] = q * q;
            }
        }
        new DoubleFFT_2D(size, size).complexForward(kernel);
        for (int cell = 0; cell < spectrum.length; cell++) {
            spectrum[cell] = kernel[2 * cell];
        }
        spectrumSpacing = spacing;
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

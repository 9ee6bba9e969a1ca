package org.atelier.core.embedding;

import ai.djl.ndarray.NDManager;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.atelier.core.AtelierException;

/**
 * t-SNE (van der Maaten and Hinton 2008) into two dimensions, fast enough for the 60 000
 * feature vectors of a dataset on a laptop, with the choices of FIt-SNE (Linderman et al. 2019)
 * and openTSNE (Poličar et al. 2024):
 *
 * <ul>
 *   <li>affinities on the exact {@code 3 × perplexity} nearest neighbours ({@link NearestNeighbors}),
 *       each point's Gaussian calibrated to the perplexity, symmetrized, summing to 1;
 *   <li>a start from the first two principal components scaled to standard deviation 10⁻⁴ (or a
 *       seeded Gaussian of that size);
 *   <li>gradient descent with momentum (0.5, then 0.8) and per-coordinate gains (+0.2 while the
 *       gradient keeps pointing against the last step, ×0.8 once it turns, at least 0.01), learning rate {@code max(200, N /
 *       exaggeration)}, each point's step at most 5 long, the embedding re-centred after each step;
 *   <li>early exaggeration of the attraction (12 for the first 250 iterations), then 500 more;
 *   <li>attraction summed over the sparse affinities, repulsion and its normalization by
 *       interpolation on a grid with FFT convolution ({@link FftRepulsion}), O(N) per iteration.
 * </ul>
 *
 * <p>The gradient is FIt-SNE's, without the factor 4 of the paper, which the learning rate absorbs.
 * The result depends only on the points, the parameters and the seed: every parallel loop runs
 * over fixed chunks and adds partial sums in a fixed order, so the number of threads does not
 * change a bit.
 *
 * <pre>{@code
 * TsneResult result = Tsne.builder().optSeed(42).build().embed(manager, Points.of(features));
 * }</pre>
 */
public final class Tsne {

    /** How the embedding starts. */
    public enum Initialization {
        /** The first two principal components, scaled (the default). */
        PCA,
        /** A seeded isotropic Gaussian. */
        RANDOM
    }

    /** Standard deviation of the first coordinate at the start. */
    private static final double INITIAL_STD = 1e-4;
    private static final double EARLY_MOMENTUM = 0.5;
    private static final double LATE_MOMENTUM = 0.8;
    private static final double GAIN_STEP = 0.2;
    private static final double GAIN_DECAY = 0.8;
    private static final double MIN_GAIN = 0.01;
    private static final double MAX_STEP = 5;
    private static final int CHUNK = 1024;

    private final double perplexity;
    private final double exaggeration;
    private final int exaggerationIterations;
    private final int iterations;
    private final double learningRate;
    private final Initialization initialization;
    private final long seed;
    private final int threads;
    private final int checkpointEvery;
    private final Consumer<String> progress;

    private Tsne(Builder b) {
        perplexity = b.perplexity;
        exaggeration = b.exaggeration;
        exaggerationIterations = b.exaggerationIterations;
        iterations = b.iterations;
        learningRate = b.learningRate;
        initialization = b.initialization;
        seed = b.seed;
        threads = b.threads;
        checkpointEvery = b.checkpointEvery;
        progress = b.progress;
    }

    /** A builder with the defaults of FIt-SNE and openTSNE. */
    public static Builder builder() {
        return new Builder();
    }

    /** The perplexity. */
    public double perplexity() {
        return perplexity;
    }

    /** The factor on the attraction during early exaggeration. */
    public double earlyExaggeration() {
        return exaggeration;
    }

    /** Iterations with early exaggeration. */
    public int earlyExaggerationIterations() {
        return exaggerationIterations;
    }

    /** Iterations in all. */
    public int iterations() {
        return iterations;
    }

    /** How the embedding starts. */
    public Initialization initialization() {
        return initialization;
    }

    /** Neighbours per point in the affinities: {@code floor(3 × perplexity)}. */
    public int neighbors() {
        return (int) Math.floor(3 * perplexity);
    }

    /**
     * Embeds points: their nearest neighbours on the manager's engine, then the optimization.
     *
     * @param manager computes the neighbour search's matrix products
     * @param points the points, e.g. 60 000 feature vectors
     * @return the embedding
     * @throws AtelierException if there are too few points for the perplexity
     */
    public TsneResult embed(NDManager manager, Points points) {
        requireEnoughPoints(points.count());
        long start = System.nanoTime();
        double cpu = processCpuSeconds();
        try (Parallel parallel = new Parallel(threads)) {
            Neighbors neighbors = NearestNeighbors.search(manager, points, points, neighbors(), true, parallel);
            return embed(points, neighbors, seconds(start), cpu, parallel);
        }
    }

    /**
     * Embeds points whose nearest neighbours are known.
     *
     * @param points the points
     * @param neighbors each point's nearest other points, at least {@link #neighbors()} per point; the first of them are used
     * @return the embedding
     */
    public TsneResult embed(Points points, Neighbors neighbors) {
        requireEnoughPoints(points.count());
        if (neighbors.queries() != points.count() || neighbors.k() < neighbors()) {
            throw new AtelierException("t-SNE with perplexity " + perplexity + " needs " + neighbors()
                    + " neighbours of each of the " + points.count() + " points, got " + neighbors.k() + " of "
                    + neighbors.queries());
        }
        double cpu = processCpuSeconds();
        try (Parallel parallel = new Parallel(threads)) {
            return embed(points, firstNeighbors(neighbors, neighbors()), 0, cpu, parallel);
        }
    }

    private TsneResult embed(Points points, Neighbors neighbors, double neighborSeconds, double cpuAtStart,
            Parallel parallel) {
        long start = System.nanoTime();
        Affinities p = Affinities.of(neighbors, perplexity, parallel);
        double affinitySeconds = seconds(start);
        start = System.nanoTime();
        double rate = Double.isNaN(learningRate) ? Math.max(200, points.count() / exaggeration) : learningRate;
        double[] y = initialization == Initialization.PCA
                ? PrincipalComponents.project(points, INITIAL_STD)
                : gaussian(points.count(), seed);
        Optimization optimization = new Optimization(p, y, rate, parallel);
        List<TsneResult.Checkpoint> checkpoints = new ArrayList<>();
        for (int iteration = 1; iteration <= iterations; iteration++) {
            boolean early = iteration <= exaggerationIterations;
            boolean checkpoint = iteration % checkpointEvery == 0 || iteration == iterations;
            double kl = optimization.step(early ? exaggeration : 1, early ? EARLY_MOMENTUM : LATE_MOMENTUM, checkpoint);
            if (checkpoint) {
                TsneResult.Checkpoint c = new TsneResult.Checkpoint(iteration, kl, extent(y), seconds(start));
                checkpoints.add(c);
                progress.accept(String.format("t-SNE iteration %d/%d: KL %.4f, extent %.1f, %.1f s", iteration,
                        iterations, kl, c.extent(), c.seconds()));
            }
        }
        double kl = optimization.klDivergence();
        float[] embedding = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            embedding[i] = (float) y[i];
        }
        return new TsneResult(new Points(embedding, points.count(), 2), kl, checkpoints, neighbors.k(), rate,
                neighborSeconds, affinitySeconds, seconds(start), processCpuSeconds() - cpuAtStart);
    }

    /** The CPU time of this process so far, or NaN where the JVM does not report it. */
    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }

    private void requireEnoughPoints(int n) {
        int k = neighbors();
        if (n < k + 1) {
            throw new AtelierException("t-SNE with perplexity " + perplexity + " needs at least " + (k + 1)
                    + " points (3 × perplexity neighbours each), got " + n + "; lower the perplexity to at most "
                    + String.format("%.1f", Math.max(0, (n - 1) / 3.0)) + " or embed more points");
        }
    }

    /** The first {@code k} neighbours of each row. */
    private static Neighbors firstNeighbors(Neighbors all, int k) {
        if (all.k() == k) {
            return all;
        }
        int n = all.queries();
        int[] indices = new int[n * k];
        double[] distances = new double[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all.indices(), i * all.k(), indices, i * k, k);
            System.arraycopy(all.squaredDistances(), i * all.k(), distances, i * k, k);
        }
        return new Neighbors(k, indices, distances);
    }

    private static double[] gaussian(int n, long seed) {
        Random random = new Random(seed);
        double[] y = new double[2 * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextGaussian() * INITIAL_STD;
        }
        return y;
    }

    private static double extent(double[] y) {
        double[] low = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] high = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < y.length; i++) {
            low[i % 2] = Math.min(low[i % 2], y[i]);
            high[i % 2] = Math.max(high[i % 2], y[i]);
        }
        return Math.max(high[0] - low[0], high[1] - low[1]);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The optimizer's state: positions, gradient, update and gains per coordinate. */
    private static final class Optimization {
        private final Affinities p;
        private final double[] y;
        private final double rate;
        private final Parallel parallel;
        private final FftRepulsion repulsion;
        private final double[] repulsive;
        private final double[] gradient;
        private final double[] update;
        private final double[] gains;
        private final int n;
        /** Σ p log p, computed at the first checkpoint. */
        private double pLogP = Double.NaN;

        Optimization(Affinities p, double[] y, double rate, Parallel parallel) {
            this.p = p;
            this.y = y;
            this.rate = rate;
            this.parallel = parallel;
            this.n = p.n;
            this.repulsion = new FftRepulsion(parallel);
            this.repulsive = new double[2 * n];
            this.gradient = new double[2 * n];
            this.update = new double[2 * n];
            this.gains = new double[2 * n];
            Arrays.fill(gains, 1);
        }

        /**
         * One step of gradient descent. Returns KL(P ‖ Q) at the positions before the step when
         * asked (it costs a logarithm per affinity), else NaN.
         */
        double step(double exaggeration, double momentum, boolean withKl) {
            double z = repulsion.compute(y, n, repulsive);
            double crossEntropy = attract(exaggeration, z, withKl);
            move(momentum);
            recentre();
            return withKl ? klDivergence(crossEntropy, z) : Double.NaN;
        }

        /** KL(P ‖ Q) at the current positions. */
        double klDivergence() {
            double z = repulsion.compute(y, n, repulsive);
            return klDivergence(attract(1, z, true), z);
        }

        /** Σ p log p − Σ p log K + log Z, with the sums over the stored affinities. */
        private double klDivergence(double pLogK, double z) {
            if (Double.isNaN(pLogP)) {
                pLogP = 0;
                for (double v : p.values) {
                    pLogP += v * Math.log(v);
                }
            }
            return pLogP - pLogK + Math.log(z);
        }

        /**
         * The gradient: exaggerated attraction over the affinities minus the normalized repulsion.
         * Returns Σ p_ij log K_ij when asked, else 0.
         */
        private double attract(double exaggeration, double z, boolean withLog) {
            return parallel.sum(n, CHUNK, (from, to) -> {
                double pLogK = 0;
                for (int i = from; i < to; i++) {
                    double yi1 = y[2 * i];
                    double yi2 = y[2 * i + 1];
                    double f1 = 0;
                    double f2 = 0;
                    for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                        int j = p.columns[e];
                        double d1 = yi1 - y[2 * j];
                        double d2 = yi2 - y[2 * j + 1];
                        double k = 1 / (1 + d1 * d1 + d2 * d2);
                        double w = p.values[e] * k;
                        f1 += w * d1;
                        f2 += w * d2;
                        if (withLog) {
                            pLogK += p.values[e] * Math.log(k);
                        }
                    }
                    gradient[2 * i] = exaggeration * f1 - repulsive[2 * i] / z;
                    gradient[2 * i + 1] = exaggeration * f2 - repulsive[2 * i + 1] / z;
                }
                return pLogK;
            });
        }

        /** Gains, momentum and a step of at most {@link #MAX_STEP} per point. */
        private void move(double momentum) {
            parallel.forEach(n, CHUNK, (from, to) -> {
                for (int i = from; i < to; i++) {
                    for (int c = 2 * i; c < 2 * i + 2; c++) {
                        boolean sameDirection = gradient[c] * update[c] < 0; // the last step went downhill again
                        gains[c] = Math.max(MIN_GAIN, sameDirection ? gains[c] + GAIN_STEP : gains[c] * GAIN_DECAY);
                        update[c] = momentum * update[c] - rate * gains[c] * gradient[c];
                    }
                    double length = Math.hypot(update[2 * i], update[2 * i + 1]);
                    if (length > MAX_STEP) {
                        update[2 * i] *= MAX_STEP / length;
                        update[2 * i + 1] *= MAX_STEP / length;
                    }
                    y[2 * i] += update[2 * i];
                    y[2 * i + 1] += update[2 * i + 1];
                }
            });
        }

        private void recentre() {
            double mean1 = parallel.sum(n, CHUNK, (from, to) -> sumCoordinate(from, to, 0)) / n;
            double mean2 = parallel.sum(n, CHUNK, (from, to) -> sumCoordinate(from, to, 1)) / n;
            parallel.forEach(n, CHUNK, (from, to) -> {
                for (int i = from; i < to; i++) {
                    y[2 * i] -= mean1;
                    y[2 * i + 1] -= mean2;
                }
            });
        }

        private double sumCoordinate(int from, int to, int c) {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += y[2 * i + c];
            }
            return s;
        }
    }

    /** Configures a {@link Tsne}; every setting has FIt-SNE's and openTSNE's default. */
    public static final class Builder {
        private double perplexity = 30;
        private double exaggeration = 12;
        private int exaggerationIterations = 250;
        private int iterations = 750;
        private double learningRate = Double.NaN;
        private Initialization initialization = Initialization.PCA;
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int checkpointEvery = 50;
        private Consumer<String> progress = line -> { };

        private Builder() {}

        /** The perplexity, the effective number of neighbours (default 30); {@code 3 ×} it neighbours are searched. */
        public Builder optPerplexity(double perplexity) {
            if (!(perplexity >= 1) || Double.isInfinite(perplexity)) {
                throw new AtelierException("perplexity must be a finite number ≥ 1, got " + perplexity);
            }
            this.perplexity = perplexity;
            return this;
        }

        /** The factor on the attraction during early exaggeration (default 12). */
        public Builder optEarlyExaggeration(double factor) {
            if (!(factor >= 1) || Double.isInfinite(factor)) {
                throw new AtelierException("early exaggeration must be a finite number ≥ 1, got " + factor);
            }
            this.exaggeration = factor;
            return this;
        }

        /** Iterations with early exaggeration, counted within {@link #optIterations} (default 250). */
        public Builder optEarlyExaggerationIterations(int count) {
            if (count < 0) {
                throw new AtelierException("early exaggeration iterations must be ≥ 0, got " + count);
            }
            this.exaggerationIterations = count;
            return this;
        }

        /** Iterations in all, early exaggeration included (default 750). */
        public Builder optIterations(int count) {
            if (count < 1) {
                throw new AtelierException("t-SNE needs at least 1 iteration, got " + count);
            }
            this.iterations = count;
            return this;
        }

        /** A fixed learning rate; by default {@code max(200, N / early exaggeration)} (Belkina et al. 2019). */
        public Builder optLearningRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new AtelierException("the learning rate must be positive and finite, got " + rate);
            }
            this.learningRate = rate;
            return this;
        }

        /** How the embedding starts (default {@link Initialization#PCA}). */
        public Builder optInitialization(Initialization initialization) {
            this.initialization = Objects.requireNonNull(initialization, "initialization");
            return this;
        }

        /** The seed of a {@link Initialization#RANDOM random} start (default 42); the PCA start needs none. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Host threads (default: the available processors); the result does not depend on them. */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new AtelierException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Every how many iterations KL(P ‖ Q) is recorded and a progress line written (default 50). */
        public Builder optCheckpointEvery(int iterations) {
            if (iterations < 1) {
                throw new AtelierException("checkpoints need an interval of at least 1 iteration, got " + iterations);
            }
            this.checkpointEvery = iterations;
            return this;
        }

        /** Where progress lines go, one per checkpoint (default: nowhere). */
        public Builder optProgress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The configured t-SNE. */
        public Tsne build() {
            if (exaggerationIterations > iterations) {
                throw new AtelierException("early exaggeration iterations (" + exaggerationIterations
                        + ") cannot exceed the iterations in all (" + iterations + ")");
            }
            return new Tsne(this);
        }
    }
}

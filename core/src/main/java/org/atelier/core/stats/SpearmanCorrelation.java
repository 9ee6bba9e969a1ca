package org.atelier.core.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Spearman's rank correlation ρ of paired values, with ties, and its two-sided permutation p-value.
 *
 * <p>ρ is Pearson's correlation of the ranks; tied values share the mean of the ranks they span
 * (scipy's {@code rankdata(method="average")}, so {@link #of} agrees with {@code
 * scipy.stats.spearmanr}). The formula 1 − 6Σd²/(n(n²−1)) holds only without ties and is not used.
 *
 * <p>The p-value answers "how often would a random pairing of the same values correlate at least as
 * strongly, |ρ| ≥ |ρ_observed|?". Up to {@value #EXACT_LIMIT} pairs it is exact: all n! pairings are
 * enumerated (3 628 800 at n = 10, a fraction of a second), ties included. Beyond that it is estimated
 * from {@value #RESAMPLES} random pairings drawn from a fixed seed, as (hits + 1) / (resamples + 1).
 * Small samples need a large |ρ| to mean anything: see {@link #criticalValue(int, double)}.
 *
 * @param rho the rank correlation in [−1, 1]; NaN when either series is constant (its ranks have no spread)
 * @param n the number of pairs
 * @param pValue the two-sided permutation p-value; NaN when rho is
 * @param exact whether the p-value comes from all pairings rather than a random sample of them
 */
public record SpearmanCorrelation(double rho, int n, double pValue, boolean exact) {

    /** The largest n whose p-value is computed from all n! pairings. */
    public static final int EXACT_LIMIT = 10;
    /** Random pairings that estimate the p-value above {@link #EXACT_LIMIT}. */
    public static final int RESAMPLES = 100_000;

    private static final long RESAMPLING_SEED = 20_171_222L;

    /**
     * Correlates paired values.
     *
     * @param x the first value of each pair
     * @param y the second value of each pair, as many
     * @return ρ and its p-value
     * @throws IllegalArgumentException if the lengths differ, fewer than 2 pairs are given or a value is NaN
     */
    public static SpearmanCorrelation of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Spearman correlation needs paired values, got " + x.length + " and "
                    + y.length + " values");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("Spearman correlation needs at least 2 pairs, got " + x.length);
        }
        // doubled ranks are integers even with ties (a mean rank is a multiple of 1/2): exact sums in long
        long[] a = doubledRanks(x);
        long[] b = doubledRanks(y);
        int n = x.length;
        long sumA = Arrays.stream(a).sum();
        long sumB = Arrays.stream(b).sum();
        double spreadA = spread(a, sumA);
        double spreadB = spread(b, sumB);
        if (spreadA == 0 || spreadB == 0) {
            return new SpearmanCorrelation(Double.NaN, n, Double.NaN, n <= EXACT_LIMIT);
        }
        // n·Σ(a−ā)(b−b̄) = n·Σab − ΣaΣb: the only part of ρ that a re-pairing changes
        long observed = Math.abs(n * dot(a, b) - sumA * sumB);
        double rho = (n * dot(a, b) - sumA * sumB) / Math.sqrt(spreadA * spreadB);
        if (n <= EXACT_LIMIT) {
            return new SpearmanCorrelation(clamp(rho), n, exactPValue(a, b, observed, sumA * sumB), true);
        }
        return new SpearmanCorrelation(clamp(rho), n, sampledPValue(a, b, observed, sumA * sumB), false);
    }

    /**
     * Ranks from 1 to n, tied values getting the mean of the ranks they span: {@code {10, 20, 20, 30}}
     * → {@code {1, 2.5, 2.5, 4}}.
     *
     * @param values the values, none NaN
     * @return their ranks, in the values' order
     */
    public static double[] ranks(double[] values) {
        return Arrays.stream(doubledRanks(values)).mapToDouble(r -> r / 2.0).toArray();
    }

    /**
     * The smallest |ρ| that is significant at level {@code alpha} (two-sided, exact) for n pairs
     * without ties: a weaker correlation is as likely as that from a random pairing. At n = 10 and
     * α = 0.05 it is 0.648 (P(|ρ| ≥ 0.648) = 0.049 under random pairing).
     *
     * @param n the number of pairs, 3 to {@value #EXACT_LIMIT}
     * @param alpha the significance level in (0, 1)
     * @return the critical value, or NaN if no |ρ| ≤ 1 reaches the level (e.g. n = 3 and α = 0.05)
     */
    public static double criticalValue(int n, double alpha) {
        if (n < 3 || n > EXACT_LIMIT) {
            throw new IllegalArgumentException("the exact critical value needs 3 ≤ n ≤ " + EXACT_LIMIT + ", got " + n);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("the significance level must be in (0, 1), got " + alpha);
        }
        // without ties Σd² determines ρ; count the pairings per Σd² (even, at most n(n²−1)/3)
        long[] ranks = new long[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = i;
        }
        long maxSquares = (long) n * (n * n - 1) / 3;
        long[] counts = new long[(int) maxSquares + 1];
        forEachPairing(ranks, pairing -> {
            long squares = 0;
            for (int i = 0; i < pairing.length; i++) {
                squares += (pairing[i] - i) * (pairing[i] - i);
            }
            counts[(int) squares]++;
        });
        double total = Arrays.stream(counts).sum();
        // |ρ| ≥ c is the union of both tails; walk the attainable |ρ| values from the largest down
        double critical = Double.NaN;
        long tail = 0;
        for (long squares = 0; squares <= maxSquares / 2; squares++) {
            tail += counts[(int) squares] + (squares == maxSquares - squares ? 0 : counts[(int) (maxSquares - squares)]);
            if (tail / total > alpha) {
                break;
            }
            if (counts[(int) squares] > 0) {
                critical = 1 - 6.0 * squares / (n * ((double) n * n - 1));
            }
        }
        return critical;
    }

    private static double exactPValue(long[] a, long[] b, long observed, long product) {
        int n = a.length;
        long[] hits = {0};
        long[] total = {0};
        forEachPairing(b, pairing -> {
            total[0]++;
            if (Math.abs(n * dot(a, pairing) - product) >= observed) {
                hits[0]++;
            }
        });
        return (double) hits[0] / total[0];
    }

    private static double sampledPValue(long[] a, long[] b, long observed, long product) {
        int n = a.length;
        SplittableRandom random = new SplittableRandom(RESAMPLING_SEED);
        long[] pairing = b.clone();
        long hits = 0;
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long swap = pairing[i];
                pairing[i] = pairing[j];
                pairing[j] = swap;
            }
            if (Math.abs(n * dot(a, pairing) - product) >= observed) {
                hits++;
            }
        }
        return (hits + 1.0) / (RESAMPLES + 1.0);
    }

    /** Calls {@code visit} with every permutation of {@code values} (Heap's algorithm, n! calls, one array). */
    private static void forEachPairing(long[] values, java.util.function.Consumer<long[]> visit) {
        long[] p = values.clone();
        int n = p.length;
        int[] c = new int[n];
        visit.accept(p);
        int i = 0;
        while (i < n) {
            if (c[i] < i) {
                int j = i % 2 == 0 ? 0 : c[i];
                long swap = p[j];
                p[j] = p[i];
                p[i] = swap;
                visit.accept(p);
                c[i]++;
                i = 0;
            } else {
                c[i] = 0;
                i++;
            }
        }
    }

    private static long[] doubledRanks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("cannot rank NaN (value " + i + ")");
            }
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));
        long[] ranks = new long[n];
        int from = 0;
        while (from < n) {
            int to = from;
            while (to + 1 < n && values[order[to + 1]] == values[order[from]]) {
                to++;
            }
            // positions from..to hold ranks from+1..to+1; their mean, doubled, is from + to + 2
            for (int k = from; k <= to; k++) {
                ranks[order[k]] = from + to + 2;
            }
            from = to + 1;
        }
        return ranks;
    }

    /** n·Σ(a − ā)², exactly, as a double. */
    private static double spread(long[] a, long sum) {
        long squares = 0;
        for (long v : a) {
            squares += v * v;
        }
        return (double) (a.length * squares - sum * sum);
    }

    private static long dot(long[] a, long[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double clamp(double rho) {
        return Math.max(-1, Math.min(1, rho));
    }
}

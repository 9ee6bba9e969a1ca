package org.atelier.core.stats;

/**
 * The exact (Clopper–Pearson) confidence interval of a success rate from {@code k} successes in
 * {@code n} trials: the rates {@code p} under which seeing {@code k} or fewer, or {@code k} or more,
 * successes is not too unlikely. Its coverage is at least the confidence for every {@code p}, which
 * matters for the small samples it is used on here (twenty example images), where the normal
 * approximation's interval reaches beyond 1. Same values as SciPy's
 * {@code binomtest(k, n).proportion_ci(method="exact")}.
 *
 * @param successes k
 * @param trials n
 * @param confidence e.g. 0.95
 * @param lower the interval's lower end (0 when k = 0)
 * @param upper its upper end (1 when k = n)
 */
public record BinomialInterval(int successes, int trials, double confidence, double lower, double upper) {

    /**
     * The exact interval.
     *
     * @param successes k, in [0, n]
     * @param trials n, at least 1
     * @param confidence in (0, 1)
     * @return the interval
     */
    public static BinomialInterval clopperPearson(int successes, int trials, double confidence) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 ≤ successes ≤ trials and trials ≥ 1, got " + successes + " of " + trials);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
        double tail = (1 - confidence) / 2;
        // P(X ≥ k | p) grows with p: the lower end is where it reaches the tail
        double lower = successes == 0 ? 0 : solve(p -> 1 - cdf(successes - 1, trials, p) - tail);
        // P(X ≤ k | p) falls with p: the upper end is where it drops to the tail
        double upper = successes == trials ? 1 : solve(p -> tail - cdf(successes, trials, p));
        return new BinomialInterval(successes, trials, confidence, lower, upper);
    }

    /** The observed rate k / n. */
    public double rate() {
        return (double) successes / trials;
    }

    /** Whether a rate lies inside the interval. */
    public boolean contains(double rate) {
        return rate >= lower && rate <= upper;
    }

    /** P(X ≤ k) for X ~ Binomial(n, p), summed in log space. */
    static double cdf(int k, int n, double p) {
        if (p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return k >= n ? 1 : 0;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logChoose = 0; // log C(n, 0)
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                logChoose += Math.log(n - i + 1) - Math.log(i);
            }
            sum += Math.exp(logChoose + i * logP + (n - i) * logQ);
        }
        return Math.min(1, sum);
    }

    /** The root in (0, 1) of a function that increases in p, by bisection to double precision. */
    private static double solve(java.util.function.DoubleUnaryOperator increasing) {
        double low = 0;
        double high = 1;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (increasing.applyAsDouble(mid) < 0) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }
}

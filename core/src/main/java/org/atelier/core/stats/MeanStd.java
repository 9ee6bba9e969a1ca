package org.atelier.core.stats;

/**
 * The mean and the sample standard deviation (divisor n − 1) of a few numbers, e.g. one metric
 * over several seeds.
 *
 * @param mean the arithmetic mean
 * @param std the sample standard deviation; 0 for a single value
 * @param n how many values
 */
public record MeanStd(double mean, double std, int n) {

    /**
     * Computes the statistics.
     *
     * @param values at least one value
     * @return mean, sample standard deviation and count
     * @throws IllegalArgumentException if there are no values
     */
    public static MeanStd of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("mean and standard deviation of no values");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        // n − 1: the seeds are a sample of all possible initializations, not the population.
        double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
        return new MeanStd(mean, std, values.length);
    }

    /** The standard error of the mean, std / √n. */
    public double standardError() {
        return std / Math.sqrt(n);
    }
}

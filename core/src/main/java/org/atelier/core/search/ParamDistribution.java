package org.atelier.core.search;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.atelier.core.AtelierException;

/**
 * Where a random search draws one parameter's values from, as scikit-learn's {@code
 * RandomizedSearchCV} takes a list or a SciPy distribution: {@link #choice} (a list, each value
 * equally likely), {@link #uniform} (SciPy's {@code uniform}), {@link #logUniform} (SciPy's {@code
 * loguniform}: uniform in the logarithm, for scales such as the learning rate) and {@link
 * #intUniform} (SciPy's {@code randint}). Unlike SciPy, every bound here is given as low and high
 * ({@code uniform(loc, scale)} covers {@code [loc, loc + scale]}); {@code intUniform}'s high bound
 * is included, where {@code randint}'s is excluded, because a reader of {@code epochs 2…8} expects 8
 * to be possible. Draws use a {@link Random} the caller seeds, whose sequence Java fixes, so the
 * same seed gives the same values on every machine (not numpy's values: the generators differ).
 */
public sealed interface ParamDistribution extends Serializable {

    /**
     * Draws one value.
     *
     * @param random the generator
     * @return the value
     */
    Object sample(Random random);

    /**
     * One of the values, each equally likely.
     *
     * @param values the values, at least one
     * @return the distribution
     */
    static Choice choice(List<?> values) {
        return new Choice(List.copyOf(values));
    }

    /**
     * Uniform on {@code [low, high)}.
     *
     * @param low the lower bound
     * @param high the upper bound, above {@code low}
     * @return the distribution
     */
    static Uniform uniform(double low, double high) {
        return new Uniform(low, high);
    }

    /**
     * Log-uniform on {@code [low, high)}: {@code exp(U(ln low, ln high))}, so each factor of ten
     * between the bounds is equally likely.
     *
     * @param low the lower bound, positive
     * @param high the upper bound, above {@code low}
     * @return the distribution
     */
    static LogUniform logUniform(double low, double high) {
        return new LogUniform(low, high);
    }

    /**
     * A whole number from {@code low} to {@code high}, both included, each equally likely.
     *
     * @param low the smallest value
     * @param high the largest value, at least {@code low}
     * @return the distribution
     */
    static IntUniform intUniform(int low, int high) {
        return new IntUniform(low, high);
    }

    /**
     * A list's values, each equally likely.
     *
     * @param values the values
     */
    record Choice(List<?> values) implements ParamDistribution {
        /** Checks that there is a value. */
        public Choice {
            if (values.isEmpty()) {
                throw new AtelierException("a choice needs at least one value");
            }
        }

        @Override
        public Object sample(Random random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public String toString() {
            return "one of " + values;
        }
    }

    /**
     * Uniform on {@code [low, high)}.
     *
     * @param low the lower bound
     * @param high the upper bound
     */
    record Uniform(double low, double high) implements ParamDistribution {
        /** Checks the bounds. */
        public Uniform {
            if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
                throw new AtelierException("uniform(" + low + ", " + high + "): need finite bounds, low < high");
            }
        }

        @Override
        public Object sample(Random random) {
            return low + random.nextDouble() * (high - low);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "uniform on [%s, %s)", low, high);
        }
    }

    /**
     * Log-uniform on {@code [low, high)}.
     *
     * @param low the lower bound, positive
     * @param high the upper bound
     */
    record LogUniform(double low, double high) implements ParamDistribution {
        /** Checks the bounds. */
        public LogUniform {
            if (!(low > 0 && Double.isFinite(high) && low < high)) {
                throw new AtelierException("log-uniform(" + low + ", " + high + "): need 0 < low < high, finite");
            }
        }

        @Override
        public Object sample(Random random) {
            double logLow = Math.log(low);
            return Math.exp(logLow + random.nextDouble() * (Math.log(high) - logLow));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "log-uniform on [%s, %s)", low, high);
        }
    }

    /**
     * A whole number from {@code low} to {@code high}, both included.
     *
     * @param low the smallest value
     * @param high the largest value
     */
    record IntUniform(int low, int high) implements ParamDistribution {
        /** Checks the bounds. */
        public IntUniform {
            if (low > high) {
                throw new AtelierException("int-uniform(" + low + ", " + high + "): need low ≤ high");
            }
        }

        @Override
        public Object sample(Random random) {
            return low + random.nextInt(high - low + 1);
        }

        @Override
        public String toString() {
            return "whole numbers " + low + "…" + high;
        }
    }
}

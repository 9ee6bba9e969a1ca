package org.atelier.core.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Formats numbers for humans: integers as integers, fractions with a fixed number of decimals,
 * very large or very small magnitudes in scientific notation. Always uses '.' as the decimal point.
 */
public final class NumberText {

    /** Decimals used when a caller does not choose. */
    public static final int DEFAULT_DECIMALS = 4;

    private NumberText() {}

    /**
     * Formats a number.
     *
     * @param value the number; null formats as an empty string
     * @param decimals decimals for non-integer types (0 or more)
     * @return the text
     */
    public static String format(Number value, int decimals) {
        if (value == null) {
            return "";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal big) {
            return formatDecimal(big.doubleValue(), decimals);
        }
        return formatDecimal(value.doubleValue(), decimals);
    }

    /**
     * Formats a metric for people: whole values (counts, epochs, steps) without decimals, others
     * with {@code decimals} as {@link #formatDecimal} does. Not for table columns, where one
     * column should keep one format.
     *
     * @param value the metric value
     * @param decimals decimals for values that are not whole
     * @return the text, e.g. {@code 54000} or {@code 0.8534}
     */
    public static String formatMetric(double value, int decimals) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return formatDecimal(value, decimals);
    }

    /**
     * Formats a floating-point number with the given decimals (named apart from {@link #format(Number, int)} so that a primitive {@code long} never widens to double), switching to scientific notation
     * where fixed notation would hide the value (|x| below 10^-decimals) or be unwieldy (≥ 1e9).
     *
     * @param value the number
     * @param decimals decimals (0 or more)
     * @return the text, e.g. {@code 0.8534}, {@code 1.2e-07}, {@code NaN}
     */
    public static String formatDecimal(double value, int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < Math.pow(10, -decimals) || magnitude >= 1e9)) {
            return String.format(Locale.ROOT, "%." + Math.max(1, decimals - 1) + "e", value);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}

package org.atelier.core.report.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.plot.ValueAxisPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

/**
 * A base-10 logarithmic axis fitted to its data, whose tick labels adapt to the range: 1, 2, …, 9 ×
 * 10^k within about one decade, 1, 2, 5 × 10^k up to three and a half, powers of ten beyond; and
 * where fewer than three of those fall inside a narrow range (a loss between 0.72 and 0.88), evenly
 * spaced round values (0.72, 0.74, …, 0.88) instead. JFreeChart's own log axes label only powers of ten,
 * which leaves a loss curve between 0.3 and 1 with a single label.
 */
final class LogScaleAxis extends LogarithmicAxis {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the axis.
     *
     * @param label the axis label
     */
    LogScaleAxis(String label) {
        super(label);
        setStrictValuesFlag(false);
    }

    /**
     * Fits the range to the data with a 5 % margin in log space; the parent rounds the bounds out to
     * whole powers of ten, which can leave half the plot empty.
     */
    @Override
    public void autoAdjustRange() {
        if (getPlot() instanceof ValueAxisPlot plot) {
            Range data = plot.getDataRange(this);
            if (data != null && data.getLowerBound() > 0) {
                double low = Math.log10(data.getLowerBound());
                double high = Math.log10(data.getUpperBound());
                double margin = Math.max(0.05 * (high - low), 0.01);
                setRange(new Range(Math.pow(10, low - margin), Math.pow(10, high + margin)), false, false);
                // This setRange, unlike setRange(Range), leaves the small-values flag as it was; without it
                // JFreeChart maps values below 10 with its "adjusted" log, which is nearly linear near 0.
                setupSmallLogFlag();
                return;
            }
        }
        super.autoAdjustRange();
    }

    @Override
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        double lower = Math.max(getLowerBound(), Double.MIN_NORMAL);
        double upper = getUpperBound();
        int first = (int) Math.floor(Math.log10(lower));
        int last = (int) Math.ceil(Math.log10(upper));
        double decades = Math.log10(upper / lower);
        int[] mantissas = decades <= 1.2 ? new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}
                : decades <= 3.5 ? new int[] {1, 2, 5} : new int[] {1};
        boolean vertical = RectangleEdge.isLeftOrRight(edge);
        TextAnchor anchor = edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT
                : edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT
                : edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
                : TextAnchor.TOP_CENTER;
        // One style per axis: plain decimals when every label is an everyday magnitude, powers of ten
        // (2×10⁶) for all labels otherwise, never "1000000" next to "1e7".
        boolean powers = first < -4 || last > 6;
        List<NumberTick> ticks = new ArrayList<>();
        if (labelledDigits(lower, upper, first, last) < MIN_LABELS) {
            // a round step below 2.5 × span / 8 leaves at least three values inside, at most nine
            double step = roundStep((upper - lower) / 8);
            for (BigDecimal value = BigDecimal.valueOf(Math.ceil(lower / step)).multiply(BigDecimal.valueOf(step));
                    value.doubleValue() <= upper; value = value.add(BigDecimal.valueOf(step))) {
                ticks.add(new NumberTick(TickType.MAJOR, value.doubleValue(),
                        value.stripTrailingZeros().toPlainString(), anchor, vertical ? TextAnchor.CENTER : anchor, 0));
            }
            return ticks;
        }
        for (int exponent = first; exponent <= last; exponent++) {
            for (int mantissa = 1; mantissa <= 9; mantissa++) {
                double value = mantissa * Math.pow(10, exponent);
                if (value < lower || value > upper) {
                    continue;
                }
                boolean labelled = contains(mantissas, mantissa);
                ticks.add(new NumberTick(labelled ? TickType.MAJOR : TickType.MINOR, value,
                        labelled ? label(mantissa, exponent, powers) : "", anchor, vertical ? TextAnchor.CENTER : anchor, 0));
            }
        }
        return ticks;
    }

    /** Labels fewer than this in the range switch to evenly spaced round values. */
    private static final int MIN_LABELS = 3;

    /** How many of the values d × 10^k (d = 1…9) lie in the range. */
    private static int labelledDigits(double lower, double upper, int first, int last) {
        int count = 0;
        for (int exponent = first; exponent <= last; exponent++) {
            for (int mantissa = 1; mantissa <= 9; mantissa++) {
                double value = mantissa * Math.pow(10, exponent);
                if (value >= lower && value <= upper) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The smallest of 1, 2, 5 × 10^k at least {@code raw}. */
    private static double roundStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= raw * (1 - 1e-9)) {
                return BigDecimal.valueOf(factor).scaleByPowerOfTen((int) Math.floor(Math.log10(raw))).doubleValue();
            }
        }
        return 10 * power;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** Plain decimals (0.05, 2000), or powers of ten with superscript exponents (10⁷, 5×10⁻⁷). */
    static String label(int mantissa, int exponent, boolean powers) {
        if (powers) {
            String power = "10" + superscript(exponent);
            return mantissa == 1 ? power : mantissa + "×" + power;
        }
        return BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent).stripTrailingZeros().toPlainString();
    }

    private static String superscript(int exponent) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder text = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(exponent)).toCharArray()) {
            text.append(digits.charAt(c - '0'));
        }
        return text.toString();
    }
}

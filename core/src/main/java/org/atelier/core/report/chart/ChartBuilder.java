package org.atelier.core.report.chart;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;

/**
 * What every JFreeChart-based chart builder shares: the title, the value (y) axis label and the
 * pixel size, and the last step of {@code build()}, which wraps a finished plot in a styled
 * {@link ChartFigure}. Setters return the concrete builder, so a chain such as
 * {@code LineChart.builder().title("t").logX(true).size(900, 600)} keeps its chart-specific methods
 * in any order.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ChartBuilder<B extends ChartBuilder<B>> {

    String title = "";
    String yLabel;
    int width;
    int height = ChartStyle.HEIGHT;

    /** Package-private so that only this package's builders, each its own {@code B}, extend it. */
    ChartBuilder(String yLabel, int width) {
        this.yLabel = yLabel;
        this.width = width;
    }

    /**
     * The figure title.
     *
     * @param title the title, empty for none
     * @return this builder
     */
    public final B title(String title) {
        this.title = title;
        return self();
    }

    /**
     * The y (value) axis label, with its unit where it has one, e.g. {@code "time (s)"}.
     *
     * @param yLabel the label
     * @return this builder
     */
    public final B yLabel(String yLabel) {
        this.yLabel = yLabel;
        return self();
    }

    /**
     * The size in pixels (default 900 × 600; charts with two panels default wider).
     *
     * @param width width in pixels
     * @param height height in pixels
     * @return this builder
     */
    public final B size(int width, int height) {
        this.width = width;
        this.height = height;
        return self();
    }

    /** Titles and styles a finished plot and gives it this builder's size. */
    ChartFigure figure(Plot plot, boolean legend) {
        return new ChartFigure(ChartStyle.chart(title, plot, legend), width, height);
    }

    /** A numeric axis that fits the data instead of stretching to zero, which would flatten curves. */
    static NumberAxis fittedAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** This builder as its concrete type; safe because every subclass declares itself as {@code B}. */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }
}

package org.atelier.core.report.chart;

/**
 * A {@link ChartBuilder} for charts with one horizontal axis, and so one x axis label. Kept apart from {@link ChartBuilder} because a chart with two x axes (see
 * {@link EpochStepChart}) labels each of them instead.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class XyChartBuilder<B extends XyChartBuilder<B>> extends ChartBuilder<B> {

    String xLabel;

    /** Package-private so that only this package's builders, each its own {@code B}, extend it. */
    XyChartBuilder(String xLabel, String yLabel) {
        super(yLabel, ChartStyle.WIDTH);
        this.xLabel = xLabel;
    }

    /**
     * The x axis label, with its unit where it has one.
     *
     * @param xLabel the label
     * @return this builder
     */
    public final B xLabel(String xLabel) {
        this.xLabel = xLabel;
        return self();
    }
}

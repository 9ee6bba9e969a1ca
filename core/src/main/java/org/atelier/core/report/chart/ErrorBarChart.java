package org.atelier.core.report.chart;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.atelier.core.AtelierException;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Points with vertical error bars (a mean ± one standard deviation at each x), one colour per
 * series, optionally joined by a line in x order and over a logarithmic x axis: e.g. the
 * cross-validation score of each learning rate, one series per network width. Unlike {@link
 * LineChart#band}, whose shaded band suits dense curves, bars suit a few scattered or uneven points.
 *
 * <pre>{@code
 * ErrorBarChart.builder().title("Score by learning rate").xLabel("learning rate").yLabel("accuracy")
 *     .logX(true).series("128 units", rates, means, stds, true).build();
 * }</pre>
 */
public final class ErrorBarChart {

    private ErrorBarChart() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the series; axis labels default to "x" and "y". */
    public static final class Builder extends XyChartBuilder<Builder> {
        private record Series(String name, double[] x, double[] mean, double[] std, boolean joined) {}

        private boolean logX;
        private double[] xRange;
        private double[] yRange;
        private final List<Series> series = new ArrayList<>();

        private Builder() {
            super("x", "y");
        }

        /** Whether the x axis is logarithmic (all x values must be positive). */
        public Builder logX(boolean logX) {
            this.logX = logX;
            return this;
        }

        /**
         * Fixes the x range, e.g. so that panels side by side share it (default: fitted to the points).
         *
         * @param low the lower end (positive on a log axis)
         * @param high the upper end, above {@code low}
         * @return this builder
         */
        public Builder xRange(double low, double high) {
            this.xRange = range("x", low, high);
            return this;
        }

        /**
         * Fixes the y range, e.g. so that panels side by side share it (default: fitted to the bars).
         *
         * @param low the lower end
         * @param high the upper end, above {@code low}
         * @return this builder
         */
        public Builder yRange(double low, double high) {
            this.yRange = range("y", low, high);
            return this;
        }

        private static double[] range(String axis, double low, double high) {
            if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new AtelierException(axis + " range [" + low + ", " + high + "] is empty or not finite");
            }
            return new double[] {low, high};
        }

        /**
         * Adds a series in the next palette colour.
         *
         * @param name the legend entry
         * @param x the x values, finite
         * @param mean the mean at each x, finite
         * @param std the standard deviation at each x, ≥ 0
         * @param joined whether a line joins the points in x order
         * @return this builder
         */
        public Builder series(String name, double[] x, double[] mean, double[] std, boolean joined) {
            if (x.length != mean.length || x.length != std.length || x.length == 0) {
                throw new AtelierException("series '" + name + "' needs as many means and deviations as x values, at"
                        + " least one; got " + x.length + ", " + mean.length + ", " + std.length);
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(mean[i]) || !(std[i] >= 0)) {
                    throw new AtelierException("series '" + name + "' point " + i + " is not finite: x " + x[i]
                            + ", mean " + mean[i] + ", std " + std[i]);
                }
            }
            series.add(new Series(name, x.clone(), mean.clone(), std.clone(), joined));
            return this;
        }

        /** Builds the figure. */
        public ChartFigure build() {
            if (series.isEmpty()) {
                throw new AtelierException("an error-bar chart needs at least one series; add one with series(...)");
            }
            XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
            XYErrorRenderer renderer = new XYErrorRenderer();
            renderer.setDrawXError(false);
            renderer.setCapLength(8);
            renderer.setErrorStroke(ChartStyle.stroke(1.5f, LineStyle.SOLID));
            for (int s = 0; s < series.size(); s++) {
                Series one = series.get(s);
                XYIntervalSeries data = new XYIntervalSeries(one.name(), false, true);
                IntStream.range(0, one.x().length).boxed().sorted(Comparator.comparingDouble(i -> one.x()[i]))
                        .forEach(i -> data.add(one.x()[i], one.x()[i], one.x()[i], one.mean()[i],
                                one.mean()[i] - one.std()[i], one.mean()[i] + one.std()[i]));
                dataset.addSeries(data);
                Color color = ChartStyle.color(s);
                renderer.setSeriesPaint(s, color);
                renderer.setSeriesLinesVisible(s, one.joined());
                renderer.setSeriesShapesVisible(s, true);
                renderer.setSeriesStroke(s, ChartStyle.stroke(2f, LineStyle.SOLID));
                renderer.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
            }
            ValueAxis x = logX ? new LogScaleAxis(xLabel) : fittedAxis(xLabel);
            if (xRange != null) {
                x.setRange(xRange[0], xRange[1]);
            }
            ValueAxis y = fittedAxis(yLabel);
            if (yRange != null) {
                y.setRange(yRange[0], yRange[1]);
            }
            XYPlot plot = new XYPlot(dataset, x, y, renderer);
            return figure(plot, true);
        }
    }
}

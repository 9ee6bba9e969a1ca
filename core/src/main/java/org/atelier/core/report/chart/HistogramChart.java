package org.atelier.core.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.AtelierException;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.statistics.HistogramDataset;

/**
 * Histograms of one or more samples on shared bins (e.g. the distribution of initial logits),
 * translucent so that overlapping distributions stay visible.
 */
public final class HistogramChart {

    private HistogramChart() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the samples of one histogram; axis labels default to "value" and "count". */
    public static final class Builder extends XyChartBuilder<Builder> {
        private int bins = 50;
        private double lower = Double.NaN;
        private double upper = Double.NaN;
        private final List<String> names = new ArrayList<>();
        private final List<double[]> samples = new ArrayList<>();

        private Builder() {
            super("value", "count");
        }

        /** The number of bins over the common range (default 50). */
        public Builder bins(int bins) {
            if (bins < 1) {
                throw new AtelierException("a histogram needs at least 1 bin, got " + bins);
            }
            this.bins = bins;
            return this;
        }

        /**
         * Sets the range the bins divide, instead of the samples' smallest to largest value: e.g.
         * half a step beyond the ends of a discrete sample, so that every possible value sits in the
         * middle of its own bin.
         *
         * @param lower the left edge of the first bin
         * @param upper the right edge of the last bin, above {@code lower}
         * @return this builder
         */
        public Builder range(double lower, double upper) {
            if (!(lower < upper)) {
                throw new AtelierException("a histogram range needs lower < upper, got [" + lower + ", " + upper + "]");
            }
            this.lower = lower;
            this.upper = upper;
            return this;
        }

        /**
         * Adds a sample.
         *
         * @param name the legend entry
         * @param values the values
         * @return this builder
         */
        public Builder data(String name, double[] values) {
            if (values.length == 0) {
                throw new AtelierException("histogram sample '" + name + "' is empty; pass at least one value");
            }
            names.add(name);
            samples.add(values.clone());
            return this;
        }

        /** Builds the figure. */
        public ChartFigure build() {
            double min = Double.isNaN(lower) ? samples.stream().flatMapToDouble(java.util.Arrays::stream).min().orElse(0) : lower;
            double max = Double.isNaN(upper) ? samples.stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1) : upper;
            if (max == min) {
                max = min + 1; // one repeated value: give its bin a width
            }
            HistogramDataset dataset = new HistogramDataset();
            for (int i = 0; i < samples.size(); i++) {
                dataset.addSeries(names.get(i), samples.get(i), bins, min, max);
            }
            XYBarRenderer renderer = new XYBarRenderer();
            renderer.setBarPainter(new StandardXYBarPainter());
            renderer.setShadowVisible(false);
            renderer.setDrawBarOutline(true);
            for (int i = 0; i < samples.size(); i++) {
                Color color = ChartStyle.color(i);
                renderer.setSeriesPaint(i, ChartStyle.withAlpha(color, samples.size() > 1 ? 110 : 200));
                renderer.setSeriesOutlinePaint(i, color.darker());
            }
            XYPlot plot = new XYPlot(dataset, fittedAxis(xLabel), new NumberAxis(yLabel), renderer);
            return figure(plot, samples.size() > 1);
        }
    }
}

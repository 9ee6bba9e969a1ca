package org.atelier.core.report.chart;

import java.awt.geom.Ellipse2D;
import java.util.List;
import org.atelier.core.AtelierException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A scatter plot of 2-D points, one colour per group (e.g. a t-SNE embedding coloured by class),
 * with a legend. Points are small, translucent discs so that dense clusters stay readable.
 */
public final class ScatterChart {

    private ScatterChart() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the point groups of one scatter plot. */
    public static final class Builder {
        private String title = "";
        private String xLabel = "x";
        private String yLabel = "y";
        private double pointSize = 5;
        private int width = ChartStyle.WIDTH;
        private int height = ChartStyle.HEIGHT;
        private final XYSeriesCollection dataset = new XYSeriesCollection();

        private Builder() {}

        /** The figure title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The x axis label. */
        public Builder xLabel(String xLabel) {
            this.xLabel = xLabel;
            return this;
        }

        /** The y axis label. */
        public Builder yLabel(String yLabel) {
            this.yLabel = yLabel;
            return this;
        }

        /** The diameter of a point in pixels (default 5). */
        public Builder pointSize(double pointSize) {
            this.pointSize = pointSize;
            return this;
        }

        /** The size in pixels (default 900 × 600). */
        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * Adds a group of points in the next palette colour.
         *
         * @param name the legend entry
         * @param x the x coordinates
         * @param y the y coordinates, same length
         * @return this builder
         */
        public Builder points(String name, double[] x, double[] y) {
            if (x.length != y.length) {
                throw new AtelierException("point group '" + name + "' has " + x.length + " x but " + y.length
                        + " y coordinates; pass arrays of equal length");
            }
            XYSeries series = new XYSeries(name, false, true);
            for (int i = 0; i < x.length; i++) {
                series.add(x[i], y[i]);
            }
            dataset.addSeries(series);
            return this;
        }

        /**
         * Adds points grouped by class: one legend entry and colour per class, in class order.
         *
         * @param x the x coordinates
         * @param y the y coordinates
         * @param labels the class of each point
         * @param classNames one name per class
         * @return this builder
         */
        public Builder pointsByClass(double[] x, double[] y, int[] labels, List<String> classNames) {
            if (x.length != labels.length || y.length != labels.length) {
                throw new AtelierException("scatter needs one label per point, got " + x.length + " points and "
                        + labels.length + " labels; pass arrays of equal length");
            }
            for (int c = 0; c < classNames.size(); c++) {
                int count = 0;
                for (int label : labels) {
                    count += label == c ? 1 : 0;
                }
                double[] cx = new double[count];
                double[] cy = new double[count];
                for (int i = 0, j = 0; i < labels.length; i++) {
                    if (labels[i] == c) {
                        cx[j] = x[i];
                        cy[j++] = y[i];
                    }
                }
                points(classNames.get(c), cx, cy);
            }
            return this;
        }

        /** Builds the figure. */
        public ChartFigure build() {
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
            double r = pointSize / 2;
            for (int i = 0; i < dataset.getSeriesCount(); i++) {
                renderer.setSeriesPaint(i, ChartStyle.withAlpha(ChartStyle.color(i), 170));
                renderer.setSeriesShape(i, new Ellipse2D.Double(-r, -r, pointSize, pointSize));
            }
            NumberAxis xAxis = new NumberAxis(xLabel);
            NumberAxis yAxis = new NumberAxis(yLabel);
            xAxis.setAutoRangeIncludesZero(false);
            yAxis.setAutoRangeIncludesZero(false);
            XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
            JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true);
            ChartStyle.apply(chart);
            // Legend markers larger than the points so that colours are easy to match.
            for (int i = 0; i < dataset.getSeriesCount(); i++) {
                renderer.setLegendShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
            }
            return new ChartFigure(chart, width, height);
        }
    }
}

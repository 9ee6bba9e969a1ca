package org.atelier.core.report.chart;

import java.awt.geom.Ellipse2D;
import java.util.List;
import org.atelier.core.AtelierException;
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

    /** Collects the point groups of one scatter plot; axis labels default to "x" and "y". */
    public static final class Builder extends XyChartBuilder<Builder> {
        private double pointSize = 5;
        private final XYSeriesCollection dataset = new XYSeriesCollection();

        private Builder() {
            super("x", "y");
        }

        /** The diameter of a point in pixels (default 5). */
        public Builder pointSize(double pointSize) {
            this.pointSize = pointSize;
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
                // Legend markers larger than the points so that colours are easy to match.
                renderer.setLegendShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
            }
            return figure(new XYPlot(dataset, fittedAxis(xLabel), fittedAxis(yLabel), renderer), true);
        }
    }
}

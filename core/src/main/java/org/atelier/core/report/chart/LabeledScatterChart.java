package org.atelier.core.report.chart;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.AtelierException;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A scatter plot of a few named points, each labelled with its name next to its marker: one
 * point per class, e.g. a class's test accuracy against another per-class measurement. For many
 * unnamed points coloured by group use a legend instead.
 *
 * <pre>{@code
 * LabeledScatterChart.builder().title("Accuracy against quality").xLabel("test accuracy")
 *     .yLabel("quality").point("Trouser", 0.97, 0.99).point("Shirt", 0.62, 0.41)
 *     .build().save(dir.resolve("scatter.png"));
 * }</pre>
 */
public final class LabeledScatterChart {

    private LabeledScatterChart() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the points; axis labels default to "x" and "y". */
    public static final class Builder extends XyChartBuilder<Builder> {
        private final List<String> names = new ArrayList<>();
        private final List<double[]> points = new ArrayList<>();

        private Builder() {
            super("x", "y");
        }

        /**
         * Adds a point.
         *
         * @param name the label drawn next to it
         * @param x its x value, finite
         * @param y its y value, finite
         * @return this builder
         */
        public Builder point(String name, double x, double y) {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new AtelierException("point '" + name + "' is not finite: (" + x + ", " + y + ")");
            }
            names.add(name);
            points.add(new double[] {x, y});
            return this;
        }

        /** Builds the figure. */
        public ChartFigure build() {
            if (points.isEmpty()) {
                throw new AtelierException("a scatter plot needs at least one point; add one with point(...)");
            }
            XYSeries series = new XYSeries("points", false, true);
            points.forEach(p -> series.add(p[0], p[1]));
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
            Color color = ChartStyle.color(0);
            renderer.setSeriesPaint(0, color);
            renderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
            renderer.setDefaultItemLabelGenerator((dataset, s, item) -> names.get(item));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(ChartStyle.TICK_FONT);
            renderer.setDefaultItemLabelPaint(Color.BLACK);
            renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                    TextAnchor.CENTER_LEFT));
            renderer.setItemLabelAnchorOffset(4);
            NumberAxis x = padded(xLabel, 0.18);
            NumberAxis y = padded(yLabel, 0.06);
            XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, renderer);
            return figure(plot, false);
        }

        /** A fitted axis with room around the points (the x axis more to the right, for the labels). */
        private static NumberAxis padded(String label, double upperMargin) {
            NumberAxis axis = fittedAxis(label);
            axis.setLowerMargin(0.06);
            axis.setUpperMargin(upperMargin);
            return axis;
        }
    }
}

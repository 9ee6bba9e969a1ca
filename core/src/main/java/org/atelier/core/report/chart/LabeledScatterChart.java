package org.atelier.core.report.chart;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
        /** Each axis's room beyond the points, as a share of their range. */
        private static final double MARGIN = 0.06;
        /** The x axis's room to the right of the points, for the labels. */
        private static final double LABEL_MARGIN = 0.18;

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
            Color color = ChartStyle.color(0);
            List<Label> labels = labels(names, points);
            ItemLabelPosition above = new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_RIGHT);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true) {
                @Override
                public ItemLabelPosition getPositiveItemLabelPosition(int row, int column) {
                    return labels.get(column).above() ? above : super.getPositiveItemLabelPosition(row, column);
                }
            };
            renderer.setSeriesPaint(0, color);
            renderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
            renderer.setDefaultItemLabelGenerator((dataset, s, item) -> labels.get(item).text());
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(ChartStyle.TICK_FONT);
            renderer.setDefaultItemLabelPaint(Color.BLACK);
            renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                    TextAnchor.CENTER_LEFT));
            renderer.setItemLabelAnchorOffset(4);
            NumberAxis x = padded(xLabel, LABEL_MARGIN);
            NumberAxis y = padded(yLabel, MARGIN);
            XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, renderer);
            return figure(plot, false);
        }

        /**
         * Where each point's label goes: points whose labels would overlap (close in y, the next
         * point before the label's end in x) share one label, their names joined in x order; a
         * shared label, or one that would run past the right edge, goes above its group's last point, ending
         * there, clear of the markers.
         * Widths are estimated from the figure's width and the axes' ranges, not measured.
         */
        static List<Label> labels(List<String> names, List<double[]> points) {
            double minX = points.stream().mapToDouble(p -> p[0]).min().orElseThrow();
            double maxX = points.stream().mapToDouble(p -> p[0]).max().orElseThrow();
            double minY = points.stream().mapToDouble(p -> p[1]).min().orElseThrow();
            double maxY = points.stream().mapToDouble(p -> p[1]).max().orElseThrow();
            double spanX = Math.max(maxX - minX, 1e-9) * (1 + MARGIN + LABEL_MARGIN);
            double spanY = Math.max(maxY - minY, 1e-9) * (1 + MARGIN + MARGIN);
            double xPerPixel = spanX / (ChartStyle.WIDTH - 120.0);
            double rightEdge = maxX + LABEL_MARGIN * Math.max(maxX - minX, 1e-9);
            double rowHeight = spanY * 16.0 / 480;
            Integer[] order = new Integer[points.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> points.get(i)[0]));
            Label[] labels = new Label[points.size()];
            boolean[] taken = new boolean[points.size()];
            for (int a = 0; a < order.length; a++) {
                if (taken[order[a]]) {
                    continue;
                }
                double[] first = points.get(order[a]);
                List<Integer> group = new ArrayList<>(List.of(order[a]));
                String text = names.get(order[a]);
                for (int b = a + 1; b < order.length; b++) {
                    double[] next = points.get(order[b]);
                    if (next[0] > labelEnd(first, text, xPerPixel)) {
                        break; // in x order: no later point starts under the label
                    }
                    if (!taken[order[b]] && Math.abs(next[1] - first[1]) < rowHeight) {
                        group.add(order[b]);
                        text = text + ", " + names.get(order[b]);
                        taken[order[b]] = true;
                    }
                }
                boolean above = group.size() > 1 || labelEnd(first, text, xPerPixel) > rightEdge;
                int anchor = above ? group.get(group.size() - 1) : group.get(0);
                for (int member : group) {
                    labels[member] = new Label(member == anchor ? text : "", above);
                }
            }
            return List.of(labels);
        }

        /** Where a label drawn right of a point ends in x: 10 pixels of offset and about 7 per character. */
        private static double labelEnd(double[] point, String text, double xPerPixel) {
            return point[0] + (10 + 7.0 * text.length()) * xPerPixel;
        }

        /**
         * A point's label.
         *
         * @param text what is drawn next to the point, empty when another point of its group carries the names
         * @param above whether it is drawn above the point, ending at it (else to its right)
         */
        record Label(String text, boolean above) {}

        /** A fitted axis with room around the points (the x axis more to the right, for the labels). */
        private static NumberAxis padded(String label, double upperMargin) {
            NumberAxis axis = fittedAxis(label);
            axis.setLowerMargin(MARGIN);
            axis.setUpperMargin(upperMargin);
            return axis;
        }
    }
}

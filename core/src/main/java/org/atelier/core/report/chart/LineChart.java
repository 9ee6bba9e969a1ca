package org.atelier.core.report.chart;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.atelier.core.AtelierException;
import org.atelier.core.stats.MeanStd;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Line charts: several series over a numeric x axis, learning curves (training dashed, validation
 * solid, one colour per model), and mean ± one standard deviation bands over repeated runs, with
 * optional logarithmic axes and markers.
 *
 * <pre>{@code
 * LineChart.builder().title("Learning curves").xLabel("epoch").yLabel("loss")
 *     .learningCurve("softmax", epochs, trainLoss, valLoss)
 *     .build().save(dir.resolve("loss.png"));
 * }</pre>
 */
public final class LineChart {

    private LineChart() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the series of one line chart; axis labels default to "x" and "y". */
    public static final class Builder extends XyChartBuilder<Builder> {
        private static final Color SHADE = new Color(0, 0, 0, 28);
        private boolean logX;
        private boolean logY;
        private boolean markers;
        private int nextColor;
        private final List<Layer> layers = new ArrayList<>();
        private final List<double[]> shaded = new ArrayList<>();
        private String shadedName = "";
        private final List<Mark> marks = new ArrayList<>();

        private Builder() {
            super("x", "y");
        }

        /** Whether the x axis is logarithmic (all x values must be positive). */
        public Builder logX(boolean logX) {
            this.logX = logX;
            return this;
        }

        /**
         * Whether the y axis is logarithmic (all y values must be positive). Tick labels adapt to
         * the range (see {@link LogScaleAxis}).
         */
        public Builder logY(boolean logY) {
            this.logY = logY;
            return this;
        }

        /** Whether lines show a marker at each point (useful for few, uneven points). */
        public Builder markers(boolean markers) {
            this.markers = markers;
            return this;
        }

        /**
         * Adds a solid line in the next palette colour.
         *
         * @param name the legend entry
         * @param x the x values
         * @param y the y values, same length
         * @return this builder
         */
        public Builder series(String name, double[] x, double[] y) {
            return series(name, x, y, LineStyle.SOLID);
        }

        /**
         * Adds a line in the next palette colour.
         *
         * @param name the legend entry
         * @param x the x values
         * @param y the y values, same length
         * @param style the line style
         * @return this builder
         */
        public Builder series(String name, double[] x, double[] y, LineStyle style) {
            layers.add(Layer.line(name, x, check(name, x, y), style, ChartStyle.color(nextColor++)));
            return this;
        }

        /**
         * Adds a learning curve: "name (train)" dashed and "name (validation)" solid, in one colour.
         *
         * @param name the model or run
         * @param epochs the x values
         * @param train the training metric per epoch
         * @param validation the validation metric per epoch
         * @return this builder
         */
        public Builder learningCurve(String name, double[] epochs, double[] train, double[] validation) {
            Color color = ChartStyle.color(nextColor++);
            layers.add(Layer.line(name + " (train)", epochs, check(name, epochs, train), LineStyle.DASHED, color));
            layers.add(Layer.line(name + " (validation)", epochs, check(name, epochs, validation), LineStyle.SOLID, color));
            return this;
        }

        /**
         * Adds a mean line with a shaded band of ± one standard deviation.
         *
         * @param name the legend entry
         * @param x the x values
         * @param mean the mean at each x
         * @param std the standard deviation at each x
         * @return this builder
         */
        public Builder band(String name, double[] x, double[] mean, double[] std) {
            check(name, x, mean);
            check(name, x, std);
            layers.add(Layer.band(name, x, mean, std, ChartStyle.color(nextColor++)));
            return this;
        }

        /**
         * Adds the mean ± one (sample) standard deviation of several runs, optionally with each run
         * drawn as a thin, faint line behind the band.
         *
         * @param name the legend entry
         * @param x the x values
         * @param runs one row per run, each as long as x
         * @param showRuns whether to draw the individual runs
         * @return this builder
         */
        public Builder runs(String name, double[] x, double[][] runs, boolean showRuns) {
            if (runs.length == 0) {
                throw new AtelierException("series '" + name + "' has no runs; pass at least one");
            }
            for (double[] run : runs) {
                check(name, x, run);
            }
            double[] mean = new double[x.length];
            double[] std = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                int at = i;
                MeanStd stats = MeanStd.of(Arrays.stream(runs).mapToDouble(run -> run[at]).toArray());
                mean[i] = stats.mean();
                std[i] = stats.std();
            }
            Color color = ChartStyle.color(nextColor);
            if (showRuns) {
                for (double[] run : runs) {
                    layers.add(Layer.faint(x, run, color));
                }
            }
            return band(name, x, mean, std);
        }

        /**
         * Shades stretches of the x axis behind the lines, e.g. where a derivative is nearly zero;
         * the legend names them once (if there is any).
         *
         * @param name the legend entry
         * @param intervals each {from, to}
         * @return this builder
         */
        public Builder shadeX(String name, List<double[]> intervals) {
            for (double[] interval : intervals) {
                if (interval.length != 2 || !(interval[0] <= interval[1])) {
                    throw new AtelierException("shaded interval " + Arrays.toString(interval) + " of '" + name
                            + "' is not {from, to} with from ≤ to; pass it in that order");
                }
                shaded.add(interval.clone());
            }
            shadedName = name;
            return this;
        }

        /**
         * Marks a position on the x axis with a dashed vertical line labelled at its top, e.g. the
         * epoch after which the validation loss stops improving; the legend names the line.
         *
         * @param x where
         * @param label the text at the line's top, and its legend entry
         * @return this builder
         */
        public Builder markX(double x, String label) {
            if (!Double.isFinite(x)) {
                throw new AtelierException("a marked x must be finite, got " + x + " for '" + label + "'");
            }
            marks.add(new Mark(x, label));
            return this;
        }

        /** Builds the figure. */
        public ChartFigure build() {
            XYPlot plot = new XYPlot();
            plot.setDomainAxis(axis(xLabel, logX));
            plot.setRangeAxis(axis(yLabel, logY));
            LegendItemCollection legend = new LegendItemCollection();
            // Faint runs first, then bands, then lines: later layers are drawn on top.
            int index = 0;
            for (Layer.Kind kind : Layer.Kind.values()) {
                for (Layer layer : layers) {
                    if (layer.kind() == kind) {
                        layer.addTo(plot, index++, markers);
                    }
                }
            }
            for (Layer layer : layers) {
                layer.legendItem().ifPresent(legend::add);
            }
            for (double[] interval : shaded) {
                IntervalMarker marker = new IntervalMarker(interval[0], interval[1]);
                marker.setPaint(SHADE);
                plot.addDomainMarker(marker, org.jfree.chart.ui.Layer.BACKGROUND);
            }
            if (!shaded.isEmpty()) {
                LegendItem item = new LegendItem(shadedName, null, null, null, new Rectangle(-7, -7, 14, 14), SHADE);
                item.setLabelFont(ChartStyle.TICK_FONT);
                legend.add(item);
            }
            for (Mark mark : marks) {
                ValueMarker line = new ValueMarker(mark.x(), Color.BLACK, ChartStyle.stroke(1.5f, LineStyle.DASHED));
                line.setLabel(mark.label());
                line.setLabelFont(ChartStyle.TICK_FONT);
                // the label goes to the side of the line with more room, so that it is never cut off
                boolean leftOfLine = mark.x() > middleX();
                line.setLabelAnchor(leftOfLine ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
                line.setLabelTextAnchor(leftOfLine ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
                line.setLabelOffset(new RectangleInsets(6, 4, 6, 4));
                line.setLabelBackgroundColor(new Color(255, 255, 255, 220));
                plot.addDomainMarker(line, org.jfree.chart.ui.Layer.FOREGROUND);
                legend.add(ChartStyle.lineLegendItem(mark.label(), LineStyle.DASHED, Color.BLACK));
            }
            plot.setFixedLegendItems(legend);
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
            return figure(plot, true);
        }

        /** The middle of the x values drawn. */
        private double middleX() {
            double min = layers.stream().flatMapToDouble(l -> Arrays.stream(l.x())).min().orElse(0);
            double max = layers.stream().flatMapToDouble(l -> Arrays.stream(l.x())).max().orElse(0);
            return (min + max) / 2;
        }

        private static ValueAxis axis(String label, boolean log) {
            return log ? new LogScaleAxis(label) : fittedAxis(label);
        }

        private static double[] check(String name, double[] x, double[] y) {
            if (x.length != y.length) {
                throw new AtelierException("series '" + name + "' has " + x.length + " x values but " + y.length
                        + " y values; pass arrays of equal length");
            }
            return y;
        }
    }

    /** A labelled vertical line. */
    private record Mark(double x, String label) {}

    /** One dataset of the plot with its renderer. */
    private record Layer(Kind kind, String name, double[] x, double[] y, double[] std, LineStyle style, Color color) {

        enum Kind { FAINT, BAND, LINE }

        static Layer line(String name, double[] x, double[] y, LineStyle style, Color color) {
            return new Layer(Kind.LINE, name, x, y, null, style, color);
        }

        static Layer band(String name, double[] x, double[] mean, double[] std, Color color) {
            return new Layer(Kind.BAND, name, x, mean, std, LineStyle.SOLID, color);
        }

        static Layer faint(double[] x, double[] y, Color color) {
            return new Layer(Kind.FAINT, null, x, y, null, LineStyle.SOLID, color);
        }

        void addTo(XYPlot plot, int index, boolean markers) {
            if (kind == Kind.BAND) {
                YIntervalSeries series = new YIntervalSeries(name);
                for (int i = 0; i < x.length; i++) {
                    series.add(x[i], y[i], y[i] - std[i], y[i] + std[i]);
                }
                DeviationRenderer renderer = new DeviationRenderer(true, markers);
                renderer.setSeriesPaint(0, color);
                renderer.setSeriesFillPaint(0, color);
                renderer.setSeriesStroke(0, ChartStyle.stroke(2.5f, style));
                renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
                renderer.setAlpha(0.2f);
                YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
                dataset.addSeries(series);
                plot.setDataset(index, dataset);
                plot.setRenderer(index, renderer);
                return;
            }
            XYSeries series = new XYSeries(name == null ? "run " + index : name, false, true);
            for (int i = 0; i < x.length; i++) {
                series.add(x[i], y[i]);
            }
            boolean faint = kind == Kind.FAINT;
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, markers && !faint);
            renderer.setSeriesPaint(0, faint ? ChartStyle.withAlpha(color, 90) : color);
            renderer.setSeriesStroke(0, ChartStyle.stroke(faint ? 1f : 2.5f, style));
            renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            plot.setDataset(index, new XYSeriesCollection(series));
            plot.setRenderer(index, renderer);
        }

        Optional<LegendItem> legendItem() {
            if (kind == Kind.FAINT) {
                return Optional.empty();
            }
            return Optional.of(ChartStyle.lineLegendItem(name, style, color));
        }
    }
}

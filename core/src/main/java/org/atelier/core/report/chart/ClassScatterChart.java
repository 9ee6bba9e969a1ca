package org.atelier.core.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.atelier.core.AtelierException;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A scatter plot of many points coloured by class, e.g. a t-SNE map of 60 000 feature vectors:
 * small translucent markers so that dense regions read as dense, the points drawn in a seeded
 * random order so that no class hides the others, both axes on one scale (a map's distances mean
 * the same in every direction), a legend of the class names with opaque markers, and optionally
 * each class's name written at its median point.
 *
 * <pre>{@code
 * ClassScatterChart.builder().title("t-SNE of fc1 features").xLabel("t-SNE 1").yLabel("t-SNE 2")
 *     .points(xy, labels, classNames).build().save(dir.resolve("tsne.png"));
 * }</pre>
 */
public final class ClassScatterChart {

    private ClassScatterChart() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the points; axis labels default to "x" and "y", the size to 1100 × 950. */
    public static final class Builder extends XyChartBuilder<Builder> {
        private float[] xy;
        private int[] labels;
        private List<String> classNames;
        private double markerSize = 2.5;
        private int alpha = 110;
        private boolean classLabels;

        private Builder() {
            super("x", "y");
            size(1100, 950);
        }

        /**
         * The points.
         *
         * @param xy two coordinates per point, {@code (x, y)} after each other, finite
         * @param labels each point's class, in {@code [0, classNames.size())}
         * @param classNames the legend's names, in class order
         * @return this builder
         */
        public Builder points(float[] xy, int[] labels, List<String> classNames) {
            if (xy.length != 2 * labels.length || labels.length == 0) {
                throw new AtelierException("a class scatter needs two coordinates per label, got " + xy.length
                        + " coordinates for " + labels.length + " labels");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new AtelierException("point " + i + " has class " + labels[i] + ", outside the "
                            + classNames.size() + " class names");
                }
                if (!Float.isFinite(xy[2 * i]) || !Float.isFinite(xy[2 * i + 1])) {
                    throw new AtelierException("point " + i + " is not finite: (" + xy[2 * i] + ", " + xy[2 * i + 1] + ")");
                }
            }
            this.xy = xy;
            this.labels = labels;
            this.classNames = List.copyOf(classNames);
            return this;
        }

        /** The marker diameter in pixels (default 2.5; smaller for more points). */
        public Builder markerSize(double pixels) {
            if (!(pixels > 0)) {
                throw new AtelierException("marker size must be positive, got " + pixels);
            }
            this.markerSize = pixels;
            return this;
        }

        /** The markers' opacity, 1–255 (default 110). */
        public Builder alpha(int alpha) {
            if (alpha < 1 || alpha > 255) {
                throw new AtelierException("alpha must be in [1, 255], got " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        /** Whether each class's name is written at its median point (default false). */
        public Builder classLabels(boolean classLabels) {
            this.classLabels = classLabels;
            return this;
        }

        /** Builds the figure. */
        public ChartFigure build() {
            if (xy == null) {
                throw new AtelierException("a class scatter needs points; add them with points(...)");
            }
            int n = labels.length;
            int[] order = shuffledOrder(n);
            double[][] series = new double[2][n];
            Paint[] translucent = new Paint[classNames.size()];
            for (int c = 0; c < translucent.length; c++) {
                translucent[c] = ChartStyle.withAlpha(ChartStyle.color(c), alpha);
            }
            Paint[] paints = new Paint[n];
            for (int r = 0; r < n; r++) {
                int i = order[r];
                series[0][r] = xy[2 * i];
                series[1][r] = xy[2 * i + 1];
                paints[r] = translucent[labels[i]];
            }
            DefaultXYDataset dataset = new DefaultXYDataset();
            dataset.addSeries("points", series);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true) {
                private static final long serialVersionUID = 1L;

                @Override
                public Paint getItemPaint(int row, int column) {
                    return paints[column];
                }
            };
            renderer.setSeriesShape(0, circle(markerSize));
            NumberAxis x = new NumberAxis(xLabel);
            NumberAxis y = new NumberAxis(yLabel);
            squareRanges(x, y);
            XYPlot plot = new XYPlot(dataset, x, y, renderer);
            plot.setFixedLegendItems(legend());
            if (classLabels) {
                addClassLabels(plot);
            }
            ChartFigure figure = figure(plot, true);
            figure.chart().getLegend().setPosition(RectangleEdge.RIGHT);
            return figure;
        }

        /** A seeded permutation, so that the drawing order is random but the same every time. */
        private static int[] shuffledOrder(int n) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Random random = new Random(0);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            return order;
        }

        /** Both axes span the same length around the data's centre, with a 3 % margin. */
        private void squareRanges(NumberAxis x, NumberAxis y) {
            double[] low = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] high = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int i = 0; i < xy.length; i++) {
                low[i % 2] = Math.min(low[i % 2], xy[i]);
                high[i % 2] = Math.max(high[i % 2], xy[i]);
            }
            double half = Math.max(Math.max(high[0] - low[0], high[1] - low[1]) / 2 * 1.03, 1e-9);
            double cx = (low[0] + high[0]) / 2;
            double cy = (low[1] + high[1]) / 2;
            x.setRange(cx - half, cx + half);
            y.setRange(cy - half, cy + half);
            NumberTickUnit unit = new NumberTickUnit(niceStep(2 * half / 10));
            x.setTickUnit(unit);
            y.setTickUnit(unit);
        }

        /** 1, 2 or 5 times a power of ten, the nearest at or above {@code raw}: five to ten ticks per axis. */
        private static double niceStep(double raw) {
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double m : new double[] {1, 2, 5}) {
                if (m * power >= raw) {
                    return m * power;
                }
            }
            return 10 * power;
        }

        private LegendItemCollection legend() {
            LegendItemCollection items = new LegendItemCollection();
            for (int c = 0; c < classNames.size(); c++) {
                LegendItem item = new LegendItem(classNames.get(c), null, null, null, circle(11), ChartStyle.color(c));
                item.setLabelFont(ChartStyle.TICK_FONT);
                items.add(item);
            }
            return items;
        }

        /** Each class's name at the median of its points' coordinates. */
        private void addClassLabels(XYPlot plot) {
            for (int c = 0; c < classNames.size(); c++) {
                float[][] coordinates = new float[2][];
                int count = 0;
                for (int label : labels) {
                    count += label == c ? 1 : 0;
                }
                if (count == 0) {
                    continue;
                }
                for (int axis = 0; axis < 2; axis++) {
                    coordinates[axis] = new float[count];
                    int k = 0;
                    for (int i = 0; i < labels.length; i++) {
                        if (labels[i] == c) {
                            coordinates[axis][k++] = xy[2 * i + axis];
                        }
                    }
                    Arrays.sort(coordinates[axis]);
                }
                XYTextAnnotation label = new XYTextAnnotation(classNames.get(c), coordinates[0][count / 2],
                        coordinates[1][count / 2]);
                label.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                label.setPaint(Color.BLACK);
                label.setBackgroundPaint(new Color(255, 255, 255, 190));
                label.setOutlineVisible(false);
                plot.addAnnotation(label);
            }
        }

        private static Ellipse2D circle(double diameter) {
            return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
        }
    }
}

package org.atelier.core.report.chart;

import java.awt.Color;
import java.awt.Font;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion-matrix heat map: actual classes down the left (first class at the top), predicted
 * classes along the bottom (labels vertical, so long names such as "T-shirt/top" never overlap),
 * each cell shaded white-to-blue by its count and labelled with the count in black or white,
 * whichever contrasts, plus a colour scale on the right.
 */
public final class ConfusionMatrixChart {

    private ConfusionMatrixChart() {}

    /**
     * Draws a confusion matrix at a size that suits its number of classes.
     *
     * @param matrix the counts
     * @param title the figure title
     * @return the figure
     */
    public static ChartFigure of(ConfusionMatrix matrix, String title) {
        int side = Math.max(600, 60 * matrix.classCount() + 250);
        return of(matrix, title, side + 120, side);
    }

    /**
     * Draws a confusion matrix.
     *
     * @param matrix the counts
     * @param title the figure title
     * @param width width in pixels
     * @param height height in pixels
     * @return the figure
     */
    public static ChartFigure of(ConfusionMatrix matrix, String title, int width, int height) {
        int classes = matrix.classCount();
        String[] names = matrix.classNames().toArray(String[]::new);
        long max = 1;
        for (long[] row : matrix.counts()) {
            for (long count : row) {
                max = Math.max(max, count);
            }
        }
        PaintScale scale = new MapScale(max);
        XYPlot plot = new XYPlot(dataset(matrix), axis("predicted class", names, false),
                axis("actual class", names, true), renderer(scale));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setRangeAxisLocation(AxisLocation.TOP_OR_LEFT);
        Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, classes > 12 ? 12 : 14);
        for (int actual = 0; actual < classes; actual++) {
            for (int predicted = 0; predicted < classes; predicted++) {
                long count = matrix.count(actual, predicted);
                XYTextAnnotation text = new XYTextAnnotation(Long.toString(count), predicted, actual);
                text.setFont(cellFont);
                // Dark cells get white text; the threshold is where the blue turns mid-dark.
                text.setPaint(count > 0.5 * max ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(text);
            }
        }
        JFreeChart chart = ChartStyle.chart(title, plot, false);
        chart.addSubtitle(legend(scale, max));
        return new ChartFigure(chart, width, height);
    }

    private static DefaultXYZDataset dataset(ConfusionMatrix matrix) {
        int classes = matrix.classCount();
        double[][] xyz = new double[3][classes * classes];
        for (int actual = 0; actual < classes; actual++) {
            for (int predicted = 0; predicted < classes; predicted++) {
                int i = actual * classes + predicted;
                xyz[0][i] = predicted;
                xyz[1][i] = actual;
                xyz[2][i] = matrix.count(actual, predicted);
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("counts", xyz);
        return dataset;
    }

    private static SymbolAxis axis(String label, String[] names, boolean rows) {
        SymbolAxis axis = new SymbolAxis(label, names);
        axis.setGridBandsVisible(false);
        axis.setRange(-0.5, names.length - 0.5);
        axis.setInverted(rows);
        axis.setVerticalTickLabels(!rows);
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        return axis;
    }

    private static XYBlockRenderer renderer(PaintScale scale) {
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        renderer.setBlockWidth(1);
        renderer.setBlockHeight(1);
        return renderer;
    }

    private static PaintScaleLegend legend(PaintScale scale, long max) {
        NumberAxis axis = new NumberAxis("count");
        axis.setRange(0, max);
        // About six labelled ticks at a round step (1, 2 or 5 × 10^k), however tall the bar is.
        double raw = max / 6.0;
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(1, raw))));
        double step = raw <= power ? power : raw <= 2 * power ? 2 * power : raw <= 5 * power ? 5 * power : 10 * power;
        axis.setTickUnit(new NumberTickUnit(Math.max(1, step)));
        axis.setLabelFont(ChartStyle.LABEL_FONT);
        axis.setTickLabelFont(ChartStyle.TICK_FONT);
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(18);
        legend.setAxisOffset(4);
        legend.setMargin(new RectangleInsets(40, 16, 40, 0));
        legend.setBackgroundPaint(Color.WHITE);
        return legend;
    }

    /** White (0) to dark blue (the largest count). */
    private record MapScale(double max) implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return max;
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            return ColorMap.BLUES.color(value / max);
        }
    }
}

package org.atelier.core.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atelier.core.AtelierException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
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
 * A heat map of a table of numbers: named columns along the bottom, named rows down the left (the
 * first row at the top, as in the table), each cell shaded by its value through a {@link ColorMap}
 * and labelled with the value in black or white, whichever contrasts, and a colour scale on the
 * right naming the value and its unit. A cell without a value (NaN) is light grey and labelled
 * "—"; one cell can be outlined (e.g. the best). Matplotlib's {@code imshow} with {@code colorbar}
 * and per-cell {@code text}, or seaborn's {@code heatmap(annot=True)}.
 *
 * <pre>{@code
 * HeatMap.builder().title("Validation loss").xLabel("epochs").yLabel("batch size")
 *     .columns(List.of("1", "5", "10")).rows(List.of("16", "64"))
 *     .values(new double[][] {{0.20, 0.09, 0.08}, {0.25, 0.10, 0.08}})
 *     .valueLabel("validation loss").cellFormat("%.3f").build();
 * }</pre>
 */
public final class HeatMap {

    /** The colour of a cell without a value. */
    static final Color MISSING = new Color(0xE0E0E0);
    private static final int TICKS = 6;

    private HeatMap() {}

    /** A new builder; columns, rows and values are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the table and the look of one heat map; axis labels default to "column" and "row". */
    public static final class Builder extends XyChartBuilder<Builder> {
        private List<String> columns;
        private List<String> rows;
        private double[][] values;
        private String valueLabel = "value";
        private String cellFormat = "%.3g";
        private ColorMap colors = ColorMap.BLUES;
        private double low = Double.NaN;
        private double high = Double.NaN;
        private boolean wholeNumbers;
        private boolean verticalColumnLabels;
        private int highlightRow = -1;
        private int highlightColumn = -1;

        private Builder() {
            super("column", "row");
            size(800, 600);
        }

        /**
         * The column names, left to right.
         *
         * @param columns one name per column
         * @return this builder
         */
        public Builder columns(List<String> columns) {
            this.columns = List.copyOf(columns);
            return this;
        }

        /**
         * The row names, top to bottom.
         *
         * @param rows one name per row
         * @return this builder
         */
        public Builder rows(List<String> rows) {
            this.rows = List.copyOf(rows);
            return this;
        }

        /**
         * The values, {@code values[row][column]}; NaN where a cell has none.
         *
         * @param values one array per row, each as long as the columns
         * @return this builder
         */
        public Builder values(double[][] values) {
            this.values = new double[values.length][];
            for (int r = 0; r < values.length; r++) {
                this.values[r] = values[r].clone();
            }
            return this;
        }

        /**
         * What the values are, with their unit: the colour scale's label, e.g. {@code "wall time (s)"}.
         *
         * @param valueLabel the label
         * @return this builder
         */
        public Builder valueLabel(String valueLabel) {
            this.valueLabel = valueLabel;
            return this;
        }

        /**
         * How each cell's value is written, a {@link String#format} pattern for one double, e.g.
         * {@code "%.3f"} (default {@code "%.3g"}).
         *
         * @param cellFormat the pattern
         * @return this builder
         */
        public Builder cellFormat(String cellFormat) {
            this.cellFormat = cellFormat;
            return this;
        }

        /**
         * The colours from the lowest to the highest value (default {@link ColorMap#BLUES}: white to
         * dark blue); {@link ColorMap#reversed()} makes the low values dark.
         *
         * @param colors the colour map
         * @return this builder
         */
        public Builder colorMap(ColorMap colors) {
            this.colors = colors;
            return this;
        }

        /**
         * The values at the two ends of the colour scale (default: the smallest and largest value
         * shown); values outside get the end colours.
         *
         * @param low the value of the first colour
         * @param high the value of the last colour, above {@code low}
         * @return this builder
         */
        public Builder range(double low, double high) {
            if (!(low < high) || Double.isInfinite(low) || Double.isInfinite(high)) {
                throw new AtelierException("a heat map's colour range needs finite low < high, got " + low + " and "
                        + high + "; pass the smallest and largest value to show");
            }
            this.low = low;
            this.high = high;
            return this;
        }

        /** Whether the values are counts: cells written without decimals, scale ticks at whole numbers. */
        public Builder wholeNumbers(boolean wholeNumbers) {
            this.wholeNumbers = wholeNumbers;
            return this;
        }

        /** Whether column names are written vertically, so that long names never overlap. */
        public Builder verticalColumnLabels(boolean vertical) {
            this.verticalColumnLabels = vertical;
            return this;
        }

        /**
         * Outlines one cell, e.g. the best combination; the caption should say what the outline means.
         *
         * @param row its row, 0 at the top
         * @param column its column, 0 at the left
         * @return this builder
         */
        public Builder highlight(int row, int column) {
            this.highlightRow = row;
            this.highlightColumn = column;
            return this;
        }

        /**
         * Builds the figure.
         *
         * @return the figure
         * @throws AtelierException if the names and values do not fit together
         */
        public ChartFigure build() {
            check();
            double[] limits = limits();
            PaintScale scale = new Scale(limits[0], limits[1], colors);
            XYPlot plot = new XYPlot(dataset(), axis(xLabel, columns, false), axis(yLabel, rows, true), renderer(scale));
            plot.setDomainGridlinesVisible(false);
            plot.setRangeGridlinesVisible(false);
            plot.setRangeAxisLocation(AxisLocation.TOP_OR_LEFT);
            Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, columns.size() > 12 || rows.size() > 12 ? 12 : 14);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < columns.size(); c++) {
                    plot.addAnnotation(cellText(values[r][c], c, r, scale, cellFont));
                }
            }
            if (highlightRow >= 0) {
                plot.addAnnotation(new XYShapeAnnotation(new Rectangle2D.Double(highlightColumn - 0.47,
                        highlightRow - 0.47, 0.94, 0.94), new BasicStroke(4f), ChartStyle.color(1)));
            }
            JFreeChart chart = ChartStyle.chart(title, plot, false);
            chart.addSubtitle(legend(scale, limits));
            return new ChartFigure(chart, width, height);
        }

        private void check() {
            if (columns == null || rows == null || values == null) {
                throw new AtelierException("a heat map needs columns, rows and values; set all three");
            }
            if (columns.isEmpty() || rows.isEmpty() || values.length != rows.size()) {
                throw new AtelierException("a heat map has " + rows.size() + " row names and " + values.length
                        + " rows of values; pass one row of values per name (at least one)");
            }
            for (int r = 0; r < values.length; r++) {
                if (values[r].length != columns.size()) {
                    throw new AtelierException("row '" + rows.get(r) + "' of the heat map has " + values[r].length
                            + " values for " + columns.size() + " columns; pass one value per column (NaN for none)");
                }
            }
            if (highlightRow >= rows.size() || highlightColumn >= columns.size()) {
                throw new AtelierException("the highlighted cell (" + highlightRow + ", " + highlightColumn
                        + ") is outside the " + rows.size() + " × " + columns.size() + " heat map");
            }
        }

        /** The colour range: as set, else the finite values' extent (widened if they are all equal). */
        private double[] limits() {
            if (!Double.isNaN(low)) {
                return new double[] {low, high};
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : values) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (min > max) {
                return new double[] {0, 1};
            }
            double pad = min == max ? Math.max(1e-9, Math.abs(min) * 0.01) : 0;
            return new double[] {min - pad, max + pad};
        }

        private DefaultXYZDataset dataset() {
            List<double[]> cells = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < columns.size(); c++) {
                    cells.add(new double[] {c, r, values[r][c]});
                }
            }
            double[][] xyz = new double[3][cells.size()];
            for (int i = 0; i < cells.size(); i++) {
                for (int k = 0; k < 3; k++) {
                    xyz[k][i] = cells.get(i)[k];
                }
            }
            DefaultXYZDataset dataset = new DefaultXYZDataset();
            dataset.addSeries("values", xyz);
            return dataset;
        }

        private SymbolAxis axis(String label, List<String> names, boolean rowAxis) {
            SymbolAxis axis = new SymbolAxis(label, names.toArray(String[]::new));
            axis.setGridBandsVisible(false);
            axis.setRange(-0.5, names.size() - 0.5);
            axis.setInverted(rowAxis);
            axis.setVerticalTickLabels(!rowAxis && verticalColumnLabels);
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

        private XYTextAnnotation cellText(double value, int column, int row, PaintScale scale, Font font) {
            String text = !Double.isFinite(value) ? "—"
                    : wholeNumbers ? Long.toString(Math.round(value)) : String.format(Locale.ROOT, cellFormat, value);
            XYTextAnnotation annotation = new XYTextAnnotation(text, column, row);
            annotation.setFont(font);
            annotation.setPaint(contrasting(scale.getPaint(value)));
            return annotation;
        }

        private PaintScaleLegend legend(PaintScale scale, double[] limits) {
            NumberAxis axis = new NumberAxis(valueLabel);
            axis.setRange(limits[0], limits[1]);
            double step = roundStep((limits[1] - limits[0]) / TICKS);
            axis.setTickUnit(new NumberTickUnit(wholeNumbers ? Math.max(1, step) : step));
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
    }

    /** The round step (1, 2 or 5 × 10^k) at or above {@code raw}, for about {@value #TICKS} labelled ticks. */
    static double roundStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        return raw <= power ? power : raw <= 2 * power ? 2 * power : raw <= 5 * power ? 5 * power : 10 * power;
    }

    /** Black on light cells, white on dark ones (by the cell colour's relative luminance). */
    static Color contrasting(Paint cell) {
        Color c = (Color) cell;
        double luminance = (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
        return luminance < 0.5 ? Color.WHITE : Color.BLACK;
    }

    /** Values from {@code low} to {@code high} through a colour map; NaN is {@link #MISSING}. */
    private record Scale(double low, double high, ColorMap colors) implements PaintScale {
        @Override
        public double getLowerBound() {
            return low;
        }

        @Override
        public double getUpperBound() {
            return high;
        }

        @Override
        public Paint getPaint(double value) {
            return Double.isNaN(value) ? MISSING : colors.color((value - low) / (high - low));
        }
    }
}

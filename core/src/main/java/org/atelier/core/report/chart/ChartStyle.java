package org.atelier.core.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The shared look of every Atelier figure: white background, light grey grid, fonts of at least
 * 12 pt, and the Okabe–Ito palette, whose eight colours stay distinguishable with the common forms
 * of colour blindness.
 */
public final class ChartStyle {

    /** Default figure width in pixels. */
    public static final int WIDTH = 900;
    /** Default figure height in pixels. */
    public static final int HEIGHT = 600;

    /**
     * The eight Okabe–Ito colours, then four of Paul Tol's (wine, olive, indigo, teal) so that the
     * ten classes of (Fashion-)MNIST get ten distinct colours.
     */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xE69F00), // orange
        new Color(0xCC79A7), // reddish purple
        new Color(0x56B4E9), // sky blue
        new Color(0xF0E442), // yellow
        new Color(0x000000),
        new Color(0x882255),
        new Color(0x999933),
        new Color(0x332288),
        new Color(0x44AA99),
    };

    /** Figure titles. */
    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    /** Axis labels and panel titles. */
    public static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    /** Tick labels, legends and cell text. */
    public static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** Grid lines. */
    public static final Color GRID_COLOR = new Color(0xDDDDDD);

    private ChartStyle() {}

    /**
     * The i-th palette colour, cycling after twelve.
     *
     * @param index 0 or more
     * @return the colour
     */
    public static Color color(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** The same colour with the given opacity (0–255). */
    static Color withAlpha(Color color, int alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
    }

    /**
     * A line stroke.
     *
     * @param width the width in pixels
     * @param style solid, dashed or dotted
     * @return the stroke
     */
    static Stroke stroke(float width, LineStyle style) {
        return switch (style) {
            case SOLID -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            case DASHED -> new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {8f, 5f}, 0f);
            case DOTTED -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {1f, 5f}, 0f);
        };
    }

    /**
     * A legend entry showing a short stretch of a line as the plot draws it, for plots that fix
     * their legend (bands, and curves repeated across panels, would otherwise get no or two entries).
     *
     * @param name the entry text
     * @param style the line style
     * @param color the line colour
     * @return the entry
     */
    static LegendItem lineLegendItem(String name, LineStyle style, Color color) {
        LegendItem item = new LegendItem(name, null, null, null,
                new Line2D.Double(-12, 0, 12, 0), stroke(2.5f, style), color);
        item.setLabelFont(TICK_FONT);
        return item;
    }

    /**
     * A styled chart around a finished plot.
     *
     * @param title the title, empty for none
     * @param plot the plot
     * @param legend whether to show a legend
     * @return the chart
     */
    static JFreeChart chart(String title, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        apply(chart);
        return chart;
    }

    /** Styles a chart and its plot (subplots of a combined plot included). */
    private static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(10, 10, 10, 20));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE_FONT);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(TICK_FONT);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            style(plot);
        }
    }

    /** Styles one plot: white background, light grid, readable axes. */
    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        plot.setDomainGridlinePaint(GRID_COLOR);
        plot.setRangeGridlinePaint(GRID_COLOR);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            style(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            style(plot.getRangeAxis(i));
        }
        if (plot instanceof org.jfree.chart.plot.CombinedRangeXYPlot combined) {
            combined.getSubplots().forEach(sub -> style((XYPlot) sub));
        }
    }

    /** Styles one axis: label and tick fonts, dark text. */
    private static void style(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setLabelPaint(Color.BLACK);
        axis.setTickLabelPaint(Color.DARK_GRAY);
    }

    /**
     * A figure drawn directly with Java 2D: a white RGB image of the given size, antialiased, on
     * which {@code painter} draws.
     *
     * @param width width in pixels
     * @param height height in pixels
     * @param painter draws the figure
     * @return the image
     */
    static BufferedImage paint(int width, int height, Consumer<Graphics2D> painter) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            antialias(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Turns on antialiasing for figures drawn directly with Java 2D. */
    static void antialias(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }
}

package org.atelier.core.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Bars with ± one standard deviation error bars over categories (e.g. validation accuracy per
 * hidden size n = 10, 20, …, 1000, mean of several seeds), grouped by series. Categories appear in
 * the order they are first added.
 */
public final class BarChart {

    private BarChart() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the bars of one chart. */
    public static final class Builder {
        private String title = "";
        private String xLabel = "";
        private String yLabel = "value";
        private boolean includeZero = true;
        private int width = ChartStyle.WIDTH;
        private int height = ChartStyle.HEIGHT;
        private final DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();

        private Builder() {}

        /** The figure title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The category axis label. */
        public Builder xLabel(String xLabel) {
            this.xLabel = xLabel;
            return this;
        }

        /** The value axis label, with its unit where it has one. */
        public Builder yLabel(String yLabel) {
            this.yLabel = yLabel;
            return this;
        }

        /**
         * Whether the value axis starts at zero (default true, honest for bar lengths; turn off to
         * resolve small differences such as accuracies between 0.85 and 0.89).
         */
        public Builder includeZero(boolean includeZero) {
            this.includeZero = includeZero;
            return this;
        }

        /** The size in pixels (default 900 × 600). */
        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * Adds one bar.
         *
         * @param series the legend entry (one colour per series)
         * @param category the x position, e.g. {@code "n = 100"}
         * @param mean the bar height
         * @param std the half-length of the error bar (0 for none)
         * @return this builder
         */
        public Builder bar(String series, String category, double mean, double std) {
            dataset.add(mean, std, series, category);
            return this;
        }

        /** Builds the figure. */
        public ChartFigure build() {
            StatisticalBarRenderer renderer = new StatisticalBarRenderer();
            renderer.setBarPainter(new StandardBarPainter());
            renderer.setShadowVisible(false);
            renderer.setDrawBarOutline(false);
            renderer.setItemMargin(0.05);
            renderer.setErrorIndicatorPaint(Color.BLACK);
            renderer.setErrorIndicatorStroke(new BasicStroke(1.5f));
            for (int i = 0; i < dataset.getRowCount(); i++) {
                renderer.setSeriesPaint(i, ChartStyle.color(i));
            }
            CategoryAxis xAxis = new CategoryAxis(xLabel);
            xAxis.setCategoryLabelPositions(dataset.getColumnCount() > 8
                    ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
            NumberAxis yAxis = new NumberAxis(yLabel);
            yAxis.setAutoRangeIncludesZero(includeZero);
            CategoryPlot plot = new CategoryPlot(dataset, xAxis, yAxis, renderer);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(ChartStyle.GRID_COLOR);
            plot.setRangeGridlineStroke(new BasicStroke(1f));
            plot.setOutlinePaint(Color.GRAY);
            ChartStyle.style(xAxis);
            ChartStyle.style(yAxis);
            JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, dataset.getRowCount() > 1);
            ChartStyle.apply(chart);
            return new ChartFigure(chart, width, height);
        }
    }
}

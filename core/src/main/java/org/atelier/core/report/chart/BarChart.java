package org.atelier.core.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
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

    /**
     * Collects the bars of one chart; the x label names the category axis (default none), the y
     * label the value axis (default "value").
     */
    public static final class Builder extends XyChartBuilder<Builder> {
        private boolean includeZero = true;
        private final DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();

        private Builder() {
            super("", "value");
        }

        /**
         * Whether the value axis starts at zero (default true, honest for bar lengths; turn off to
         * resolve small differences such as accuracies between 0.85 and 0.89).
         */
        public Builder includeZero(boolean includeZero) {
            this.includeZero = includeZero;
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
            // A bar renderer puts its base (0) into the axis range on its own; without this the
            // axis would start at zero whatever includeZero says.
            renderer.setIncludeBaseInRange(includeZero);
            for (int i = 0; i < dataset.getRowCount(); i++) {
                renderer.setSeriesPaint(i, ChartStyle.color(i));
            }
            CategoryAxis xAxis = new CategoryAxis(xLabel);
            xAxis.setCategoryLabelPositions(dataset.getColumnCount() > 8
                    ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
            NumberAxis yAxis = new NumberAxis(yLabel);
            yAxis.setAutoRangeIncludesZero(includeZero);
            return figure(new CategoryPlot(dataset, xAxis, yAxis, renderer), dataset.getRowCount() > 1);
        }
    }
}

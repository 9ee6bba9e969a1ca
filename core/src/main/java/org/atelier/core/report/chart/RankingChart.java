package org.atelier.core.report.chart;

import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * A ranked dot plot: one row per entry, best at the top, its mean as a dot and ± one standard
 * deviation as a horizontal bar, coloured by group (e.g. the candidates of a grid and a random
 * search by their cross-validation score). Dots rather than bars, because bars would have to start
 * at zero and hide differences of a tenth of a percent between scores near 0.97.
 *
 * <pre>{@code
 * RankingChart.builder().title("Best candidates").xLabel("mean accuracy")
 *     .entry("grid", "lr 0.1, 512 units", 0.975, 0.002).build();
 * }</pre>
 */
public final class RankingChart {

    private RankingChart() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the entries in rank order; the x axis label defaults to "score". */
    public static final class Builder extends XyChartBuilder<Builder> {
        private record Entry(String group, String label, double mean, double std) {}

        private final List<Entry> entries = new ArrayList<>();
        private final List<String> groups = new ArrayList<>();

        private Builder() {
            super("score", "");
        }

        /**
         * Declares the groups in legend order, which fixes their colours (palette order) whatever
         * group the best entry belongs to; groups not declared follow in order of appearance.
         *
         * @param names the groups
         * @return this builder
         */
        public Builder groups(String... names) {
            groups.addAll(List.of(names));
            return this;
        }

        /**
         * Adds the next entry (the first added is drawn at the top).
         *
         * @param group the legend entry its colour stands for
         * @param label the row's label
         * @param mean its mean, finite
         * @param std its standard deviation, ≥ 0
         * @return this builder
         */
        public Builder entry(String group, String label, double mean, double std) {
            if (!Double.isFinite(mean) || !(std >= 0)) {
                throw new AtelierException("ranking entry '" + label + "' is not finite: " + mean + " ± " + std);
            }
            entries.add(new Entry(group, label, mean, std));
            return this;
        }

        /** Builds the figure. */
        public ChartFigure build() {
            if (entries.isEmpty()) {
                throw new AtelierException("a ranking needs at least one entry; add one with entry(...)");
            }
            int n = entries.size();
            Map<String, XYIntervalSeries> series = new LinkedHashMap<>();
            for (String group : groups) {
                series.put(group, new XYIntervalSeries(group, false, true));
            }
            String[] labels = new String[n];
            for (int i = 0; i < n; i++) {
                Entry e = entries.get(i);
                double row = n - 1 - i; // the first entry on the top row
                labels[n - 1 - i] = e.label();
                series.computeIfAbsent(e.group(), g -> new XYIntervalSeries(g, false, true))
                        .add(e.mean(), e.mean() - e.std(), e.mean() + e.std(), row, row, row);
            }
            XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
            series.values().stream().filter(g -> g.getItemCount() > 0).forEach(dataset::addSeries);
            XYErrorRenderer renderer = new XYErrorRenderer();
            renderer.setDrawYError(false);
            renderer.setCapLength(6);
            renderer.setErrorStroke(ChartStyle.stroke(2f, LineStyle.SOLID));
            renderer.setDefaultLinesVisible(false);
            List<String> names = new ArrayList<>(series.keySet());
            for (int s = 0; s < dataset.getSeriesCount(); s++) {
                renderer.setSeriesPaint(s, ChartStyle.color(names.indexOf((String) dataset.getSeriesKey(s))));
                renderer.setSeriesLinesVisible(s, false);
                renderer.setSeriesShape(s, new Ellipse2D.Double(-5, -5, 10, 10));
            }
            SymbolAxis rows = new SymbolAxis(yLabel, labels);
            rows.setGridBandsVisible(false);
            rows.setLowerMargin(0.02);
            rows.setUpperMargin(0.02);
            XYPlot plot = new XYPlot(dataset, fittedAxis(xLabel), rows, renderer);
            return figure(plot, dataset.getSeriesCount() > 1);
        }
    }
}

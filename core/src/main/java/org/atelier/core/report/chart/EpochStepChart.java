package org.atelier.core.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.AtelierException;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One metric against two clocks: epochs (left panel) and parameter updates (right panel), the two
 * panels sharing the metric's axis. Made for comparing full-batch with mini-batch gradient descent,
 * whose update counts per epoch differ by orders of magnitude (1 against N / batch size).
 *
 * <p>Why two panels and not one plot with a second x axis on top: with two x axes on one plot each
 * curve belongs to only one of them, and a reader cannot tell which without decoding the legend;
 * two side-by-side panels show every curve against both clocks, each clock with its own labelled
 * axis, and the shared y axis keeps heights directly comparable. The update axis is logarithmic
 * by default, because a linear one would squeeze the full-batch curve into its first pixel.
 */
public final class EpochStepChart {

    private EpochStepChart() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the curves of one chart; the y label (default "validation loss") is shared by both
     * panels, and the size defaults to 1200 × 600 because two panels need width.
     */
    public static final class Builder extends ChartBuilder<Builder> {
        private String epochLabel = "epoch";
        private String stepLabel = "parameter updates (log scale)";
        private boolean logSteps = true;
        private final List<Curve> curves = new ArrayList<>();

        private Builder() {
            super("validation loss", 1200);
        }

        /** The left panel's x axis label (default "epoch"). */
        public Builder epochLabel(String epochLabel) {
            this.epochLabel = epochLabel;
            return this;
        }

        /** The right panel's x axis label (default "parameter updates (log scale)"). */
        public Builder stepLabel(String stepLabel) {
            this.stepLabel = stepLabel;
            return this;
        }

        /** Whether the update axis is logarithmic (default true; update counts must then be positive). */
        public Builder logSteps(boolean logSteps) {
            this.logSteps = logSteps;
            return this;
        }

        /**
         * Adds a curve in the next palette colour.
         *
         * @param name the legend entry, e.g. "mini-batch (64)"
         * @param epochs the epoch of each point
         * @param steps the number of updates made by each point
         * @param values the metric at each point
         * @return this builder
         */
        public Builder curve(String name, double[] epochs, double[] steps, double[] values) {
            if (epochs.length != values.length || steps.length != values.length) {
                throw new AtelierException("curve '" + name + "' needs one epoch and one update count per value, got "
                        + epochs.length + ", " + steps.length + " and " + values.length + "; pass arrays of equal length");
            }
            curves.add(new Curve(name, epochs.clone(), steps.clone(), values.clone(), ChartStyle.color(curves.size())));
            return this;
        }

        /** Builds the figure. */
        public ChartFigure build() {
            CombinedRangeXYPlot plot = new CombinedRangeXYPlot(fittedAxis(yLabel));
            plot.setGap(24);
            NumberAxis epochAxis = new NumberAxis(epochLabel);
            epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            plot.add(panel(epochAxis, true));
            plot.add(panel(stepAxis(), false));
            LegendItemCollection legend = new LegendItemCollection();
            for (Curve curve : curves) {
                legend.add(ChartStyle.lineLegendItem(curve.name, LineStyle.SOLID, curve.color));
            }
            plot.setFixedLegendItems(legend);
            return figure(plot, true);
        }

        private ValueAxis stepAxis() {
            if (!logSteps) {
                return new NumberAxis(stepLabel);
            }
            return new LogScaleAxis(stepLabel);
        }

        private XYPlot panel(ValueAxis xAxis, boolean byEpoch) {
            XYSeriesCollection dataset = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            for (int i = 0; i < curves.size(); i++) {
                Curve curve = curves.get(i);
                XYSeries series = new XYSeries(curve.name, false, true);
                double[] x = byEpoch ? curve.epochs : curve.steps;
                for (int j = 0; j < x.length; j++) {
                    series.add(x[j], curve.values[j]);
                }
                dataset.addSeries(series);
                renderer.setSeriesPaint(i, curve.color);
                renderer.setSeriesStroke(i, ChartStyle.stroke(2.5f, LineStyle.SOLID));
            }
            XYPlot panel = new XYPlot(dataset, xAxis, null, renderer);
            ChartStyle.style(panel);
            return panel;
        }
    }

    private record Curve(String name, double[] epochs, double[] steps, double[] values, Color color) {}
}

package org.atelier.core.report.chart;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;

/** Epoch axes count whole epochs: a tick at 2.5 epochs means nothing. */
public final class EpochAxis {

    private EpochAxis() {}

    /**
     * Makes the x axis of a single-plot chart tick at whole numbers only (a logarithmic axis is left as is).
     *
     * @param figure a chart whose x axis counts epochs
     * @return the same figure
     */
    public static ChartFigure wholeEpochs(ChartFigure figure) {
        if (figure.chart().getPlot() instanceof XYPlot plot && plot.getDomainAxis() instanceof NumberAxis axis
                && axis.getClass() == NumberAxis.class) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        return figure;
    }
}

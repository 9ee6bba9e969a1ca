package org.atelier.core.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class LogScaleAxisTest {

    private static List<String> labels(double lower, double upper) {
        LogScaleAxis axis = new LogScaleAxis("x");
        axis.setRange(lower, upper);
        List<?> ticks = axis.refreshTicks(null, null, null, RectangleEdge.BOTTOM);
        return ticks.stream().map(t -> ((NumberTick) t).getText()).filter(text -> !text.isEmpty()).toList();
    }

    @Test
    void labelsEveryDigitWithinADecade() {
        assertEquals(List.of("0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"), labels(0.25, 0.95));
    }

    /** A narrow range (a smoothed loss between 0.72 and 0.88) holds only the digit 0.8: round steps instead. */
    @Test
    void labelsEvenlySpacedRoundValuesInANarrowRange() {
        assertEquals(List.of("0.72", "0.74", "0.76", "0.78", "0.8", "0.82", "0.84", "0.86", "0.88"), labels(0.72, 0.88));
        assertEquals(List.of("0.34", "0.36", "0.38", "0.4", "0.42", "0.44", "0.46"), labels(0.33, 0.46));
        assertEquals(List.of("2.05", "2.1", "2.15", "2.2", "2.25"), labels(2.04, 2.26));
    }

    @Test
    void labelsOneTwoFiveOverAFewDecades() {
        assertEquals(List.of("10", "20", "50", "100", "200", "500", "1000"), labels(9, 1100));
    }

    @Test
    void labelsPowersOfTenOverManyDecades() {
        assertEquals(List.of("10⁰", "10¹", "10²", "10³", "10⁴", "10⁵", "10⁶", "10⁷"), labels(1, 2e7),
                "one style on the axis: no 1000000 next to 1e7");
        assertEquals(List.of("1", "10", "100", "1000", "10000", "100000"), labels(1, 2e5));
        assertEquals(List.of("10⁻⁸", "10⁻⁷", "10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²"), labels(1e-8, 1e-2));
        assertEquals("5×10⁻⁷", LogScaleAxis.label(5, -7, true));
    }

    /** Fitted to data far below 1 (gradient norms), every decade still takes the same height. */
    @Test
    void fittedToSmallValuesEveryDecadeIsEquallyTall() {
        XYSeries series = new XYSeries("norms");
        series.add(1, 1e-6);
        series.add(2, 0.3);
        LogScaleAxis axis = new LogScaleAxis("norm");
        new XYPlot(new XYSeriesCollection(series), new LogScaleAxis("x"), axis, null);
        axis.autoAdjustRange();
        Rectangle2D area = new Rectangle2D.Double(0, 0, 400, 600);
        double lowDecade = axis.valueToJava2D(1e-6, area, RectangleEdge.LEFT) - axis.valueToJava2D(1e-5, area, RectangleEdge.LEFT);
        double highDecade = axis.valueToJava2D(0.01, area, RectangleEdge.LEFT) - axis.valueToJava2D(0.1, area, RectangleEdge.LEFT);
        assertEquals(highDecade, lowDecade, 1e-6 * highDecade);
    }
}

package org.atelier.core.report.chart;

import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;

/**
 * A JFreeChart chart with the pixel size it is rendered at. {@link #chart()} is exposed so that a
 * caller can adjust what the builders do not cover before saving.
 *
 * @param chart the chart
 * @param width width in pixels
 * @param height height in pixels
 */
public record ChartFigure(JFreeChart chart, int width, int height) implements Figure {

    @Override
    public BufferedImage render() {
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }
}

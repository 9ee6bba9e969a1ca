package org.atelier.core.report.chart;

import org.atelier.core.evaluation.ConfusionMatrix;

/**
 * A confusion-matrix heat map ({@link HeatMap}): actual classes down the left (first class at the
 * top), predicted classes along the bottom (labels vertical, so long names such as "T-shirt/top"
 * never overlap), each cell shaded white-to-blue by its count and labelled with the count in black
 * or white, whichever contrasts, plus a colour scale on the right from 0 to the largest count.
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
        double[][] counts = new double[classes][classes];
        long max = 1;
        for (int actual = 0; actual < classes; actual++) {
            for (int predicted = 0; predicted < classes; predicted++) {
                counts[actual][predicted] = matrix.count(actual, predicted);
                max = Math.max(max, matrix.count(actual, predicted));
            }
        }
        return HeatMap.builder().title(title).xLabel("predicted class").yLabel("actual class")
                .columns(matrix.classNames()).rows(matrix.classNames()).values(counts).valueLabel("count")
                .wholeNumbers(true).range(0, max).verticalColumnLabels(true).size(width, height).build();
    }
}

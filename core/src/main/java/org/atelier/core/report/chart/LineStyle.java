package org.atelier.core.report.chart;

/** How a line is drawn; the usual convention is training dashed, validation solid. */
public enum LineStyle {
    /** A continuous line. */
    SOLID,
    /** Dashes. */
    DASHED,
    /** Dots. */
    DOTTED
}

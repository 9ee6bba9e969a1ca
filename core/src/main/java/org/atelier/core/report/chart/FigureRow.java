package org.atelier.core.report.chart;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Several figures side by side under one title, as one image: e.g. loss and accuracy of the same
 * runs, each panel a complete chart with its own axes and legend: a {@link FigureGrid} of one row.
 */
public final class FigureRow implements Figure {

    private final String title;
    private final List<Figure> panels;

    /**
     * Creates the row.
     *
     * @param title the title over all panels, empty for none
     * @param panels the panels, left to right, at least one
     */
    public FigureRow(String title, List<? extends Figure> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure row needs at least one panel");
        }
        this.title = title;
        this.panels = List.copyOf(panels);
    }

    @Override
    public BufferedImage render() {
        return new FigureGrid(title, panels.size(), panels).render();
    }
}

package org.atelier.core.report.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Several figures in a grid under one title, as one image: panels fill rows left to right, each
 * row {@code columns} panels wide, each cell as large as the largest panel. For a single row see
 * {@link FigureRow}.
 */
public final class FigureGrid implements Figure {

    private static final int TITLE_HEIGHT = 40;

    private final String title;
    private final int columns;
    private final List<Figure> panels;

    /**
     * Creates the grid.
     *
     * @param title the title over all panels, empty for none
     * @param columns panels per row, at least 1
     * @param panels the panels, row by row, at least one
     */
    public FigureGrid(String title, int columns, List<? extends Figure> panels) {
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a figure grid needs at least one panel and one column, got "
                    + panels.size() + " panels in " + columns + " columns");
        }
        this.title = title;
        this.columns = columns;
        this.panels = List.copyOf(panels);
    }

    @Override
    public BufferedImage render() {
        List<BufferedImage> images = panels.stream().map(Figure::render).toList();
        int cellWidth = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(0);
        int cellHeight = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(0);
        int used = Math.min(columns, images.size());
        int rows = (images.size() + columns - 1) / columns;
        int top = title.isEmpty() ? 0 : TITLE_HEIGHT;
        int width = used * cellWidth;
        int height = top + rows * cellHeight;
        return ChartStyle.paint(width, height, g -> {
            if (!title.isEmpty()) {
                g.setColor(Color.BLACK);
                g.setFont(ChartStyle.TITLE_FONT);
                FontMetrics metrics = g.getFontMetrics();
                g.drawString(title, (width - metrics.stringWidth(title)) / 2, (TITLE_HEIGHT + metrics.getAscent()) / 2);
            }
            for (int i = 0; i < images.size(); i++) {
                g.drawImage(images.get(i), (i % columns) * cellWidth, top + (i / columns) * cellHeight, null);
            }
        });
    }
}

package org.atelier.core.report.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Several figures side by side under one title, as one image: e.g. loss and accuracy of the same
 * runs, each panel a complete chart with its own axes and legend.
 */
public final class FigureRow implements Figure {

    private static final int TITLE_HEIGHT = 40;

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
        List<BufferedImage> images = panels.stream().map(Figure::render).toList();
        int top = title.isEmpty() ? 0 : TITLE_HEIGHT;
        int width = images.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = top + images.stream().mapToInt(BufferedImage::getHeight).max().orElse(0);
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            ChartStyle.antialias(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            if (!title.isEmpty()) {
                g.setColor(Color.BLACK);
                g.setFont(ChartStyle.TITLE_FONT);
                FontMetrics metrics = g.getFontMetrics();
                g.drawString(title, (width - metrics.stringWidth(title)) / 2, (TITLE_HEIGHT + metrics.getAscent()) / 2);
            }
            int x = 0;
            for (BufferedImage image : images) {
                g.drawImage(image, x, top, null);
                x += image.getWidth();
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }
}

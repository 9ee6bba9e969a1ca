package org.atelier.core.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.report.NumberText;

/**
 * A grid of small images with a caption over each: dataset samples (grayscale) or learned weights
 * (a diverging colour map centred on zero with one shared colour bar). Drawn directly with Java 2D,
 * pixel for pixel (each image pixel becomes a {@code scale × scale} block, no smoothing), because a
 * chart library would blur or pad them.
 *
 * <pre>{@code
 * ImageGrid.builder().title("Fashion-MNIST samples").columns(8)
 *     .image(pixels, 28, 28, "Ankle boot") ...
 *     .build().save(dir.resolve("samples.png"));
 * ImageGrid.weights().title("Softmax weights").columns(5)
 *     .image(weightsOfClass0, 28, 28, "T-shirt/top") ...
 * }</pre>
 */
public final class ImageGrid implements Figure {

    /** How pixel values are mapped to the colour map's [0, 1]. */
    public enum Scaling {
        /** Each image from its own minimum to its own maximum. */
        PER_IMAGE,
        /** All images from the overall minimum to the overall maximum. */
        SHARED,
        /** All images from −m to +m with m the largest absolute value: zero maps to the middle. */
        SYMMETRIC
    }

    private static final int GAP = 14;
    private static final int MARGIN = 20;
    private static final int BAR_WIDTH = 18;

    private final Builder spec;

    private ImageGrid(Builder spec) {
        this.spec = spec;
    }

    /** A builder for grayscale samples: gray colour map, each image scaled to its own range. */
    public static Builder builder() {
        return new Builder(ColorMap.GRAY, Scaling.PER_IMAGE, false);
    }

    /**
     * A builder for weight images: blue–white–red colour map, limits ±max|w| shared by all panels
     * so that white means zero everywhere, and a colour bar.
     */
    public static Builder weights() {
        return new Builder(ColorMap.DIVERGING, Scaling.SYMMETRIC, true);
    }

    @Override
    public BufferedImage render() {
        Layout layout = new Layout(spec);
        return ChartStyle.paint(layout.width, layout.height, g -> {
            drawTitle(g, layout);
            double[] limits = sharedLimits();
            for (int i = 0; i < spec.images.size(); i++) {
                drawPanel(g, layout, i, limits);
            }
            if (spec.colorBar) {
                drawColorBar(g, layout, limits);
            }
        });
    }

    private void drawTitle(Graphics2D g, Layout layout) {
        if (spec.title.isEmpty()) {
            return;
        }
        g.setFont(ChartStyle.TITLE_FONT);
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        // centred over the images, or over the figure's left part when the title is the wider of the two
        g.drawString(spec.title, (layout.contentWidth - metrics.stringWidth(spec.title)) / 2,
                MARGIN + metrics.getAscent());
    }

    private void drawPanel(Graphics2D g, Layout layout, int index, double[] sharedLimits) {
        Panel panel = spec.images.get(index);
        int x = layout.left + (index % spec.columns) * (layout.cellWidth + GAP);
        int y = layout.top + (index / spec.columns) * (layout.cellHeight + GAP);
        g.setFont(ChartStyle.TICK_FONT);
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(panel.caption, x + (layout.cellWidth - metrics.stringWidth(panel.caption)) / 2, y + metrics.getAscent());
        int imageX = x + (layout.cellWidth - panel.width * spec.scale) / 2;
        int imageY = y + layout.captionHeight;
        double[] limits = spec.scaling == Scaling.PER_IMAGE ? range(List.of(panel)) : sharedLimits;
        double span = limits[1] - limits[0];
        for (int row = 0; row < panel.height; row++) {
            for (int col = 0; col < panel.width; col++) {
                if (panel.rgb != null) {
                    g.setColor(new Color(panel.rgb[row * panel.width + col]));
                } else {
                    double value = panel.pixels[row * panel.width + col];
                    g.setColor(spec.colorMap.color(span == 0 ? 0.5 : (value - limits[0]) / span));
                }
                g.fillRect(imageX + col * spec.scale, imageY + row * spec.scale, spec.scale, spec.scale);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(imageX - 1, imageY - 1, panel.width * spec.scale + 1, panel.height * spec.scale + 1);
    }

    private void drawColorBar(Graphics2D g, Layout layout, double[] limits) {
        int x = layout.contentWidth - MARGIN + GAP;
        int top = layout.top + layout.captionHeight;
        int height = layout.height - top - MARGIN - 8;
        for (int i = 0; i < height; i++) {
            g.setColor(spec.colorMap.color(1 - (double) i / (height - 1)));
            g.fillRect(x, top + i, BAR_WIDTH, 1);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x, top, BAR_WIDTH, height - 1);
        g.setFont(ChartStyle.TICK_FONT);
        FontMetrics metrics = g.getFontMetrics();
        for (int tick = 0; tick <= 4; tick++) {
            double fraction = tick / 4.0;
            double value = limits[1] - fraction * (limits[1] - limits[0]);
            int y = top + (int) Math.round(fraction * (height - 1));
            g.setColor(Color.DARK_GRAY);
            g.drawLine(x + BAR_WIDTH, y, x + BAR_WIDTH + 4, y);
            g.drawString(tickLabel(value, limits), x + BAR_WIDTH + 7, y + metrics.getAscent() / 2 - 1);
        }
    }

    private static String tickLabel(double value, double[] limits) {
        double span = Math.abs(limits[1] - limits[0]);
        int decimals = span == 0 ? 2 : Math.max(0, 2 - (int) Math.floor(Math.log10(span)));
        return NumberText.formatDecimal(Math.abs(value) < 1e-12 ? 0 : value, decimals);
    }

    private double[] sharedLimits() {
        double[] range = range(spec.images);
        if (spec.scaling == Scaling.SYMMETRIC) {
            double m = Math.max(Math.abs(range[0]), Math.abs(range[1]));
            return new double[] {-m, m};
        }
        return range;
    }

    private static double[] range(List<Panel> panels) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Panel panel : panels) {
            if (panel.rgb != null) {
                continue;
            }
            for (float value : panel.pixels) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return new double[] {min, max};
    }

    /** Pixel geometry derived from the content. */
    private static final class Layout {
        final int cellWidth;
        final int cellHeight;
        final int captionHeight;
        final int top;
        final int width;
        final int height;
        final int columns;
        /** The width without the colour bar: the grid's or the title's, with margins. */
        final int contentWidth;
        /** Where the grid starts: centred under a title that is wider than it. */
        final int left;

        Layout(Builder spec) {
            int maxWidth = spec.images.stream().mapToInt(p -> p.width).max().orElseThrow();
            int maxHeight = spec.images.stream().mapToInt(p -> p.height).max().orElseThrow();
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = probe.createGraphics();
            g.setFont(ChartStyle.TICK_FONT);
            FontMetrics metrics = g.getFontMetrics();
            int captionWidth = spec.images.stream().mapToInt(p -> metrics.stringWidth(p.caption)).max().orElse(0);
            captionHeight = metrics.getHeight() + 4;
            g.setFont(ChartStyle.TITLE_FONT);
            int titleHeight = spec.title.isEmpty() ? 0 : g.getFontMetrics().getHeight() + 12;
            int titleWidth = g.getFontMetrics().stringWidth(spec.title);
            g.dispose();
            columns = Math.min(spec.columns, spec.images.size());
            cellWidth = Math.max(maxWidth * spec.scale, captionWidth + 4);
            cellHeight = captionHeight + maxHeight * spec.scale;
            int rows = (spec.images.size() + spec.columns - 1) / spec.columns;
            top = MARGIN + titleHeight;
            int barSpace = spec.colorBar ? GAP + BAR_WIDTH + 70 : 0;
            contentWidth = Math.max(gridWidth() + 2 * MARGIN, titleWidth + 2 * MARGIN);
            width = contentWidth + barSpace;
            left = (contentWidth - gridWidth()) / 2;
            height = top + rows * cellHeight + (rows - 1) * GAP + MARGIN;
        }

        int gridWidth() {
            return columns * cellWidth + (columns - 1) * GAP;
        }
    }

    /** One image and its caption: values through the colour map, or colours as they are. */
    private record Panel(float[] pixels, int[] rgb, int width, int height, String caption) {}

    /** Collects the images of one grid. */
    public static final class Builder {
        private String title = "";
        private int columns = 8;
        private int scale = 3;
        private ColorMap colorMap;
        private Scaling scaling;
        private boolean colorBar;
        private final List<Panel> images = new ArrayList<>();

        private Builder(ColorMap colorMap, Scaling scaling, boolean colorBar) {
            this.colorMap = colorMap;
            this.scaling = scaling;
            this.colorBar = colorBar;
        }

        /** The figure title (empty for none). */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Images per row (default 8). */
        public Builder columns(int columns) {
            if (columns < 1) {
                throw new AtelierException("an image grid needs at least 1 column, got " + columns);
            }
            this.columns = columns;
            return this;
        }

        /** Screen pixels per image pixel (default 3: a 28 × 28 image becomes 84 × 84). */
        public Builder scale(int scale) {
            if (scale < 1) {
                throw new AtelierException("image scale must be at least 1, got " + scale);
            }
            this.scale = scale;
            return this;
        }

        /** The colour map (default {@link ColorMap#GRAY}; {@link ColorMap#DIVERGING} for weights). */
        public Builder colorMap(ColorMap colorMap) {
            this.colorMap = colorMap;
            return this;
        }

        /** How values map to colours (default {@link Scaling#PER_IMAGE}). */
        public Builder scaling(Scaling scaling) {
            this.scaling = scaling;
            return this;
        }

        /** Whether to draw a colour bar of the shared value range (per-image scaling has none). */
        public Builder colorBar(boolean colorBar) {
            this.colorBar = colorBar;
            return this;
        }

        /**
         * Adds an image.
         *
         * @param pixels row-major values, {@code width × height} of them
         * @param width image width in pixels
         * @param height image height in pixels
         * @param caption the text over the image
         * @return this builder
         */
        public Builder image(float[] pixels, int width, int height, String caption) {
            if (pixels.length != width * height) {
                throw new AtelierException("image '" + caption + "' has " + pixels.length + " values, not "
                        + width + " × " + height + " = " + width * height + "; pass the image size that matches");
            }
            images.add(new Panel(pixels.clone(), null, width, height, caption));
            return this;
        }

        /**
         * Adds a colour image, drawn in its own colours (no colour map, no share in the value range):
         * e.g. a photo next to the values a model sees.
         *
         * @param rgb row-major {@code 0xRRGGBB} colours, {@code width × height} of them
         * @param width image width in pixels
         * @param height image height in pixels
         * @param caption the text over the image
         * @return this builder
         */
        public Builder rgbImage(int[] rgb, int width, int height, String caption) {
            if (rgb.length != width * height) {
                throw new AtelierException("image '" + caption + "' has " + rgb.length + " colours, not "
                        + width + " × " + height + " = " + width * height + "; pass the image size that matches");
            }
            images.add(new Panel(null, rgb.clone(), width, height, caption));
            return this;
        }

        /** Builds the figure. */
        public ImageGrid build() {
            if (images.isEmpty()) {
                throw new AtelierException("an image grid needs at least one image; add one with image(...)");
            }
            if (colorBar && scaling == Scaling.PER_IMAGE) {
                throw new AtelierException("a colour bar needs one value range for all images; use SHARED or SYMMETRIC scaling");
            }
            return new ImageGrid(snapshot());
        }

        /** A copy, so that adding to this builder later does not change a built grid. */
        private Builder snapshot() {
            Builder copy = new Builder(colorMap, scaling, colorBar);
            copy.title = title;
            copy.columns = columns;
            copy.scale = scale;
            copy.images.addAll(images);
            return copy;
        }
    }
}

package org.atelier.core.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.atelier.core.AtelierException;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heat map as a reader sees it: cells coloured by value in the right direction, labelled with
 * their values, a missing cell grey, the outlined cell outlined, a colour scale with its label, and
 * tables that do not fit refused in one line. Set {@code ATELIER_CHART_GALLERY=/some/dir} to keep the PNG.
 */
class HeatMapTest {

    private static final List<String> EPOCHS = List.of("1", "5", "10", "30");
    private static final List<String> BATCHES = List.of("16", "64", "256");
    private static final double[][] LOSS = {
        {0.20, 0.09, 0.10, 0.16},
        {0.25, 0.08, 0.07, 0.11},
        {0.40, 0.12, 0.09, Double.NaN},
    };

    @TempDir
    Path dir;

    @Test
    void cellsShadeByValueAndCarryTheirLabels() throws IOException {
        ChartFigure figure = HeatMap.builder().title("Validation loss by batch size and epochs").xLabel("epochs")
                .yLabel("batch size").columns(EPOCHS).rows(BATCHES).values(LOSS).valueLabel("validation loss")
                .cellFormat("%.2f").colorMap(ColorMap.BLUES.reversed()).highlight(1, 2).build();
        Path png = figure.save(dir.resolve("heat-map.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        keep(png);
        assertEquals(800, image.getWidth());

        // reversed Blues: the lowest loss (0.07) darkest, the highest (0.40) lightest
        assertTrue(brightness(cell(figure, image, 1, 2)) < brightness(cell(figure, image, 1, 1)));
        assertTrue(brightness(cell(figure, image, 1, 1)) < brightness(cell(figure, image, 2, 0)));
        assertEquals(HeatMap.MISSING.getRGB(), cell(figure, image, 2, 3), "a cell without a value is grey");

        XYPlot plot = figure.chart().getXYPlot();
        List<String> texts = plot.getAnnotations().stream().filter(XYTextAnnotation.class::isInstance)
                .map(a -> ((XYTextAnnotation) a).getText()).toList();
        assertEquals(12, texts.size(), "one label per cell");
        assertEquals("0.07", texts.get(6));
        assertEquals("—", texts.get(11));
        assertEquals(13, plot.getAnnotations().size(), "the cell labels and one outline");
        assertTrue(countColor(image, ChartStyle.color(1)) > 200, "the outline is drawn");

        PaintScaleLegend legend = (PaintScaleLegend) figure.chart().getSubtitles().stream()
                .filter(PaintScaleLegend.class::isInstance).findFirst().orElseThrow();
        assertEquals("validation loss", legend.getAxis().getLabel());
        assertEquals(0.07, legend.getAxis().getLowerBound(), 1e-12, "the scale spans the values shown");
        assertEquals(0.40, legend.getAxis().getUpperBound(), 1e-12);
    }

    @Test
    void labelsContrastWithTheirCell() {
        assertEquals(Color.WHITE, HeatMap.contrasting(ColorMap.BLUES.color(1)));
        assertEquals(Color.BLACK, HeatMap.contrasting(ColorMap.BLUES.color(0)));
        assertEquals(Color.BLACK, HeatMap.contrasting(HeatMap.MISSING));
    }

    @Test
    void scaleTicksFallOnRoundSteps() {
        assertEquals(0.05, HeatMap.roundStep(0.045), 1e-12, "0.27 / 6 → 0.05");
        assertEquals(0.1, HeatMap.roundStep(0.055), 1e-12, "0.33 / 6 → 0.1: at most six ticks");
        assertEquals(0.1, HeatMap.roundStep(0.07), 1e-12);
        assertEquals(20, HeatMap.roundStep(16.5), 1e-12);
        assertEquals(100, HeatMap.roundStep(100), 1e-12);
    }

    @Test
    void tablesThatDoNotFitAreRefusedInOneLine() {
        AtelierException ragged = assertThrows(AtelierException.class, () -> HeatMap.builder().columns(EPOCHS)
                .rows(BATCHES).values(new double[][] {{1, 2, 3, 4}, {1, 2, 3}, {1, 2, 3, 4}}).build());
        assertEquals("row '64' of the heat map has 3 values for 4 columns; pass one value per column (NaN for none)",
                ragged.getMessage());
        assertThrows(AtelierException.class, () -> HeatMap.builder().columns(EPOCHS).rows(BATCHES).build());
        assertThrows(AtelierException.class, () -> HeatMap.builder().columns(EPOCHS).rows(BATCHES).values(LOSS)
                .highlight(3, 0).build());
        assertThrows(AtelierException.class, () -> HeatMap.builder().range(1, 1));
    }

    /** The colour at the left edge of a cell, away from its centred label. */
    private static int cell(ChartFigure figure, BufferedImage image, int row, int column) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        figure.chart().createBufferedImage(image.getWidth(), image.getHeight(), info);
        var area = info.getPlotInfo().getDataArea();
        XYPlot plot = figure.chart().getXYPlot();
        double x = plot.getDomainAxis().valueToJava2D(column - 0.3, area, plot.getDomainAxisEdge());
        double y = plot.getRangeAxis().valueToJava2D(row + 0.2, area, plot.getRangeAxisEdge());
        return image.getRGB((int) x, (int) y);
    }

    private static double brightness(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() + c.getGreen() + c.getBlue();
    }

    private static int countColor(BufferedImage image, Color color) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        return count;
    }

    private static void keep(Path png) throws IOException {
        String gallery = System.getenv("ATELIER_CHART_GALLERY");
        if (gallery != null) {
            Files.createDirectories(Path.of(gallery));
            Files.copy(png, Path.of(gallery).resolve(png.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

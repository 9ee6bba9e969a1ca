package org.atelier.core.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.atelier.core.AtelierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charts of a hyper-parameter search: error bars over a log x axis, and a ranked dot plot whose
 * first entry is drawn on the top row. Set {@code ATELIER_CHART_GALLERY} as for {@link
 * ChartGalleryTest} to keep the images.
 */
class SearchChartsTest {

    @TempDir
    Path dir;

    @Test
    void errorBarsPerSeriesOverALogAxis() throws IOException {
        double[] rates = {0.003, 0.03, 0.3};
        ChartFigure figure = ErrorBarChart.builder().title("Score by learning rate").xLabel("learning rate (log scale)")
                .yLabel("mean CV accuracy").logX(true)
                .series("64 units", rates, new double[] {0.90, 0.95, 0.96}, new double[] {0.004, 0.003, 0.01}, true)
                .series("512 units", rates, new double[] {0.91, 0.96, 0.975}, new double[] {0.002, 0.002, 0.004}, true)
                .build();
        BufferedImage image = save(figure, "error-bars.png");
        assertEquals(ChartStyle.WIDTH, image.getWidth());
        assertTrue(count(image, ChartStyle.color(0)) > 100 && count(image, ChartStyle.color(1)) > 100,
                "both series drawn in their palette colours");
        assertThrows(AtelierException.class, () -> ErrorBarChart.builder()
                .series("bad", rates, new double[] {0.9, Double.NaN, 0.9}, new double[3], false));
    }

    @Test
    void pointsAFactorOfTenApartAreEquallySpacedOnTheLogAxis() throws IOException {
        ChartFigure figure = ErrorBarChart.builder().title("Equal decades").xLabel("x (log scale)").yLabel("y").logX(true)
                .series("points", new double[] {0.001, 0.01, 0.1}, new double[] {0.5, 0.6, 0.7}, new double[3], false)
                .build();
        BufferedImage image = save(figure, "log-spacing.png");
        List<Integer> columns = new ArrayList<>();
        for (int x = 0; x < image.getWidth(); x++) {
            boolean marked = false;
            for (int y = 60; y < image.getHeight() - 80 && !marked; y++) {
                marked = image.getRGB(x, y) == ChartStyle.color(0).getRGB();
            }
            if (marked && (columns.isEmpty() || x - columns.get(columns.size() - 1) > 20)) {
                columns.add(x); // the left edge of each marker
            }
        }
        assertEquals(3, columns.size(), columns.toString());
        assertEquals(columns.get(1) - columns.get(0), columns.get(2) - columns.get(1), 3, columns.toString());
    }

    @Test
    void theFirstEntryOfARankingIsOnTop() throws IOException {
        ChartFigure figure = RankingChart.builder().title("Best candidates").xLabel("mean CV accuracy (± std)")
                .entry("grid", "grid #1: lr 0.3, 512 units", 0.975, 0.002)
                .entry("random", "random #1: lr 0.21, 377 units", 0.972, 0.003)
                .entry("grid", "grid #2: lr 0.3, 64 units", 0.960, 0.004)
                .build();
        BufferedImage image = save(figure, "ranking.png");
        assertTrue(topRow(image, ChartStyle.color(0)) < topRow(image, ChartStyle.color(1)),
                "the grid's best (first entry) lies above the random search's");
        assertThrows(AtelierException.class, () -> RankingChart.builder().build());

        BufferedImage onlyRandom = save(RankingChart.builder().groups("grid", "random")
                .entry("random", "random #1", 0.97, 0.01).build(), "ranking-declared-groups.png");
        assertTrue(count(onlyRandom, ChartStyle.color(1)) > 50, "a declared group keeps its colour");
        assertEquals(0, count(onlyRandom, ChartStyle.color(0)), "an empty declared group draws nothing");
    }

    private BufferedImage save(ChartFigure figure, String name) throws IOException {
        Path file = figure.save(dir.resolve(name));
        String gallery = System.getenv("ATELIER_CHART_GALLERY");
        if (gallery != null) {
            figure.save(Path.of(gallery).resolve(name));
        }
        return ImageIO.read(file.toFile());
    }

    private static int count(BufferedImage image, Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += image.getRGB(x, y) == color.getRGB() ? 1 : 0;
            }
        }
        return n;
    }

    /** The first pixel row holding the colour, in the plot (below the title). */
    private static int topRow(BufferedImage image, Color color) {
        for (int y = 60; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == color.getRGB()) {
                    return y;
                }
            }
        }
        return Integer.MAX_VALUE;
    }
}

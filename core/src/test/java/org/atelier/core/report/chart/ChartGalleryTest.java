package org.atelier.core.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.atelier.core.AtelierException;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders every chart kind with realistic data and checks the PNG files. To look at them, set
 * {@code ATELIER_CHART_GALLERY=/some/dir}: the test copies every figure there.
 */
class ChartGalleryTest {

    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @TempDir
    Path dir;

    private final Random random = new Random(42);

    @Test
    void learningCurvesWithLogAxisAndMarkers() throws IOException {
        double[] epochs = range(1, 20);
        ChartFigure figure = LineChart.builder().title("Learning curves").xLabel("epoch").yLabel("cross-entropy loss")
                .learningCurve("softmax", epochs, decay(epochs, 0.45, 0.35), decay(epochs, 0.50, 0.42))
                .learningCurve("MLP 256", epochs, decay(epochs, 0.35, 0.15), decay(epochs, 0.40, 0.32))
                .logY(true).markers(true).build();
        BufferedImage image = readBack(figure.save(dir.resolve("learning-curves.png")));
        assertEquals(ChartStyle.WIDTH, image.getWidth());
        assertEquals(ChartStyle.HEIGHT, image.getHeight());
        assertEquals(Color.WHITE.getRGB(), image.getRGB(2, 2), "white background");
        assertTrue(countColor(image, ChartStyle.color(0)) > 200, "first series drawn in the first palette colour");
    }

    @Test
    void aMarkedEpochIsALabelledVerticalLineInTheLegend() throws IOException {
        double[] epochs = range(1, 15);
        ChartFigure figure = LineChart.builder().title("Training vs validation loss").xLabel("epoch")
                .yLabel("cross-entropy loss").series("training", epochs, decay(epochs, 0.3, 0.6))
                .series("validation", epochs, decay(epochs, 0.25, 0.3)).markX(6, "lowest validation loss: epoch 6")
                .build();
        BufferedImage image = readBack(figure.save(dir.resolve("marked-epoch.png")));
        var plot = figure.chart().getXYPlot();
        var marker = (org.jfree.chart.plot.ValueMarker) plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)
                .iterator().next();
        assertEquals(6, marker.getValue());
        assertEquals("lowest validation loss: epoch 6", marker.getLabel());
        assertEquals(3, plot.getLegendItems().getItemCount(), "two series and the marked epoch");
        var info = new org.jfree.chart.ChartRenderingInfo();
        figure.chart().createBufferedImage(image.getWidth(), image.getHeight(), info);
        var area = info.getPlotInfo().getDataArea();
        int x = (int) Math.round(plot.getDomainAxis().valueToJava2D(6, area, plot.getDomainAxisEdge()));
        int dark = 0;
        for (int y = (int) area.getMinY(); y < area.getMaxY(); y++) {
            dark += brightness(image.getRGB(x, y)) < 200 || brightness(image.getRGB(x - 1, y)) < 200 ? 1 : 0;
        }
        assertTrue(dark > area.getHeight() / 3, "a dashed line runs down the plot at epoch 6: " + dark);
        assertThrows(AtelierException.class, () -> LineChart.builder().markX(Double.NaN, "nowhere"));
    }

    @Test
    void meanAndStdBandOverRunsAgainstLogX() throws IOException {
        double[] hidden = {10, 20, 50, 100, 200, 500, 1000};
        double[][] runs = new double[5][hidden.length];
        for (double[] run : runs) {
            for (int i = 0; i < hidden.length; i++) {
                run[i] = 0.80 + 0.03 * Math.log10(hidden[i]) + 0.01 * random.nextGaussian();
            }
        }
        ChartFigure figure = LineChart.builder().title("Validation accuracy vs hidden size")
                .xLabel("hidden units n (log scale)").yLabel("validation accuracy").logX(true).markers(true)
                .runs("one hidden layer, 5 seeds", hidden, runs, true).build();
        BufferedImage image = readBack(figure.save(dir.resolve("band-vs-hidden-size.png")));
        assertEquals(ChartStyle.HEIGHT, image.getHeight());
        assertTrue(countColor(image, ChartStyle.color(0)) > 100, "mean line drawn");
    }

    @Test
    void lossAgainstEpochsAndUpdates() throws IOException {
        double[] epochs = range(1, 30);
        double[] fullSteps = epochs.clone();
        double[] miniSteps = new double[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            miniSteps[i] = epochs[i] * 938;
        }
        ChartFigure figure = EpochStepChart.builder().title("Full-batch vs mini-batch gradient descent")
                .curve("full batch (60 000)", epochs, fullSteps, decay(epochs, 1.6, 0.6))
                .curve("mini-batch (64)", epochs, miniSteps, decay(epochs, 0.3, 0.42)).build();
        BufferedImage image = readBack(figure.save(dir.resolve("epochs-and-updates.png")));
        assertEquals(1200, image.getWidth());
    }

    @Test
    void confusionMatrixCellsDarkenWithCount() throws IOException {
        int n = 2000;
        int[] actual = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            actual[i] = i % 10;
            predicted[i] = random.nextDouble() < 0.8 ? actual[i] : random.nextInt(10);
        }
        ConfusionMatrix matrix = ConfusionMatrix.of(actual, predicted, FASHION);
        ChartFigure figure = ConfusionMatrixChart.of(matrix, "Confusion matrix (test set)");
        BufferedImage image = readBack(figure.save(dir.resolve("confusion-matrix.png")));
        // The diagonal (~165 per cell) must be darker than the off-diagonal (~2 per cell). Sample
        // the left edge of two cells of the first row, away from the count text in the middle.
        int[] diagonal = cellPixel(figure, image, 0, 0);
        int[] offDiagonal = cellPixel(figure, image, 0, 5);
        assertTrue(brightness(image.getRGB(diagonal[0], diagonal[1])) < brightness(image.getRGB(offDiagonal[0], offDiagonal[1])),
                "bigger count, darker cell");
    }

    @Test
    void sampleGridAndWeightImages() throws IOException {
        ImageGrid.Builder samples = ImageGrid.builder().title("Fashion-MNIST samples").columns(8);
        for (int i = 0; i < 32; i++) {
            samples.image(blob(i), 28, 28, FASHION.get(i % 10));
        }
        BufferedImage grid = readBack(samples.build().save(dir.resolve("samples.png")));
        assertTrue(grid.getWidth() >= 8 * 84, "8 columns of 84-pixel images");

        ImageGrid.Builder weights = ImageGrid.weights().title("Softmax weights per class").columns(5);
        for (int c = 0; c < 10; c++) {
            float[] w = new float[28 * 28];
            for (int i = 0; i < w.length; i++) {
                int row = i / 28;
                int col = i % 28;
                w[i] = (float) (Math.sin((row + c) / 4.0) * Math.cos((col - c) / 5.0) * (c + 1) * 0.01);
            }
            w[0] = 0; // a known zero weight in the top-left pixel
            weights.image(w, 28, 28, FASHION.get(c));
        }
        ImageGrid figure = weights.build();
        BufferedImage image = readBack(figure.save(dir.resolve("weights.png")));
        assertTrue(image.getWidth() > 5 * 84);
        assertEquals(Color.WHITE, ColorMap.DIVERGING.color(0.5), "the diverging map is white at its centre");
        // The largest |w| takes the extreme colours of the map: both signs are present.
        assertTrue(countColor(image, ColorMap.DIVERGING.color(1)) > 0, "largest positive weight is dark red");
        assertTrue(countColor(image, ColorMap.DIVERGING.color(0)) > 0, "largest negative weight is dark blue");
    }

    @Test
    void aTitleWiderThanTheGridIsDrawnWholeWithTheGridCentredUnderIt() throws IOException {
        ImageGrid.Builder grid = ImageGrid.builder().title("A title much wider than the two small images under it")
                .columns(2);
        grid.image(blob(1), 28, 28, "Trouser").image(blob(2), 28, 28, "Bag");
        BufferedImage image = readBack(grid.build().save(dir.resolve("wide-title.png")));
        int[] ink = inkColumns(image);
        assertTrue(ink[0] >= 10 && image.getWidth() - 1 - ink[1] >= 10,
                "title inside the margins: ink from x = " + ink[0] + " to " + ink[1] + " of " + image.getWidth());
        assertTrue(Math.abs(ink[0] - (image.getWidth() - 1 - ink[1])) <= 4, "title centred");
    }

    @Test
    void labelledScatterPoints() throws IOException {
        LabeledScatterChart.Builder scatter = LabeledScatterChart.builder().title("Accuracy against quality")
                .xLabel("test accuracy").yLabel("quality");
        for (int c = 0; c < 10; c++) {
            scatter.point(FASHION.get(c), 0.6 + 0.04 * c, random.nextDouble());
        }
        assertEquals(ChartStyle.WIDTH, readBack(scatter.build().save(dir.resolve("scatter.png"))).getWidth());
        assertThrows(AtelierException.class, () -> LabeledScatterChart.builder().build());
        // Points whose labels would overlap share one; apart ones keep their own.
        List<LabeledScatterChart.Builder.Label> labels = LabeledScatterChart.Builder.labels(
                List.of("Sneaker", "Ankle boot", "Shirt", "Coat"), List.of(new double[] {0.963, 1.0},
                        new double[] {0.956, 1.0}, new double[] {0.70, 0.55}, new double[] {0.86, 0.34}));
        assertEquals(List.of("Ankle boot, Sneaker", "Coat", "Shirt"), labels.stream()
                .map(LabeledScatterChart.Builder.Label::text).filter(t -> !t.isEmpty()).sorted().toList());
        assertThrows(AtelierException.class, () -> LabeledScatterChart.builder().point("x", Double.NaN, 1));
    }

    /** The first and last pixel column holding anything but white. */
    private static int[] inkColumns(BufferedImage image) {
        int first = -1;
        int last = -1;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    first = first < 0 ? x : first;
                    last = x;
                    break;
                }
            }
        }
        return new int[] {first, last};
    }

    @Test
    void histogramOfTwoSamples() throws IOException {
        double[] logits = new double[5000];
        double[] scaled = new double[5000];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = random.nextGaussian() * 0.5;
            scaled[i] = random.nextGaussian() * 2 + 1;
        }
        ChartFigure histogram = HistogramChart.builder().title("Initial logits").xLabel("logit value")
                .data("default init", logits).data("large init", scaled).bins(60).build();
        assertEquals(ChartStyle.WIDTH, readBack(histogram.save(dir.resolve("histogram.png"))).getWidth());
    }

    @Test
    void mismatchedSeriesAreAClearError() {
        AtelierException e = assertThrows(AtelierException.class,
                () -> LineChart.builder().series("loss", new double[3], new double[2]));
        assertEquals("series 'loss' has 3 x values but 2 y values; pass arrays of equal length", e.getMessage());
        assertThrows(AtelierException.class, () -> ImageGrid.builder().image(new float[10], 28, 28, "x"));
    }

    @Test
    void panelsInAGridOfRows() throws IOException {
        double[] x = range(1, 10);
        List<ChartFigure> panels = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            panels.add(LineChart.builder().title("panel " + i).xLabel("x").yLabel("y")
                    .series("f", x, decay(x, 1, 0.1 * i)).size(400, 300).build());
        }
        BufferedImage image = readBack(new FigureGrid("Five panels in three columns", 3, panels)
                .save(dir.resolve("grid.png")));
        assertEquals(3 * 400, image.getWidth());
        assertEquals(40 + 2 * 300, image.getHeight(), "title band and two rows");
        assertEquals(Color.WHITE.getRGB(), image.getRGB(2 * 400 + 200, 40 + 300 + 150), "the sixth cell is empty");
        assertThrows(IllegalArgumentException.class, () -> new FigureGrid("", 0, panels));
    }

    @Test
    void directedGraphWithLabelledEdges() throws IOException {
        GraphFigure figure = GraphFigure.builder().title("f(x₁, x₂) = x₁·x₂ + x₂").caption("boxes: value")
                .node("x1", List.of("x₁", "2.0000")).node("x2", List.of("x₂", "5.0000"))
                .node("m", List.of("x₁ × x₂", "10.0000")).node("y", List.of("m + x₂", "15.0000"))
                .edge("x1", "m", "x₂ = 5").edge("x2", "m", "x₁ = 2").edge("m", "y", "1").edge("x2", "y", "1")
                .build();
        BufferedImage image = readBack(figure.save(dir.resolve("graph.png")));
        assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300);
        int[] ink = inkColumns(image);
        assertTrue(ink[0] > 0 && ink[1] < image.getWidth() - 1, "nothing touches the edges");
        assertThrows(IllegalArgumentException.class, () -> GraphFigure.builder().node("a", List.of("a"))
                .node("b", List.of("b")).edge("b", "a", ""), "edges go from earlier to later nodes");
    }

    private static final List<String> EPOCHS = List.of("1", "5", "10", "30");
    private static final List<String> BATCHES = List.of("16", "64", "256");
    private static final double[][] LOSS = {
        {0.20, 0.09, 0.10, 0.16},
        {0.25, 0.08, 0.07, 0.11},
        {0.40, 0.12, 0.09, Double.NaN},
    };

    @Test
    void cellsShadeByValueAndCarryTheirLabels() throws IOException {
        ChartFigure figure = HeatMap.builder().title("Validation loss by batch size and epochs").xLabel("epochs")
                .yLabel("batch size").columns(EPOCHS).rows(BATCHES).values(LOSS).valueLabel("validation loss")
                .cellFormat("%.2f").colorMap(ColorMap.BLUES.reversed()).highlight(1, 2).build();
        BufferedImage image = readBack(figure.save(dir.resolve("heat-map.png")));
        assertEquals(800, image.getWidth());

        // reversed Blues: the lowest loss (0.07) darkest, the highest (0.40) lightest
        assertTrue(brightness(cellColor(figure, image, 1, 2)) < brightness(cellColor(figure, image, 1, 1)));
        assertTrue(brightness(cellColor(figure, image, 1, 1)) < brightness(cellColor(figure, image, 2, 0)));
        assertEquals(HeatMap.MISSING.getRGB(), cellColor(figure, image, 2, 3), "a cell without a value is grey");

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

    private static int cellColor(ChartFigure figure, BufferedImage image, int row, int column) {
        int[] at = cellPixel(figure, image, row, column);
        return image.getRGB(at[0], at[1]);
    }

    private static int[] cellPixel(ChartFigure figure, BufferedImage image, int row, int column) {
        var info = new org.jfree.chart.ChartRenderingInfo();
        figure.chart().createBufferedImage(image.getWidth(), image.getHeight(), info);
        var area = info.getPlotInfo().getDataArea();
        var plot = figure.chart().getXYPlot();
        double x = plot.getDomainAxis().valueToJava2D(column - 0.35, area, plot.getDomainAxisEdge());
        double y = plot.getRangeAxis().valueToJava2D(row, area, plot.getRangeAxisEdge());
        return new int[] {(int) x, (int) y};
    }

    private BufferedImage readBack(Path png) throws IOException {
        assertTrue(Files.size(png) > 1000, png + " has content");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is a PNG");
        String gallery = System.getenv("ATELIER_CHART_GALLERY");
        if (gallery != null) {
            Files.createDirectories(Path.of(gallery));
            Files.copy(png, Path.of(gallery).resolve(png.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return image;
    }

    private static double[] range(int from, int to) {
        double[] values = new double[to - from + 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = from + i;
        }
        return values;
    }

    private double[] decay(double[] epochs, double scale, double floor) {
        double[] values = new double[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            values[i] = floor + scale / Math.sqrt(epochs[i]) + 0.005 * random.nextGaussian();
        }
        return values;
    }

    private float[] blob(int seed) {
        float[] pixels = new float[28 * 28];
        double cx = 10 + seed % 8;
        double cy = 10 + seed % 6;
        for (int i = 0; i < pixels.length; i++) {
            double d = Math.hypot(i % 28 - cx, i / 28 - cy);
            pixels[i] = (float) Math.max(0, 1 - d / (6 + seed % 5));
        }
        return pixels;
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

    private static double brightness(int rgb) {
        Color color = new Color(rgb);
        return color.getRed() + color.getGreen() + color.getBlue();
    }
}

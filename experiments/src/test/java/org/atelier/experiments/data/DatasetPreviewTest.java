package org.atelier.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.atelier.core.data.Datasets;
import org.atelier.core.experiment.ExperimentRunner;
import org.atelier.core.experiment.RunOptions;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.Summary;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class DatasetPreviewTest {

    @TempDir
    Path out;

    @OnEachEngine
    void smokeRunWritesEveryDeclaredOutput(String engine) throws IOException {
        DatasetPreview experiment = new DatasetPreview();
        Summary summary = ExperimentRunner.run(experiment, RunOptions.builder()
                .optEngine(engine).optSmoke(true).optOut(out)
                .optDataDir(RealData.locator(Datasets.FASHION_MNIST, Datasets.MNIST).root()).build());

        for (RunFile output : experiment.outputs()) {
            assertTrue(Files.isRegularFile(out.resolve(output.name())), output.name());
        }
        BufferedImage grid = ImageIO.read(out.resolve("fashion-mnist-samples.png").toFile());
        assertTrue(grid.getWidth() > 200 && grid.getHeight() > 100, "grid has room for 16 captioned images");

        // --smoke keeps the first 600 images of each file; validation takes round(10 %) of each
        // class, so it holds 60 images give or take half an image per class.
        Map<String, Double> metrics = summary.metrics();
        double train = metrics.get("images_fashion_mnist_train");
        double validation = metrics.get("images_fashion_mnist_validation");
        assertEquals(600, train + validation);
        assertTrue(Math.abs(validation - 60) <= 5, "validation size " + validation);
        assertEquals(600, metrics.get("images_mnist_test"));
        double mean = metrics.get("pixel_mean_mnist_train");
        assertTrue(mean > 0.1 && mean < 0.16, "MNIST is mostly black background: mean " + mean);

        Table counts = Table.read().csv(out.resolve("class-counts.csv").toFile());
        assertEquals(20, counts.rowCount(), "10 classes × 2 datasets");
        assertEquals(1200, (int) (counts.intColumn("train").sum() + counts.intColumn("validation").sum()));
        assertEquals(1200, (int) counts.intColumn("test").sum());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("![Fashion-MNIST samples](fashion-mnist-samples.png)"), report);
    }
}

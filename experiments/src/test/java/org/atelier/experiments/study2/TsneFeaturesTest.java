package org.atelier.experiments.study2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.atelier.core.experiment.ExperimentRunner;
import org.atelier.core.experiment.RunOptions;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.Summary;
import org.atelier.core.testing.OnEachEngine;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code tsne-features} end to end in smoke mode on each engine: the run succeeds, its metrics are
 * in range, every declared output exists and parses, and the {@code .npy} files hold one row per
 * embedded image (1 000 in smoke mode) in the shapes the report promises.
 */
class TsneFeaturesTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void smoke(String engine) throws Exception {
        Path out = temp.resolve(engine);
        TsneFeatures experiment = new TsneFeatures();
        Summary summary = ExperimentRunner.run(experiment, RunOptions.builder().optEngine(engine).optSmoke(true)
                .optOut(out).build());
        Map<String, Double> metrics = summary.metrics();
        for (String name : List.of("knn_accuracy_2d", "knn_accuracy_features", "knn_accuracy_test_features",
                "test_accuracy")) {
            assertTrue(metrics.get(name) > 0.1 && metrics.get(name) <= 1, name + " = " + metrics.get(name));
        }
        assertTrue(metrics.get("tsne_seconds") > 0 && Double.isFinite(metrics.get("tsne_kl_divergence")), metrics.toString());
        assertEquals(1000, metrics.get("samples"));
        for (RunFile output : experiment.outputs()) {
            Path file = out.resolve(output.name());
            assertTrue(Files.isRegularFile(file) && Files.size(file) > 0, "missing or empty: " + file);
            if (output.name().endsWith(".png")) {
                BufferedImage image = ImageIO.read(file.toFile());
                assertNotNull(image, output.name());
            } else if (output.name().endsWith(".csv")) {
                assertTrue(Table.read().csv(file.toFile()).rowCount() > 0, output.name());
            }
        }
        assertTrue(summary.artifacts().containsAll(experiment.outputs().stream().map(RunFile::name).toList()),
                "summary.json lists every declared output");
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 50), }",
                npyHeader(out.resolve(TsneFeatures.FEATURES.name())));
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 2), }",
                npyHeader(out.resolve(TsneFeatures.EMBEDDING.name())));
        assertEquals("{'descr': '<i8', 'fortran_order': False, 'shape': (1000,), }",
                npyHeader(out.resolve(TsneFeatures.LABELS.name())));
        String report = Files.readString(out.resolve(TsneReport.REPORT.name()));
        assertTrue(report.contains("How good are the fc1 features for further classification?"), report);
    }

    private static String npyHeader(Path file) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(8);
        int length = Short.toUnsignedInt(bytes.getShort());
        byte[] text = new byte[length];
        bytes.get(text);
        return new String(text, StandardCharsets.US_ASCII).strip();
    }
}

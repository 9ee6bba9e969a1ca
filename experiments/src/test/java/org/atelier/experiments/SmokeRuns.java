package org.atelier.experiments;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentRunner;
import org.atelier.core.experiment.RunOptions;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.Summary;
import tech.tablesaw.api.Table;

/**
 * Runs an experiment in smoke mode the way the CLI does and checks what every experiment owes:
 * success, finite metrics, every declared output written, parseable and listed in {@code summary.json}.
 */
public final class SmokeRuns {

    private SmokeRuns() {}

    /**
     * Runs the experiment with {@code --smoke} on an engine.
     *
     * @param experiment the experiment
     * @param engine the engine's name
     * @param out the run directory
     * @return the metrics of {@code summary.json}
     * @throws Exception if the run or a check fails
     */
    public static Map<String, Double> run(Experiment experiment, String engine, Path out) throws Exception {
        Summary summary = ExperimentRunner.run(experiment, RunOptions.builder().optEngine(engine).optSmoke(true)
                .optOut(out).build());
        Map<String, Double> metrics = summary.metrics();
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            assertTrue(Double.isFinite(metric.getValue()), "metric " + metric.getKey() + " = " + metric.getValue());
        }
        for (RunFile output : experiment.outputs()) {
            checkParses(out.resolve(output.name()));
        }
        assertTrue(Summary.read(out).artifacts().containsAll(experiment.outputs().stream().map(RunFile::name).toList()),
                "summary.json lists every declared output");
        return metrics;
    }

    /**
     * Checks that a metric is present and finite.
     *
     * @param metrics the metrics
     * @param name the metric's name
     */
    public static void assertFinite(Map<String, Double> metrics, String name) {
        assertTrue(metrics.containsKey(name), "metric " + name + " missing from " + metrics.keySet());
        assertTrue(Double.isFinite(metrics.get(name)), name + " = " + metrics.get(name));
    }

    private static void checkParses(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file) && Files.size(file) > 0, "missing or empty: " + file);
        String name = file.getFileName().toString();
        if (name.endsWith(".png")) {
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, name);
            assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300, name + " is too small");
        } else if (name.endsWith(".csv")) {
            Table table = Table.read().csv(file.toFile());
            assertTrue(table.rowCount() > 0 && table.columnCount() > 1, name + " has no rows");
        } else if (name.endsWith(".md")) {
            assertTrue(Files.readString(file).contains("|"), name + " has no table");
        }
    }
}

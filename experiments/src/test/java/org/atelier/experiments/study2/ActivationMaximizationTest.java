package org.atelier.experiments.study2;

import static org.atelier.experiments.SmokeRuns.assertFinite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.experiments.SmokeRuns;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** {@code activation-maximization} end to end in smoke mode on each engine. */
class ActivationMaximizationTest {

    private static final List<String> CLASSES = List.of("t_shirt_top", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle_boot");

    @TempDir
    Path temp;

    @OnEachEngine
    void smokeRunAnswersEveryQuestionWithFiniteNumbers(String engine) throws Exception {
        Path out = temp.resolve(engine);
        Map<String, Double> metrics = SmokeRuns.run(new ActivationMaximization(), engine, out);
        for (String name : List.of("test_accuracy", "judge_test_accuracy", "mean_quality", "mean_quality_unregularized",
                "spearman_accuracy_quality", "spearman_p_value", "roughness_mean", "roughness_mean_unregularized",
                "best_epoch", "seconds_per_epoch")) {
            assertFinite(metrics, name);
        }
        for (String name : CLASSES) {
            double quality = metrics.get("quality_" + name);
            assertTrue(quality >= 0 && quality <= 1, name + ": " + quality);
        }
        double rho = metrics.get("spearman_accuracy_quality");
        assertTrue(rho >= -1 && rho <= 1, "rho " + rho);
        assertEquals(0.6485, metrics.get("spearman_critical_value"), 1e-4, "exact critical |rho| at n = 10");
        assertFinite(metrics, "logit_reached_mean");
        assertEquals(2, metrics.get("trials_run"), "the model and the judge");

        Table classes = Table.read().csv(out.resolve(ActivationMaximization.CLASSES_CSV.name()).toFile());
        assertEquals(10, classes.rowCount());
        for (int c = 0; c < 10; c++) {
            assertTrue(classes.doubleColumn("logit_reached").get(c) > classes.doubleColumn("logit_start").get(c),
                    "gradient ascent raised the target logit of class " + c);
        }
        String report = Files.readString(out.resolve(ActivationMaximizationReport.REPORT.name()));
        assertTrue(report.contains("Does per-class accuracy correlate with image quality?"), report);
        assertTrue(report.contains("class-images.png") && report.contains("class-images-unregularized.png"), report);
        try (var files = Files.list(out.resolve("trials"))) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".params")).count(), "both models kept");
        }
    }
}

package org.atelier.experiments.study4;

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

/**
 * {@code wine-evaluation} end to end in smoke mode on each engine: the run succeeds, the issue's
 * metrics are there and consistent, the numbers that do not depend on training are exact, and the
 * files parse.
 */
class WineEvaluationTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void smoke(String engine) throws Exception {
        Path out = temp.resolve(engine);
        Map<String, Double> metrics = SmokeRuns.run(new WineEvaluation(), engine, out);
        for (String name : List.of("test_accuracy", "cv_accuracy_mean", "cv_accuracy_std", "baseline_accuracy",
                "bootstrap_ci_low", "bootstrap_ci_high")) {
            SmokeRuns.assertFinite(metrics, name);
            assertTrue(metrics.get(name) >= 0 && metrics.get(name) <= 1, name + " = " + metrics.get(name));
        }
        // the stratified test part holds 12/14/10 wines; the majority (class_1) gets its 14 right
        assertEquals(14.0 / 36, metrics.get("baseline_accuracy"), 1e-12);
        assertTrue(metrics.get("bootstrap_ci_low") <= metrics.get("test_accuracy")
                && metrics.get("test_accuracy") <= metrics.get("bootstrap_ci_high"), metrics.toString());
        assertTrue(metrics.get("stratified_share_deviation") < 1.0 / 36, "stratified: within rounding of one wine");
        assertTrue(metrics.get("random_share_deviation_mean") > metrics.get("stratified_share_deviation"));
        // k nearest neighbours without scaling: proline's hundreds decide the distances
        assertTrue(metrics.get("test_accuracy_knn") > metrics.get("test_accuracy_knn_unscaled") + 0.1, metrics.toString());
        assertTrue(metrics.get("leak_mean_shift") > 0 && metrics.get("leak_mean_shift") < 0.5);
        for (String p : List.of("mcnemar_p_value", "corrected_t_p_value", "naive_t_p_value")) {
            assertTrue(metrics.get(p) > 0 && metrics.get(p) <= 1, p + " = " + metrics.get(p));
        }
        assertTrue(metrics.get("corrected_t_p_value") >= metrics.get("naive_t_p_value"), "the correction is more cautious");

        Table folds = Table.read().csv(out.resolve("cv-folds.csv").toFile());
        assertEquals(3 * 2, folds.rowCount(), "smoke: 3 folds × 2 repetitions");
        assertEquals(List.of("repetition", "fold", "majority class", "softmax regression", "network 13-8-3", "5-NN"),
                folds.columnNames());
        Table scaling = Table.read().csv(out.resolve("scaling.csv").toFile());
        assertEquals(6, scaling.rowCount(), "network and 5-NN under three scalings");
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("McNemar") && report.contains("Nadeau") && report.contains("bootstrap.png"));
    }
}

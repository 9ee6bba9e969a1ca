package org.atelier.experiments.study3;

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
 * {@code hyperparameter-search} end to end in smoke mode on each engine: the metrics, the
 * trial count the smoke grid and sampler imply, cv_results_ tables that agree with the metrics, and
 * a report that names both searches' best candidates.
 */
class HyperparameterSearchExperimentTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void smokeSearchesAndRefits(String engine) throws Exception {
        Path out = temp.resolve(engine);
        Map<String, Double> metrics = SmokeRuns.run(new HyperparameterSearchExperiment(), engine, out);
        // smoke grid: 2 rates × 1 batch size × 1 epoch count × 2 widths = 4 candidates; 3 random; 3 folds each
        assertEquals(21.0, metrics.get("trials"));
        assertEquals(12.0, metrics.get("trials_grid"));
        assertEquals(9.0, metrics.get("trials_random"));
        assertEquals(23.0, metrics.get("trials_run"), "21 fits and 2 refits");
        assertEquals(Math.max(metrics.get("best_score_grid"), metrics.get("best_score_random")), metrics.get("best_score"));
        for (String name : List.of("best_score", "test_accuracy", "test_accuracy_grid", "test_accuracy_random")) {
            assertTrue(metrics.get(name) > 0.1 && metrics.get(name) <= 1, name + " = " + metrics.get(name)
                    + " (one epoch on 400 images beats chance)");
        }
        String better = metrics.get("best_score_random") > metrics.get("best_score_grid") ? "random" : "grid";
        assertEquals(metrics.get("test_accuracy_" + better), metrics.get("test_accuracy"));

        Table grid = Table.read().csv(out.resolve("grid-cv-results.csv").toFile());
        assertEquals(4, grid.rowCount());
        assertEquals(metrics.get("best_score_grid"), grid.doubleColumn("mean_test_score").max(), 1e-9);
        assertEquals(1, grid.intColumn("rank_test_score").min());
        for (int row = 0; row < grid.rowCount(); row++) {
            double mean = (grid.doubleColumn("split0_test_score").get(row) + grid.doubleColumn("split1_test_score").get(row)
                    + grid.doubleColumn("split2_test_score").get(row)) / 3;
            assertEquals(mean, grid.doubleColumn("mean_test_score").get(row), 1e-9);
        }
        Table random = Table.read().csv(out.resolve("random-cv-results.csv").toFile());
        assertEquals(3, random.rowCount());
        Table history = Table.read().csv(out.resolve("history.csv").toFile());
        assertEquals(2, history.rowCount(), "one epoch of each refit");
        assertEquals(metrics.get("test_accuracy_grid"), history.doubleColumn("test_accuracy").get(0), 1e-9);
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## 4. Grid or random search?") && report.contains("GridSearchCV"), report);
    }
}

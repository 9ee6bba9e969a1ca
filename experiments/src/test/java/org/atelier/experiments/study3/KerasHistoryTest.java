package org.atelier.experiments.study3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;
import org.atelier.experiments.SmokeRuns;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code keras-history} end to end in smoke mode on each engine: the metrics, a history by
 * Keras's keys that agrees with them and with the Keras-format log, a grid whose cells agree with
 * the metrics, and the claim the grid rests on: the first E epochs of a longer fit are a fit of E
 * epochs.
 */
class KerasHistoryTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void smokeRunHasTheHistoryTheFiguresAndTheGrid(String engine) throws Exception {
        Path out = temp.resolve(engine);
        Map<String, Double> metrics = SmokeRuns.run(new KerasHistory(), engine, out);
        for (String name : List.of("val_accuracy", "test_accuracy", "reloaded_agreement")) {
            assertTrue(metrics.get(name) > 0.1 && metrics.get(name) <= 1, name + " = " + metrics.get(name)
                    + " (three epochs on 400 images beat chance)");
        }
        assertEquals(1.0, metrics.get("reloaded_agreement"), "the saved model, loaded back, predicts the same");
        assertEquals(3.0, metrics.get("trials_run"), "the sheet's fit and one fit per grid batch size");
        assertEquals(25_450.0, metrics.get("parameters"), "784·32 + 32 + 32·10 + 10");
        assertEquals(4.0, metrics.get("steps_per_epoch"), "⌈400 / 128⌉");

        Table history = Table.read().csv(out.resolve("history.csv").toFile());
        assertEquals(List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "lr", "seconds"),
                history.columnNames());
        assertEquals(3, history.rowCount());
        int best = 0;
        for (int i = 1; i < 3; i++) {
            best = history.doubleColumn("val_loss").get(i) < history.doubleColumn("val_loss").get(best) ? i : best;
        }
        assertEquals(best + 1.0, metrics.get("best_epoch"));
        assertEquals(history.doubleColumn("val_loss").get(2), metrics.get("val_loss"), 1e-12);
        List<String> log = Files.readAllLines(out.resolve("fit-log.txt"));
        assertEquals(3, log.size());
        assertTrue(log.get(2).matches("Epoch 3/3 - \\d+\\.\\ds - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"
                + " - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}"), log.get(2));
        assertTrue(log.get(2).contains(String.format(Locale.ROOT, "val_loss: %.4f", metrics.get("val_loss"))));

        Table grid = Table.read().csv(out.resolve("grid.csv").toFile());
        assertEquals(4, grid.rowCount(), "batch 16 and 128 × epochs 1 and 3");
        int bestRow = 0;
        for (int i = 1; i < grid.rowCount(); i++) {
            bestRow = grid.doubleColumn("val_loss").get(i) < grid.doubleColumn("val_loss").get(bestRow) ? i : bestRow;
        }
        assertEquals(grid.intColumn("batch_size").get(bestRow), metrics.get("grid_best_batch_size").intValue());
        assertEquals(grid.intColumn("epochs").get(bestRow), metrics.get("grid_best_epochs").intValue());
        assertEquals(List.of(25L, 75L, 4L, 12L), grid.column("steps").asList().stream()
                .map(n -> ((Number) n).longValue()).toList(), "epochs · ⌈400 / batch⌉");
        for (int i = 0; i < grid.rowCount(); i++) {
            assertEquals(grid.doubleColumn("val_loss").get(i) - grid.doubleColumn("loss").get(i),
                    grid.doubleColumn("gap_loss").get(i), 1e-12);
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## 5. Epochs × batch size") && report.contains("model_history.history.keys()"),
                report);
    }

    @OnEachEngine
    void theFirstEpochsOfALongerFitAreAShorterFit(String engine) {
        TrialEnvironment environment = new TrialEnvironment(engine, TestBackends.DEVICE,
                RealData.locator(Datasets.MNIST).root(), temp.resolve("trials"));
        DataSpec data = DataSpec.of("mnist").with("smoke", true).with("validation", 0.1).with("splitSeed", 42);
        FitSpec.Builder fit = FitSpec.builder().adam(0.001).batchSize(32).initializer(FitSpec.GLOROT_UNIFORM);
        TrialResult shorter = Trials.run(TrialSpec.of("two", ModelSpec.mlp(10, 16), data, fit.maxEpochs(2).build(), 7),
                environment);
        TrialResult longer = Trials.run(TrialSpec.of("four", ModelSpec.mlp(10, 16), data, fit.maxEpochs(4).build(), 7),
                environment);
        assertTrue(shorter.succeeded() && longer.succeeded(), shorter.error() + " / " + longer.error());
        for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            double[] first = Arrays.copyOf(longer.history().get(key), 2);
            assertArrayEquals(shorter.history().get(key), first, key + " of epochs 1 and 2");
        }
    }
}

package org.atelier.experiments.study4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.experiments.SmokeRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code fmssvrc-mlp} end to end in smoke mode on each engine: the run succeeds, the issue's
 * metrics are there and in range, the ablation table has one row per variant and differences
 * measured from the full recipe, and the recipe's words and parameter count match the network.
 */
class FmssvrcMlpTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void smoke(String engine) throws Exception {
        Path out = temp.resolve(engine);
        Map<String, Double> metrics = SmokeRuns.run(new FmssvrcMlp(), engine, out);
        for (String name : List.of("test_accuracy_mean", "test_accuracy_std", "seconds_per_epoch", "final_seconds",
                "ablation_seconds", "test_accuracy_mean_ablation_full", "test_accuracy_mean_ablation_plain_256",
                "test_accuracy_mean_unflipped")) {
            SmokeRuns.assertFinite(metrics, name);
        }
        assertTrue(metrics.get("test_accuracy_mean") > 0.1 && metrics.get("test_accuracy_mean") <= 1,
                "200 smoke test images after one epoch beat chance: " + metrics.get("test_accuracy_mean"));
        // smoke: 2 final seeds, 11 ablation rows of 2 seeds
        assertEquals(2.0 + 11 * 2, metrics.get("trials_run"));
        String report = Files.readString(out.resolve("report.md"));
        Table ablation = Table.read().csv(out.resolve("ablation.csv").toFile());
        assertEquals(MlpAblation.names(), ablation.stringColumn("row").asList());
        assertEquals(0.0, ablation.doubleColumn("difference_points").get(0), 1e-12);
        double full = ablation.doubleColumn("test_accuracy_mean").get(0);
        for (int r = 1; r < ablation.rowCount(); r++) {
            assertEquals(100 * (ablation.doubleColumn("test_accuracy_mean").get(r) - full),
                    ablation.doubleColumn("difference_points").get(r), 1e-9);
        }
        // the row without test-time flipping re-reads the full row's models: same training, another test evaluation
        int full0 = ablation.stringColumn("row").indexOf("full");
        int unflipped = ablation.stringColumn("row").indexOf("no_test_time_flip");
        assertEquals(ablation.doubleColumn("training_seconds").get(full0),
                ablation.doubleColumn("training_seconds").get(unflipped));
        assertTrue(report.contains("mirror"), "the report names the test-time flip");
        assertEquals(ablation.doubleColumn("test_accuracy_mean").get(unflipped) - ablation.doubleColumn(
                "test_accuracy_mean").get(full0), metrics.get("test_accuracy_mean_ablation_no_test_time_flip")
                - metrics.get("test_accuracy_mean_ablation_full"), 1e-9);
        Table seeds = Table.read().csv(out.resolve("final-seeds.csv").toFile());
        assertEquals(metrics.get("test_accuracy_mean"), seeds.doubleColumn("test_accuracy").mean(), 1e-9);
        assertTrue(report.contains("784-32-32-10, batch norm, dropout 0.2"), "the smoke network in words");
        // two hidden layers of 32 with batch norm: 784·32+32 + 64, 32·32+32 + 64, 32·10+10
        assertEquals(25_184.0 + 1_120 + 330, metrics.get("trainable_parameters"));
    }

    @Test
    void ablationRowsAreChosenByNameAndUnknownOnesAreRefused() {
        MlpRecipe recipe = recipe(true);
        assertEquals(List.of("full", "no_dropout", "sgd"), MlpAblation.select("sgd, no_dropout", recipe).stream()
                .map(MlpAblation.Variant::name).toList());
        assertEquals(List.of(), MlpAblation.select("none", recipe));
        assertEquals(MlpAblation.VARIANTS, MlpAblation.select("all", recipe));
        // a recipe that does not flip the test images has no row without flipping
        assertEquals(MlpAblation.VARIANTS.size() - 1, MlpAblation.select("all", recipe(false)).size());
        assertEquals(List.of("full"), MlpAblation.select("no_test_time_flip", recipe(false)).stream()
                .map(MlpAblation.Variant::name).toList());
        AtelierException e = assertThrows(AtelierException.class, () -> MlpAblation.select("no_dropuot", recipe));
        assertTrue(e.getMessage().contains("no_dropuot") && e.getMessage().contains("no_batch_norm"), e.getMessage());
    }

    @Test
    void eachVariantChangesOnlyItsIngredient() {
        MlpRecipe recipe = recipe(true);
        assertEquals(List.of(256, 256), recipe.narrower().hidden());
        assertEquals(List.of(1024), recipe.shallower().hidden());
        assertEquals(0.0, recipe.withoutDropout().dropout());
        assertEquals(recipe.withoutDropout().withHidden(recipe.hidden()), new MlpRecipe(List.of(1024, 1024), true, 0,
                "adam", 0.002, 0.05, 0.1, true, 1, List.of("random-crop", "flip-horizontal"), 256, true));
        assertTrue(recipe.fit(5).testTimeFlip());
        assertFalse(recipe.withoutTestTimeFlip().fit(5).testTimeFlip());
        assertFalse(MlpRecipe.plain(256).fit(5).testTimeFlip(), "study 1's network is tested plainly");
        assertEquals(0.0, recipe.withoutWeightDecay().fit(5).weightDecay());
        assertEquals(null, recipe.withFixedRate().fit(5).cosine());
        assertEquals(0.5, recipe.fit(1).cosine().warmUpEpochs(), "the warm-up takes at most half the run");
        assertEquals(null, recipe.withoutAugmentation().fit(5).batchTransform());
        assertFalse(recipe.withoutAugmentation().fit(5).testTimeFlip(), "no flip at test without flips in training");
        assertEquals("sgd", recipe.withSgd().fit(5).optimizer());
        // 784·1024+1024 + 2·1024, 1024·1024+1024 + 2·1024, 1024·10+10
        assertEquals(803_840L + 2048 + 1_049_600 + 2048 + 10_250, recipe.trainableParameters());
    }

    private static MlpRecipe recipe(boolean testTimeFlip) {
        return new MlpRecipe(List.of(1024, 1024), true, 0.3, "adam", 0.002, 0.05, 0.1, true, 1,
                List.of("random-crop", "flip-horizontal"), 256, testTimeFlip);
    }
}

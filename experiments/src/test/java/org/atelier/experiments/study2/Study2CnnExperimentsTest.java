package org.atelier.experiments.study2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atelier.core.engine.Backend;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.trial.ModelSpec;
import org.atelier.experiments.SmokeRuns;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Study 2's CNN experiments end to end in smoke mode on each engine: the run succeeds, the
 * per-case metrics are finite and in range, every declared output exists and parses; and the
 * parameter table counts the example's layers from the built block.
 */
class Study2CnnExperimentsTest {

    private static final List<String> CASE_METRICS = List.of("best_epoch", "best_test_accuracy",
            "validation_selected_test_accuracy");

    @TempDir
    Path temp;

    @OnEachEngine
    void theParameterTableCountsEachLayerOfTheBuiltBlock(String engine) {
        Backend backend = Backend.resolve(engine, "cpu");
        Table layers = CnnLayers.table(backend, ModelSpec.cnn(10, 0.5), 0);
        assertEquals(List.of("conv1", "conv2", "fc1", "fc2", "total"), layers.stringColumn("layer").asList());
        assertEquals(List.of(260L, 5020L, 16050L, 510L, 21840L), layers.longColumn("parameters").asList());
        Table frozen = CnnLayers.table(backend, ModelSpec.cnn(10, 0.5), CnnCases.TRAINED_LAST_LAYERS);
        assertEquals(List.of(0L, 0L, 0L, 510L, 510L), frozen.longColumn("trainable_parameters").asList());
        Table normalized = CnnLayers.table(backend, ModelSpec.cnnBatchNorm(10, 0.5), 0);
        assertEquals(List.of("conv1", "bn1", "conv2", "bn2", "fc1", "bn3", "fc2", "total"),
                normalized.stringColumn("layer").asList());
    }

    @OnEachEngine
    void baselineSmoke(String engine) throws Exception {
        Map<String, Double> metrics = runSmoke(new CnnBaseline(), engine);
        assertCase(metrics, "");
        assertEquals(21840, metrics.get("parameters"));
        assertTrue(List.of(1e-3, 1e-1).contains(metrics.get("learning_rate")), "a swept rate");
        assertEquals(2 + 2, metrics.get("trials_run"), "two sweep points, two seeds");
    }

    @OnEachEngine
    void augmentationSmoke(String engine) throws Exception {
        assertCase(runSmoke(new CnnAugmentation(), engine), "");
    }

    @OnEachEngine
    void batchNormSmoke(String engine) throws Exception {
        Map<String, Double> metrics = runSmoke(new CnnBatchNorm(), engine);
        assertCase(metrics, "");
        assertEquals(21840 + 320, metrics.get("parameters"));
    }

    @OnEachEngine
    void finetuneSmoke(String engine) throws Exception {
        Map<String, Double> metrics = runSmoke(new CnnFinetune(), engine);
        assertCase(metrics, "");
        assertCase(metrics, "finetune_full_");
        assertCase(metrics, "baseline_");
        assertEquals(510, metrics.get("trainable_parameters"));
        assertEquals(21330, metrics.get("frozen_parameters"));
        assertEquals(1 + 3 * 2, metrics.get("trials_run"), "one pre-training shared by the seeds of three cases");
    }

    @OnEachEngine
    void techniquesSmoke(String engine) throws Exception {
        Map<String, Double> metrics = runSmoke(new CnnTechniques(), engine);
        for (String prefix : List.of("baseline_", "augmentation_", "batchnorm_", "finetune_frozen_", "finetune_full_")) {
            assertCase(metrics, prefix);
        }
        assertEquals(1 + 5 * 2, metrics.get("trials_run"));
        Table history = Table.read().csv(temp.resolve(engine).resolve(CnnCases.HISTORY.name()).toFile());
        assertTrue(history.columnNames().containsAll(List.of("case", "seed", "epoch", "test_loss", "test_accuracy")));
    }

    private Map<String, Double> runSmoke(Experiment experiment, String engine) throws Exception {
        return SmokeRuns.run(experiment, engine, temp.resolve(engine));
    }

    private static void assertCase(Map<String, Double> metrics, String prefix) {
        for (String name : CASE_METRICS) {
            assertTrue(metrics.containsKey(prefix + name), prefix + name + " missing from " + metrics.keySet());
        }
        assertTrue(metrics.get(prefix + "best_epoch") >= 1 && metrics.get(prefix + "best_epoch") <= 2);
        for (String accuracy : List.of("best_test_accuracy", "validation_selected_test_accuracy")) {
            double value = metrics.get(prefix + accuracy);
            assertTrue(value >= 0 && value <= 1, prefix + accuracy + " = " + value);
        }
        assertTrue(metrics.get(prefix + "best_test_accuracy") >= metrics.get(prefix + "validation_selected_test_accuracy"),
                "the test set's own choice is never worse on the test set");
    }

}

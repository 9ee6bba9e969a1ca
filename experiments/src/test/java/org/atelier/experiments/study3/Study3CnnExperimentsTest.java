package org.atelier.experiments.study3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atelier.core.data.DataLocator;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Subset;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.prediction.RunModels;
import org.atelier.core.prediction.SavedModel;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.experiments.SmokeRuns;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code mnist-tiny-cnn} and {@code architecture-zoo} end to end in smoke mode on each engine: the
 * run succeeds, the required metrics are there and in range, every declared output exists and
 * parses, and the counts that do not depend on training are exact.
 */
class Study3CnnExperimentsTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void mnistTinyCnnSmoke(String engine) throws Exception {
        Map<String, Double> metrics = runSmoke(new MnistTinyCnn(), engine);
        assertEquals(1765.0, metrics.get("trainable_parameters"));
        assertEquals(2.0, metrics.get("dense_hidden_n"));
        assertEquals(1600.0, metrics.get("dense_parameters"));
        for (String name : List.of("test_accuracy", "test_accuracy_dense", "best_test_accuracy",
                "train_accuracy_training_mode", "train_accuracy_inference_mode", "val_accuracy_best")) {
            assertTrue(metrics.get(name) >= 0 && metrics.get(name) <= 1, name + " = " + metrics.get(name));
        }
        assertEquals(3.0, metrics.get("trials_run"), "tiny CNN, dense network, larger CNN");
        Table parameters = Table.read().csv(temp.resolve(engine).resolve("tiny-cnn-parameters.csv").toFile());
        // conv 8@5×5, conv 3@5×5, dense 16, dense 10: weights + biases
        assertEquals(List.of(208L, 603L, 784L, 170L), parameters.numberColumn("trainable_parameters").asList().stream()
                .map(Number::longValue).filter(n -> n > 0).toList());
        assertTrue(Files.readString(temp.resolve(engine).resolve("report.md")).contains("795·n + 10"));
        savedModelsAndApplication(temp.resolve(engine), metrics, engine);
    }

    /**
     * Every model saved and loadable, the default the best by validation accuracy, and the saved
     * default reproduces its test accuracy; 20 examples and 80 own digits classified.
     */
    private static void savedModelsAndApplication(Path run, Map<String, Double> metrics, String engine) throws Exception {
        RunModels models = RunModels.read(run);
        assertEquals(List.of("tiny-cnn", "dense-2", "vgg-cnn"), models.models().stream().map(RunModels.Entry::name).toList());
        Table capacity = Table.read().csv(run.resolve("capacity.csv").toFile());
        int best = 0;
        for (int i = 1; i < capacity.rowCount(); i++) {
            best = capacity.doubleColumn("val_accuracy").get(i) > capacity.doubleColumn("val_accuracy").get(best) ? i : best;
        }
        assertEquals(models.models().get(best).name(), models.defaultModel(), "the best by validation accuracy");
        LabeledData test = Datasets.mnist(DataLocator.resolve(null), Subset.TEST).head(200); // the smoke test set
        try (SavedModel saved = SavedModel.load(RunModels.resolve(run, null), TestBackends.backend(engine))) {
            int[] predicted = saved.classify(test.featureValues(), test.size()).classes();
            int correct = 0;
            for (int i = 0; i < test.size(); i++) {
                correct += predicted[i] == test.labels()[i] ? 1 : 0;
            }
            assertEquals(capacity.doubleColumn("test_accuracy").get(best), correct / 200.0, 1e-9,
                    "the saved default model, loaded back, scores the run's test accuracy");
        }
        assertEquals(20, Table.read().csv(run.resolve("examples.csv").toFile()).rowCount());
        try (var files = Files.list(run.resolve("examples"))) {
            assertEquals(20, files.filter(f -> f.getFileName().toString().matches("example_input_\\d\\d\\.png")).count());
        }
        assertEquals(80, Table.read().csv(run.resolve("own-digits.csv").toFile()).rowCount());
        for (String name : List.of("examples_accuracy", "own_digits_accuracy")) {
            assertTrue(metrics.get(name) >= 0 && metrics.get(name) <= 1, name + " = " + metrics.get(name));
        }
    }

    @OnEachEngine
    void architectureZooSmoke(String engine) throws Exception {
        Map<String, Double> metrics = runSmoke(new ArchitectureZoo(), engine);
        // LeNet-5 does not depend on the smoke widths: 150 + 2 416 + 48 120 + 10 164 + 850
        assertEquals(61_700.0, metrics.get("parameters_lenet5"));
        assertEquals(1765.0, metrics.get("parameters_tiny_cnn"));
        for (String key : List.of("lenet5", "alexnet", "vgg16", "googlenet", "tiny_cnn", "vgg_cnn")) {
            assertTrue(metrics.get("ms_per_image_" + key) > 0, key);
            assertTrue(metrics.get("ms_per_image_batch1_" + key) > 0, key);
        }
        Table table = Table.read().csv(temp.resolve(engine).resolve("architectures.csv").toFile());
        assertEquals(6, table.rowCount());
        assertEquals("(2, 1000)", table.stringColumn("output_shape").get(1), "AlexNet's checked output shape");
    }

    private Map<String, Double> runSmoke(Experiment experiment, String engine) throws Exception {
        return SmokeRuns.run(experiment, engine, temp.resolve(engine));
    }
}

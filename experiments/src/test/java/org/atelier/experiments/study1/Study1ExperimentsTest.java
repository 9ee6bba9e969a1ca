package org.atelier.experiments.study1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.experiments.SmokeRuns;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Both study-1 experiments end to end in smoke mode on each engine: the run succeeds, the
 * required metrics are finite and in range, every declared output exists and parses, and every
 * file has the usual permissions of a new file.
 */
class Study1ExperimentsTest {

    private static final List<String> ACCURACIES = List.of("test_accuracy", "test_macro_f1", "test_macro_precision",
            "test_macro_recall");

    @TempDir
    Path temp;

    @OnEachEngine
    void softmaxRegressionSmoke(String engine) throws Exception {
        Map<String, Double> metrics = runSmoke(new SoftmaxRegression(), engine);
        for (String name : List.of("initial_loss", "initial_loss_expected", "epochs_full_batch", "epochs_minibatch",
                "steps_full_batch", "steps_minibatch", "lr_full_batch", "lr_minibatch", "seconds_per_epoch")) {
            SmokeRuns.assertFinite(metrics, name);
        }
        assertEquals(metrics.get("epochs_full_batch"), metrics.get("steps_full_batch"), "one update per full-batch epoch");
        assertTrue(metrics.get("steps_minibatch") > metrics.get("epochs_minibatch"), "several updates per mini-batch epoch");
        assertTrue(metrics.get("initial_loss_unit_normal_init") > 5 * metrics.get("initial_loss"),
                "N(0, 1) weights saturate the softmax");
        // two sweep points and two seeds per variant, then the refinement of the final model
        assertEquals(9, metrics.get("trials_run"));
        assertTrue(metrics.get("trial_concurrency") > 0.5 && metrics.get("trial_concurrency") <= 1.05,
                "in process the trials run one after another: " + metrics.get("trial_concurrency"));
    }

    @OnEachEngine
    void hiddenLayerSweepSmoke(String engine) throws Exception {
        Map<String, Double> metrics = runSmoke(new HiddenLayerSweep(), engine);
        SmokeRuns.assertFinite(metrics, "best_hidden_size");
        assertTrue(List.of(10.0, 20.0).contains(metrics.get("best_hidden_size")), "a swept smoke width");
        for (String name : List.of("initial_loss", "epochs_minibatch", "steps_minibatch", "test_accuracy_softmax")) {
            SmokeRuns.assertFinite(metrics, name);
        }
        // the sweep's two rates, two widths × two seeds, the hidden refinement; softmax: two rates, one seed, refinement
        assertEquals(11, metrics.get("trials_run"));
        Table widths = Table.read().csv(temp.resolve(engine).resolve("hidden-sizes.csv").toFile());
        // 784·n + n weights and biases into the hidden layer, n·10 + 10 into the output layer
        assertEquals(List.of(795L * 10 + 10, 795L * 20 + 10),
                widths.numberColumn("parameters").asList().stream().map(Number::longValue).toList());
    }

    private Map<String, Double> runSmoke(Experiment experiment, String engine) throws Exception {
        Path out = temp.resolve(engine);
        Map<String, Double> metrics = SmokeRuns.run(experiment, engine, out);
        for (String name : ACCURACIES) {
            SmokeRuns.assertFinite(metrics, name);
            assertTrue(metrics.get(name) >= 0 && metrics.get(name) <= 1, name + " = " + metrics.get(name));
        }
        assertTrue(metrics.get("initial_loss") > 1 && metrics.get("initial_loss") < 5, "initial loss near ln 10");
        assertUsualPermissions(out);
        return metrics;
    }

    /**
     * Every file the run wrote (history, tables, figures, report, model parameters, summary) has
     * the permissions of a plain file created in the same directory, e.g. 0644 under umask 022:
     * none is readable by its owner only, as a {@code Files.createTempFile} would leave it.
     */
    private static void assertUsualPermissions(Path run) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path probe = run.resolve(".permissions-probe");
        Files.writeString(probe, "created the ordinary way");
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(run)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("history.csv")), "history.csv written");
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".params")), "parameters written");
        for (Path file : files) {
            assertEquals(usual, Files.getPosixFilePermissions(file), run.relativize(file).toString());
        }
    }

}

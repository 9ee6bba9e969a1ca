package org.atelier.experiments.study4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.experiments.SmokeRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code vanishing-gradients} end to end in smoke mode on each engine (depths 2 and 4, 16 units):
 * every configuration's metric is there under its documented name, the per-layer norms come back
 * for every weight matrix, and the plain sigmoid network already loses orders of magnitude over 4
 * layers while the ReLU family with He initialization does not.
 */
class VanishingGradientsTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void smokeRun(String engine) throws Exception {
        Path out = temp.resolve(engine);
        Map<String, Double> metrics = SmokeRuns.run(new VanishingGradients(), engine, out);
        List<DepthConfiguration> configurations = DepthConfiguration.all(List.of(2, 4), 16);
        assertEquals(12, configurations.size(), "3 activations × 2 depths, then 6 remedies at depth 4");
        for (DepthConfiguration c : configurations) {
            SmokeRuns.assertFinite(metrics, c.name() + "_first_layer_gradient_norm_at_init");
            assertTrue(metrics.get(c.name() + "_first_layer_gradient_norm_at_init") > 0, c.name());
            SmokeRuns.assertFinite(metrics, c.name() + "_val_accuracy");
        }
        assertEquals(12.0, metrics.get("trials_run"));
        // Sigmoid's derivative ≤ 1/4 and U(±1/√fan_in) weights: the first layer's gradient is over 10× smaller.
        assertTrue(metrics.get("sigmoid_4_gradient_orders_of_magnitude_at_init") > 1,
                "sigmoid_4: " + metrics.get("sigmoid_4_gradient_orders_of_magnitude_at_init"));
        assertTrue(metrics.get("sigmoid_4_gradient_orders_of_magnitude_at_init")
                > metrics.get("sigmoid_2_gradient_orders_of_magnitude_at_init") + 0.5, "deeper loses more");
        assertTrue(metrics.get("leaky_relu_4_he_first_layer_gradient_norm_at_init")
                > 100 * metrics.get("sigmoid_4_first_layer_gradient_norm_at_init"), "the remedy reaches the first layer");

        Table norms = Table.read().csv(out.resolve("gradient-norms.csv").toFile());
        Table depth4 = norms.where(norms.stringColumn("configuration").isEqualTo("sigmoid_4"));
        assertEquals(5, depth4.intColumn("layer").countUnique(), "4 hidden layers and the output layer");
        assertEquals(List.of("16×784", "10×16"), List.of(depth4.stringColumn("shape").get(0),
                depth4.stringColumn("shape").get(4)));
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("Which remedy fixes what"), "report has the remedies section");
    }

    @Test
    void namesFollowTheDocumentedPattern() {
        List<String> names = DepthConfiguration.all(List.of(5, 10, 20), 64).stream().map(DepthConfiguration::name)
                .toList();
        assertEquals(List.of("sigmoid_5", "sigmoid_10", "sigmoid_20", "tanh_5", "tanh_10", "tanh_20", "relu_5",
                "relu_10", "relu_20", "sigmoid_20_xavier", "tanh_20_xavier", "relu_20_he", "sigmoid_20_batchnorm",
                "sigmoid_20_residual", "leaky_relu_20_he"), names);
    }
}

package org.atelier.experiments.study4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.atelier.core.experiment.ExperimentRunner;
import org.atelier.core.experiment.RunOptions;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.experiments.SmokeRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code activation-functions} in smoke mode on each engine: nine rows, the derivative maxima the
 * closed forms predict, autograd within 1e-6 of them (MXNet's SELU excepted, and reported), output
 * means near their exact values.
 */
class ActivationFunctionsTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void smoke(String engine) throws Exception {
        Path out = temp.resolve(engine);
        Map<String, Double> metrics = SmokeRuns.run(new ActivationFunctions(), engine, out);
        Table table = Table.read().csv(out.resolve(ActivationFunctions.TABLE_CSV.name()).toFile());
        assertEquals(9, table.rowCount());
        // the smoke grid's points nearest 0 are ±0.03: σ′ there is 0.25 to 4 decimals
        assertEquals(0.25, metrics.get("derivative_max_sigmoid"), 1e-4);
        assertEquals(1.0, metrics.get("derivative_max_relu"), 0);
        assertEquals(0.5, metrics.get("saturated_share_relu"), 1e-6);
        assertEquals(0.0, metrics.get("saturated_share_leaky_relu"), 0);
        // 10 000 samples: standard errors below 0.01, so 0.04 is four of them
        assertEquals(0.5, metrics.get("output_mean_sigmoid"), 0.04);
        assertEquals(1 / Math.sqrt(2 * Math.PI), metrics.get("output_mean_relu"), 0.04);
        assertEquals(0, metrics.get("output_mean_selu"), 0.04);
        for (String function : new String[] {"sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus",
                "silu"}) {
            assertTrue(metrics.get("max_abs_derivative_error_" + function) < 1e-6, function);
        }
        String report = Files.readString(out.resolve("report.md"));
        if (engine.equals("MXNet")) {
            assertTrue(metrics.get("max_abs_derivative_error_selu") > 0.05, "MXNet's SELU gradient bug");
            assertTrue(report.contains("MXNet 1.9.1's SELU gradient"), "the report names the bug");
        } else {
            assertTrue(metrics.get("max_abs_derivative_error") < 1e-6);
            assertTrue(report.contains("every function and derivative agrees"));
        }
    }

    @Test
    void anOddGridIsRefusedBecauseItWouldSampleTheKink() {
        AtelierException e = assertThrows(AtelierException.class, () -> ExperimentRunner.run(new ActivationFunctions(),
                RunOptions.builder().optSmoke(true).optOut(temp.resolve("odd")).optSet("points", "201").build()));
        assertTrue(e.getMessage().contains("points=202"), e.getMessage());
    }
}

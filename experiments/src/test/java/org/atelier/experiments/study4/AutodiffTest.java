package org.atelier.experiments.study4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * {@code autodiff} in smoke mode on each engine: the gradient of ln x₁ + x₁·x₂ − sin x₂ at (2, 5) is
 * (1/x₁ + x₂, x₁ − cos x₂), and every gradient agrees with the engine's float64 autograd to 1e-6.
 */
class AutodiffTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void smoke(String engine) throws Exception {
        Path out = temp.resolve(engine);
        Map<String, Double> metrics = SmokeRuns.run(new Autodiff(), engine, out);
        assertEquals(Math.log(2) + 10 - Math.sin(5), metrics.get("function_value"), 1e-12);
        assertEquals(5.5, metrics.get("gradient_x1"), 1e-12);
        assertEquals(2 - Math.cos(5), metrics.get("gradient_x2"), 1e-12);
        for (String name : List.of("max_abs_gradient_error", "max_abs_gradient_error_expression",
                "max_abs_gradient_error_network", "max_abs_gradient_error_finite_differences")) {
            assertTrue(metrics.get(name) < 1e-6, name + " = " + metrics.get(name));
        }
        assertTrue(metrics.get("loss_after_step") < metrics.get("loss_before_step"));

        Table forward = Table.read().csv(out.resolve(Autodiff.FORWARD_CSV.name()).toFile());
        assertEquals(7, forward.rowCount(), "2 inputs and 5 operations");
        Table reverse = Table.read().csv(out.resolve(Autodiff.REVERSE_CSV.name()).toFile());
        assertEquals(5.5, reverse.doubleColumn("value").get(reverse.rowCount() - 1), 1e-12, "v̄₋₁ comes last");
        Table network = Table.read().csv(out.resolve(Autodiff.NETWORK_CSV.name()).toFile());
        assertEquals(List.of("W1", "b1", "W2", "b2"), network.stringColumn("parameter").asList());
        assertTrue(Files.readString(out.resolve("report.md")).contains("v̄₀ | v̄₂ · v₋₁ + v̄₄ · cos v₀"));
    }

    @Test
    void aBadExpressionIsRefusedInOneLine() {
        AtelierException e = assertThrows(AtelierException.class, () -> ExperimentRunner.run(new Autodiff(),
                RunOptions.builder().optSmoke(true).optOut(temp.resolve("bad"))
                        .optSet(Map.of("expression", "ln(x1")).build()));
        assertTrue(e.getMessage().contains("expected ')'") && !e.getMessage().contains("\n"), e.getMessage());
    }
}

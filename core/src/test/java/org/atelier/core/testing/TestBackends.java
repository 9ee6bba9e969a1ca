package org.atelier.core.testing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.atelier.core.engine.Backend;
import org.junit.jupiter.api.Assumptions;

/**
 * The engines and the device that engine tests run on. By default every engine on the CPU, as CI
 * runs them; on a machine with a CUDA engine, {@code -Datelier.test.device=gpu
 * -Datelier.test.engines=PyTorch} runs the same tests on the GPU (docs/engines.md), and tests of
 * an engine left out are skipped with the reason stated.
 */
public final class TestBackends {

    /** {@code cpu} unless the system property {@code atelier.test.device} says otherwise. */
    public static final String DEVICE = System.getProperty("atelier.test.device", "cpu");

    private static final List<String> ENGINES = Arrays.stream(
            System.getProperty("atelier.test.engines", "PyTorch,MXNet").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList();

    private TestBackends() {}

    /** The engines under test, for {@link OnEachEngine}. */
    public static Stream<String> engines() {
        return ENGINES.stream();
    }

    /**
     * The engine on the device under test; skips the calling test when the engine is not under test.
     *
     * @param engine an engine name, e.g. {@code PyTorch}
     * @return its backend on {@link #DEVICE}
     */
    public static Backend backend(String engine) {
        Assumptions.assumeTrue(ENGINES.stream().anyMatch(engine::equalsIgnoreCase),
                () -> engine + " is not under test (atelier.test.engines=" + String.join(",", ENGINES) + ")");
        return Backend.resolve(engine, DEVICE);
    }
}

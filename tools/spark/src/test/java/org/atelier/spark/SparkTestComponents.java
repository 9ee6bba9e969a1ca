package org.atelier.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.atelier.core.trial.DataRecipe;
import org.atelier.core.trial.TrialComponents;
import org.atelier.core.trial.TrialRegistry;

/**
 * A data recipe for the fault tests, registered in this module's test {@code META-INF/services}:
 * the first time it runs (no marker file yet) it kills the executor JVM it runs in, as an executor
 * lost to a crash or the out-of-memory killer; afterwards it loads Fashion-MNIST's smoke slice like
 * {@code fashion-mnist}.
 */
public final class SparkTestComponents implements TrialComponents {

    /** The recipe's name; its argument {@value #MARKER} names the marker file. */
    static final String KILLS_ITS_EXECUTOR_ONCE = "kills-its-executor-once";

    /** The argument that names the marker file. */
    static final String MARKER = "marker";

    @Override
    public Map<String, DataRecipe> data() {
        return Map.of(KILLS_ITS_EXECUTOR_ONCE, (args, data) -> {
            Path marker = Path.of(args.get(MARKER));
            if (!Files.exists(marker)) {
                if (!System.getProperty("sun.java.command", "").contains("CoarseGrainedExecutorBackend")) {
                    throw new IllegalStateException(KILLS_ITS_EXECUTOR_ONCE + " runs only in a Spark executor JVM");
                }
                try {
                    Files.createFile(marker);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Runtime.getRuntime().halt(137);
            }
            Map<String, String> rest = new java.util.TreeMap<>(args);
            rest.remove(MARKER);
            return TrialRegistry.instance().data("fashion-mnist").load(rest, data);
        });
    }
}

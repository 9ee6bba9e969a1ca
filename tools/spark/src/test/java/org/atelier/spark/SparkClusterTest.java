package org.atelier.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.atelier.core.data.Datasets;
import org.atelier.core.experiment.ExperimentRegistry;
import org.atelier.core.experiment.ExperimentRunner;
import org.atelier.core.experiment.RunOptions;
import org.atelier.core.report.Summary;
import org.atelier.core.testing.RealData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Smoke runs of multi-trial experiments on a real standalone cluster (a Master and two Workers,
 * separate JVMs on 127.0.0.1, see {@link StandaloneCluster}) through {@code --executor spark
 * --master URL}, checked against the same runs with the in-process executor: every metric but the
 * timings and every history number equal. The driver ships Atelier's jars to the executors
 * ({@code spark.jars}), as it does for a cluster of other machines. To check one more experiment,
 * add its name to the {@code @ValueSource}.
 */
class SparkClusterTest {

    /** Metrics that measure time or memory, which differ between any two runs. */
    private static final Pattern TIMING = Pattern.compile(".*(seconds|peak_rss|concurrency).*");

    @TempDir
    static Path temp;

    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(2, "2g", Files.createDirectories(temp.resolve("cluster")));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hidden-layer-sweep", "cnn-baseline", "hyperparameter-search"})
    void aSmokeRunOnTheClusterEqualsTheInProcessRun(String experiment) throws Exception {
        Path local = temp.resolve(experiment + "-local");
        Path onCluster = temp.resolve(experiment + "-cluster");
        Summary here = run(experiment, RunOptions.builder(), local);
        Summary there = run(experiment, RunOptions.builder().optExecutor(SparkTrialExecutor.NAME)
                .optMaster(cluster.masterUrl()), onCluster);

        assertEquals(withoutTimings(here.metrics()), withoutTimings(there.metrics()));
        assertEquals(SparkTrialExecutor.NAME, there.params().get(ExperimentRunner.EXECUTOR_PARAM));
        assertEquals(cluster.masterUrl(), there.params().get(ExperimentRunner.MASTER_PARAM));
        assertEquals(historyWithoutSeconds(local), historyWithoutSeconds(onCluster));
        assertEquals(here.artifacts(), there.artifacts());
    }

    private static Summary run(String experiment, RunOptions.Builder options, Path out) {
        return ExperimentRunner.run(ExperimentRegistry.load().find(experiment), options.optSmoke(true).optOut(out)
                .optDataDir(RealData.locator(Datasets.FASHION_MNIST).root()).build());
    }

    private static Map<String, Double> withoutTimings(Map<String, Double> metrics) {
        Map<String, Double> kept = new LinkedHashMap<>(metrics);
        kept.keySet().removeIf(name -> TIMING.matcher(name).matches());
        return kept;
    }

    /** history.csv's rows without the {@code seconds} column. */
    private static List<List<String>> historyWithoutSeconds(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("history.csv"));
        int seconds = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(line -> {
            List<String> cells = new java.util.ArrayList<>(Arrays.asList(line.split(",", -1)));
            if (seconds >= 0) {
                cells.remove(seconds);
            }
            return cells;
        }).toList();
    }
}

package org.atelier.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.RealData;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.InProcessTrialExecutor;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialExecutor;
import org.atelier.core.trial.TrialProgress;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed-up table of docs/spark.md: a trial-bound workload (8 trials of an MLP 784-256-10, 6
 * epochs each on all 54 000 Fashion-MNIST training images; {@code -Datelier.spark.speedup.trials}
 * and {@code .epochs} change them) in process, then on a standalone
 * cluster of one and of two one-core Workers on this machine. Wall time of {@code executor.run},
 * each Spark run in a fresh application (executor start and data load included). A measurement,
 * not a check: it runs only with {@code -Datelier.spark.speedup=true} and writes {@code
 * target/spark-speedup.md}.
 */
@EnabledIfSystemProperty(named = "atelier.spark.speedup", matches = "true")
class SparkSpeedupTest {

    private static final int TRIALS = Integer.getInteger("atelier.spark.speedup.trials", 8);
    private static final int EPOCHS = Integer.getInteger("atelier.spark.speedup.epochs", 6);

    @TempDir
    Path temp;

    @Test
    void measureOneAndTwoWorkers() throws Exception {
        TrialEnvironment environment = new TrialEnvironment("PyTorch", "cpu",
                RealData.locator(Datasets.FASHION_MNIST).root(), temp);
        FitSpec fit = FitSpec.builder().sgd(0.1).batchSize(64).maxEpochs(EPOCHS).build();
        List<TrialSpec> trials = IntStream.rangeClosed(1, TRIALS).mapToObj(seed -> TrialSpec.of("seed-" + seed,
                ModelSpec.mlp(10, 256), DataSpec.fashionMnist(42, false), fit, seed)).toList();
        List<String> rows = new ArrayList<>();
        double inProcess = time(new InProcessTrialExecutor(), trials, environment);
        rows.add(row("in process (`--executor local`)", inProcess, inProcess));
        Trials.clearDataCache();
        for (int workers = 1; workers <= 2; workers++) {
            try (StandaloneCluster cluster = StandaloneCluster.start(workers, "2g",
                    Files.createDirectories(temp.resolve("cluster-" + workers)));
                    SparkTrialExecutor spark = new SparkTrialExecutor(1, cluster.masterUrl())) {
                rows.add(row("Spark standalone, " + workers + " worker" + (workers > 1 ? "s" : "") + " × 1 core",
                        time(spark, trials, environment), inProcess));
            }
        }
        write(rows);
    }

    private static double time(TrialExecutor executor, List<TrialSpec> trials, TrialEnvironment environment) {
        long start = System.nanoTime();
        List<TrialResult> results = executor.run(trials, environment, new TrialProgress(System.err, trials.size()));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(results.stream().allMatch(TrialResult::succeeded), results.toString());
        return seconds;
    }

    private static String row(String where, double seconds, double inProcess) {
        return String.format(Locale.ROOT, "| %s | %.1f s | %.2f× |", where, seconds, inProcess / seconds);
    }

    private static void write(List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of("| where the " + TRIALS + " trials ran | wall time | speed-up |",
                "|---|---:|---:|"));
        lines.addAll(rows);
        Path table = Path.of("target", "spark-speedup.md");
        Files.write(table, lines);
        System.err.println(String.join("\n", lines));
    }
}

package org.atelier.spark;

import static org.atelier.core.testing.Histories.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.atelier.core.AtelierException;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.InProcessTrialExecutor;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialExecutor;
import org.atelier.core.trial.TrialExecutors;
import org.atelier.core.trial.TrialProgress;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialRunner;
import org.atelier.core.trial.TrialSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code spark} executor embedded (two executor JVMs started from {@code target/spark-home}),
 * with small real trials (an MLP with 32 hidden units, two epochs on the Fashion-MNIST smoke
 * slice): the in-process numbers and parameter files on both engines, faults retried and recorded
 * while the other trials finish, and finished trials reused by a second attempt. One Spark context
 * serves the whole class, since starting one costs seconds. The test JVM pins one thread
 * (pom.xml), which the executors get too.
 */
class SparkTrialExecutorTest {

    /** The engine of the tests that are not about engines. */
    private static final String ENGINE = "PyTorch";

    private static TrialExecutor spark;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSpark() {
        spark = TrialExecutors.create(SparkTrialExecutor.NAME, 2);
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    private TrialEnvironment environment(String engine, Path out) {
        return new TrialEnvironment(engine, TestBackends.DEVICE, RealData.locator(Datasets.FASHION_MNIST).root(), out);
    }

    private static TrialSpec smallTrial(String id, long seed) {
        FitSpec fit = FitSpec.builder().sgd(0.1).batchSize(32).maxEpochs(2).evaluateBeforeTraining(true).build();
        return TrialSpec.of(id, ModelSpec.mlp(10, 32), DataSpec.fashionMnist(42, true), fit, seed);
    }

    @OnEachEngine
    void trialsOnSparkGiveTheInProcessNumbersAndParameterFiles(String engine) throws Exception {
        List<TrialSpec> trials = IntStream.rangeClosed(1, 3)
                .mapToObj(seed -> smallTrial("seed-" + seed, seed).withSaveParams(true)).toList();
        Path onSpark = Files.createDirectories(temp.resolve("spark"));
        Path inProcess = Files.createDirectories(temp.resolve("local"));
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        List<TrialResult> remote = spark.run(trials, environment(engine, onSpark),
                new TrialProgress(new PrintStream(lines, true, StandardCharsets.UTF_8), 3));
        List<TrialResult> here = new InProcessTrialExecutor().run(trials, environment(engine, inProcess),
                TrialProgress.silent(3));

        assertEquals(List.of("seed-1", "seed-2", "seed-3"), remote.stream().map(TrialResult::id).toList());
        for (int i = 0; i < trials.size(); i++) {
            assertTrue(remote.get(i).succeeded(), remote.get(i).toString());
            assertBitIdentical(here.get(i).history(), remote.get(i).history());
            assertEquals(here.get(i).metrics(), remote.get(i).metrics());
            // the driver wrote the executor's parameters where the trial would have
            Path params = remote.get(i).params().orElseThrow();
            assertEquals(onSpark.resolve("seed-" + (i + 1) + "-0002.params"), params);
            assertArrayEquals(Files.readAllBytes(here.get(i).params().orElseThrow()), Files.readAllBytes(params));
        }
        List<String> progress = lines.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, progress.size(), progress.toString());
        assertTrue(progress.get(2).startsWith("trial 3/3 done: ") && progress.get(2).contains("all done in"),
                progress.get(2));
    }

    @Test
    void failuresAreRetriedThenRecordedAndAKilledExecutorsTrialRunsAgain() throws Exception {
        Path marker = temp.resolve("killed-once");
        List<TrialSpec> trials = List.of(smallTrial("first", 1),
                smallTrial("unknown-model", 2).withModel(ModelSpec.of("no-such-model", 10)),
                smallTrial("kills-its-executor", 3).withData(DataSpec.of(SparkTestComponents.KILLS_ITS_EXECUTOR_ONCE,
                        DataSpec.fashionMnist(42, true).args()).with(SparkTestComponents.MARKER, marker)),
                smallTrial("last", 4));
        List<TrialResult> results = spark.run(trials, environment(ENGINE, temp),
                TrialProgress.silent(4));

        assertEquals(List.of(true, false, true, true), results.stream().map(TrialResult::succeeded).toList(),
                results.toString());
        String error = results.get(1).error();
        assertTrue(error.startsWith("unknown model factory 'no-such-model'; choices: cnn, ") && !error.contains("\n")
                && error.endsWith(" (Spark tried it 4 times)"), error);
        assertTrue(Files.exists(marker), "the executor was killed once");
        TrialResult here = new InProcessTrialExecutor().run(List.of(smallTrial("kills-its-executor", 3)),
                environment(ENGINE, temp.resolve("local")), TrialProgress.silent(1)).get(0);
        assertBitIdentical(here.history(), results.get(2).history());
    }

    @Test
    void aSecondAttemptReusesTheTrialsThatFinishedOnSpark() {
        TrialEnvironment environment = environment(ENGINE, temp);
        List<TrialSpec> first = List.of(smallTrial("a", 1).withSaveParams(true), smallTrial("b", 2).withSaveParams(true));
        TrialRunner attempt = new TrialRunner(spark, environment, null);
        List<TrialResult> done = attempt.run(first);

        List<TrialSpec> again = List.of(first.get(0), first.get(1), smallTrial("c", 3));
        TrialRunner resumed = new TrialRunner(spark, environment, null);
        List<TrialResult> results = resumed.run(again);
        assertEquals(2.0, resumed.metrics().get("trials_reused"));
        assertEquals(1.0, resumed.metrics().get("trials_run"));
        assertEquals(done.get(0), results.get(0));
        assertNotNull(results.get(2).history());
    }

    @Test
    void anEmptyMasterIsRefusedWithTheFix() {
        AtelierException e = org.junit.jupiter.api.Assertions.assertThrows(AtelierException.class,
                () -> TrialExecutors.create(SparkTrialExecutor.NAME, 1, " "));
        assertTrue(e.getMessage().startsWith("--master is empty; give the cluster's URL"), e.getMessage());
    }
}

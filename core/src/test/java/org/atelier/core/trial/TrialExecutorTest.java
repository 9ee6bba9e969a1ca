package org.atelier.core.trial;

import static org.atelier.core.testing.Histories.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executors on both engines with a small real trial (an MLP with 32 hidden units, two epochs
 * on the Fashion-MNIST smoke slice): the same numbers in process and in worker JVMs, results in
 * spec order, failures and crashed workers recorded while the other trials finish. The test JVM
 * pins one intra-op thread (core/pom.xml); the workers inherit it.
 */
class TrialExecutorTest {

    @TempDir
    Path temp;

    private TrialEnvironment environment(String engine) {
        return new TrialEnvironment(engine, TestBackends.DEVICE, RealData.locator(Datasets.FASHION_MNIST).root(), temp);
    }

    /** The small real trial: seed {@code seed}, epoch 0 evaluated, no early stopping. */
    static TrialSpec smallTrial(String id, long seed) {
        FitSpec fit = FitSpec.builder().sgd(0.1).batchSize(32).maxEpochs(2).evaluateBeforeTraining(true).build();
        return TrialSpec.of(id, ModelSpec.mlp(10, 32), DataSpec.fashionMnist(42, true), fit, seed);
    }

    @OnEachEngine
    void aTrialGivesIdenticalNumbersInProcessAndInAChildJvm(String engine) {
        List<TrialSpec> trials = List.of(smallTrial("seed-7", 7));
        TrialResult here = Trials.run(trials.get(0), environment(engine));
        TrialResult child = new ChildJvmTrialExecutor(1).run(trials, environment(engine), TrialProgress.silent(1)).get(0);
        assertNull(child.error());
        assertBitIdentical(here.history(), child.history());
        assertEquals(here.metrics(), child.metrics());
    }

    @OnEachEngine
    void twoWorkersReturnFourTrialsInSpecOrderWithTheInProcessNumbers(String engine) {
        List<TrialSpec> trials = IntStream.rangeClosed(1, 4)
                .mapToObj(seed -> smallTrial("seed-" + seed, seed).withSaveParams(true)).toList();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        List<TrialResult> children = new ChildJvmTrialExecutor(2).run(trials, environment(engine),
                new TrialProgress(new PrintStream(lines, true, StandardCharsets.UTF_8), 4));
        List<TrialResult> here = new InProcessTrialExecutor().run(trials, environment(engine), TrialProgress.silent(4));

        assertEquals(List.of("seed-1", "seed-2", "seed-3", "seed-4"), children.stream().map(TrialResult::id).toList());
        for (int i = 0; i < trials.size(); i++) {
            // bit for bit because the test JVM pins its threads (core/pom.xml), which the workers inherit
            assertBitIdentical(here.get(i).history(), children.get(i).history());
            Path params = children.get(i).params().orElseThrow();
            assertEquals(temp.resolve("seed-" + (i + 1) + "-0002.params"), params);
            assertTrue(Files.isRegularFile(params), params.toString());
        }
        List<String> progress = lines.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, progress.size(), progress.toString());
        assertTrue(progress.get(0).matches("trial 1/4 done: seed-\\d \\(val loss \\d\\.\\d{4}, \\d+\\.\\d s\\), ETA (\\d+m)?\\d+s"),
                progress.get(0));
        assertTrue(progress.get(3).startsWith("trial 4/4 done: ") && progress.get(3).contains("all done in"), progress.get(3));
    }

    @OnEachEngine
    void failedTrialsAreRecordedWithTheirMessageWhileTheOthersSucceed(String engine) {
        List<TrialSpec> trials = List.of(smallTrial("first", 1),
                smallTrial("unknown-model", 2).withModel(ModelSpec.of("no-such-model", 10)),
                smallTrial("failing-data", 3).withData(DataSpec.of(TestTrialComponents.FAILING_RECIPE)),
                smallTrial("last", 4));
        List<TrialResult> results = new ChildJvmTrialExecutor(1).run(trials, environment(engine), TrialProgress.silent(4));

        assertTrue(results.get(0).succeeded() && results.get(3).succeeded(), results.toString());
        assertEquals("unknown model factory 'no-such-model'; choices: cnn, cnn-batchnorm, deep-mlp, mlp, mlp-bn, softmax", results.get(1).error());
        assertEquals("this recipe fails on purpose", results.get(2).error());
        assertNull(results.get(1).history());
        List<TrialResult> here = new InProcessTrialExecutor().run(trials.subList(1, 3), environment(engine),
                TrialProgress.silent(2));
        assertEquals(List.of(results.get(1).error(), results.get(2).error()), here.stream().map(TrialResult::error).toList(),
                "a failure reads the same in process");
    }

    @OnEachEngine
    void aWorkerThatDiesFailsItsTrialAndTheRestFinish(String engine) {
        List<TrialSpec> trials = List.of(smallTrial("before", 1),
                smallTrial("crash", 2).withData(DataSpec.of(TestTrialComponents.EXITING_RECIPE)),
                smallTrial("after-1", 3), smallTrial("after-2", 4), smallTrial("after-3", 5));
        List<TrialResult> results = new ChildJvmTrialExecutor(2).run(trials, environment(engine), TrialProgress.silent(5));

        assertEquals(List.of(true, false, true, true, true), results.stream().map(TrialResult::succeeded).toList(),
                results.toString());
        String error = results.get(1).error();
        assertTrue(error.contains("exited with code " + TestTrialComponents.EXIT_CODE), error);
        assertTrue(error.contains("exiting on purpose"), "the end of its stderr is kept: " + error);
    }
}

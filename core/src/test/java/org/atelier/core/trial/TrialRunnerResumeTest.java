package org.atelier.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's finished trials are kept as they finish, and an equal spec reuses them (what {@code --resume} relies on). */
class TrialRunnerResumeTest {

    @TempDir
    Path temp;

    /** Runs nothing: makes up a result per spec (its seed as the loss), keeps a .params file, records what it ran. */
    static final class FakeExecutor implements TrialExecutor {
        final List<String> ran = new ArrayList<>();
        String failing = "";

        @Override
        public List<TrialResult> run(List<TrialSpec> trials, TrialEnvironment environment, TrialProgress progress) {
            List<TrialResult> results = new ArrayList<>();
            for (TrialSpec spec : trials) {
                ran.add(spec.id());
                TrialResult result = spec.id().equals(failing) ? TrialResult.failed(spec.id(), "diverged", 0.1)
                        : made(spec, environment.outputDir());
                progress.finished(result);
                results.add(result);
            }
            return results;
        }

        private static TrialResult made(TrialSpec spec, Path dir) {
            try {
                Files.createDirectories(dir);
                Path params = Files.writeString(dir.resolve(spec.id() + "-0002.params"), "weights " + spec.seed());
                History history = new History(List.of(new EpochRecord(1, spec.seed(), 0.5, spec.seed(), 0.5, 0.1, 1, 10),
                        new EpochRecord(2, spec.seed(), 0.5, spec.seed(), 0.5, 0.1, 1, 20)), false);
                return new TrialResult(spec.id(), history, Map.of("val_loss", (double) spec.seed(), "epochs", 2.0),
                        params.toString(), 1.0, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public int parallel() {
            return 1;
        }
    }

    private static TrialSpec spec(String id, long seed) {
        FitSpec fit = FitSpec.builder().sgd(0.1).batchSize(32).maxEpochs(2).build();
        return TrialSpec.of(id, ModelSpec.mlp(10, 32), DataSpec.fashionMnist(42, true), fit, seed).withSaveParams(true);
    }

    private static TrialRunner runner(FakeExecutor executor, Path trialsDir) {
        return new TrialRunner(executor, new TrialEnvironment("PyTorch", "cpu", Path.of("data"), trialsDir), null);
    }

    @Test
    void keptTrialsAreReusedInAnotherDirectoryAndChangedOrFailedOnesRunAgain() throws IOException {
        FakeExecutor first = new FakeExecutor();
        first.failing = "c";
        Path attempt = temp.resolve("attempt/trials");
        List<TrialResult> before = runner(first, attempt).run(List.of(spec("a", 1), spec("b", 2), spec("c", 3)));
        assertEquals(List.of("a", "b", "c"), first.ran);

        // The resumed run lives elsewhere: its trials directory is a copy of the attempt's.
        Path resumed = temp.resolve("resumed/trials");
        Files.createDirectories(resumed);
        try (var files = Files.list(attempt)) {
            for (Path f : files.toList()) {
                Files.copy(f, resumed.resolve(f.getFileName()));
            }
        }
        FakeExecutor second = new FakeExecutor();
        TrialRunner again = runner(second, resumed);
        List<TrialResult> after = again.run(List.of(spec("a", 1), spec("b", 20), spec("c", 3)));
        assertEquals(List.of("b", "c"), second.ran, "a is reused; b changed its seed; c had failed");
        assertEquals(before.get(0).history(), after.get(0).history());
        assertEquals(before.get(0).metrics(), after.get(0).metrics());
        assertEquals(resumed.resolve("a-0002.params").toString(), after.get(0).paramsFile(),
                "the reused result names its parameters where they are now");
        assertEquals(List.of("a", "b", "c"), after.stream().map(TrialResult::id).toList());
        assertEquals(Map.of("trials_done", 3.0, "epochs_done", 6.0, "trials_reused", 1.0), again.progressMetrics());
        assertEquals(2.0, again.metrics().get("trials_run"));
    }

    @Test
    void aKeptTrialWhoseParametersAreGoneRunsAgain() throws IOException {
        FakeExecutor first = new FakeExecutor();
        Path dir = temp.resolve("trials");
        runner(first, dir).run(List.of(spec("a", 1)));
        Files.delete(dir.resolve("a-0002.params"));
        FakeExecutor second = new FakeExecutor();
        runner(second, dir).run(List.of(spec("a", 1)));
        assertEquals(List.of("a"), second.ran);
    }

    @Test
    void theHashIgnoresWhereTheRunLivesButNotWhatATrialStartsFrom() {
        Path one = temp.resolve("one/trials");
        Path two = temp.resolve("two/trials");
        TrialSpec inOne = spec("refine", 1).withInitialParams(one.resolve("best-0003.params"));
        TrialSpec inTwo = spec("refine", 1).withInitialParams(two.resolve("best-0003.params"));
        assertEquals(new TrialCache(one).hash(inOne), new TrialCache(two).hash(inTwo));
        assertNotEquals(new TrialCache(one).hash(inOne),
                new TrialCache(one).hash(spec("refine", 1).withInitialParams(one.resolve("other-0003.params"))));
        assertTrue(new TrialCache(one).hash(inOne).matches("[0-9a-f]{16}"));
    }

    @Test
    void theExecutorsAnnouncementComesOnceBeforeTheFirstBatchOfSeveralTrials() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TrialRunner runner = new TrialRunner(new FakeExecutor(),
                new TrialEnvironment("PyTorch", "cpu", Path.of("data"), temp.resolve("trials")), progress, "two workers");
        runner.run(List.of(spec("one", 1)));
        assertEquals(0, count(bytes, "two workers"), "not for a single trial");
        runner.run(List.of(spec("a", 1), spec("b", 2)));
        runner.run(List.of(spec("c", 3), spec("d", 4)));
        assertEquals(1, count(bytes, "two workers"), bytes.toString(StandardCharsets.UTF_8));
    }

    private static long count(ByteArrayOutputStream bytes, String line) {
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(line::equals).count();
    }
}

package org.atelier.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.atelier.core.report.Summary;
import org.atelier.core.training.TrainingBackup;
import org.atelier.core.trial.JvmCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, reproduction 2 and the resume contract: a smoke run stopped with SIGTERM in the middle
 * of its trials prints one line and records {@code status: interrupted} with the trials and epochs
 * done; {@code --resume} reuses the finished trials and ends with the metrics of an uninterrupted
 * run of the same seed. A run stopped (SIGTERM or SIGKILL) in the middle of a trial's training
 * resumes that training from its last finished epoch, to the same result.
 */
class InterruptAndResumeTest {

    private static final String EXPERIMENT = "softmax-regression";

    /** A run of a few single trainings of several epochs each, the first a small CNN. */
    private static final String TRAINING = "mnist-tiny-cnn";

    /** What libtorch 2.7.1 printed once per process when DJL's {@code NDArray.copyTo} was used. */
    private static final String LIBTORCH_WARNING = "AutoNonVariableTypeMode";

    /** Metrics that measure the run's cost (time, memory, trial counts), which a resumed run may not repeat. */
    private static final Pattern COST = Pattern.compile(".*(seconds|_s$|_s_|peak_rss|trials_run|trial_|trials_reused|load_average).*");

    @TempDir
    Path temp;

    /** Shared by the cases of one test: the uninterrupted run they compare with. */
    @TempDir
    static Path shared;

    @Test
    void anInterruptedRunIsRecordedAndResumesToTheUninterruptedResult() throws Exception {
        Path out = temp.resolve("stopped");
        List<String> stderr = runAndStopAfterTheFirstTrial(List.of("run", EXPERIMENT, "--smoke", "--out", out.toString()));

        Summary interrupted = Summary.read(out);
        assertEquals(Summary.Status.INTERRUPTED, interrupted.status(), String.join("\n", stderr));
        double trialsDone = interrupted.metrics().get("trials_done");
        assertTrue(trialsDone >= 1, interrupted.metrics().toString());
        assertTrue(interrupted.metrics().get("epochs_done") >= trialsDone, interrupted.metrics().toString());
        List<String> said = stderr.stream().filter(l -> l.startsWith("atelier: interrupted")).toList();
        assertEquals(1, said.size(), String.join("\n", stderr));
        assertTrue(said.get(0).contains("--out " + out + " --resume"), said.get(0));
        assertEquals(List.of("stopped"), siblings(), "no staging directory is left behind");

        AtelierCliTest.Result resumed = AtelierCliTest.atelier("run", EXPERIMENT, "--smoke", "--out", out.toString(), "--resume");
        assertEquals(0, resumed.exit(), resumed.err());
        Summary finished = Summary.read(out);
        assertEquals(Summary.Status.SUCCEEDED, finished.status());
        // A trial that finished while the interruption was being recorded is kept too, so at least those recorded.
        assertTrue(finished.metrics().get("trials_reused") >= trialsDone, "every finished trial is reused");

        Path whole = temp.resolve("whole");
        assertEquals(0, AtelierCliTest.atelier("run", EXPERIMENT, "--smoke", "--out", whole.toString()).exit());
        Summary uninterrupted = Summary.read(whole);
        assertEquals(results(uninterrupted), results(finished));
        assertEquals(uninterrupted.artifacts(), finished.artifacts());
        assertEquals(withoutSeconds(whole.resolve("history.csv")), withoutSeconds(out.resolve("history.csv")));
    }

    /**
     * A run stopped in the middle of a trial's training, as soon as the trial's backup holds epoch
     * 1 of 4: {@code --resume} continues that training from its backup (one line says so) and the
     * run ends with the metrics and history of an uninterrupted run. No PyTorch run prints
     * libtorch's deprecation warning (issue 10, item 10), although these runs restore best epochs,
     * which copy parameters in place.
     */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"KILL", "TERM"})
    void aTrainingStoppedMidwayResumesFromItsLastEpoch(String signal) throws Exception {
        List<String> arguments = List.of("run", TRAINING, "--smoke", "--set", "tiny_epochs=4", "--set", "patience=4");
        Path out = temp.resolve("stopped");
        String stopped = stopDuringTraining(concat(arguments, "--out", out.toString()), out, signal);
        assertFalse(stopped.contains(LIBTORCH_WARNING), stopped);

        ChildRun resumed = child(concat(arguments, "--out", out.toString(), "--resume"));
        assertEquals(0, resumed.exit(), resumed.stderr());
        List<String> resuming = resumed.stderr().lines().filter(l -> l.startsWith("resuming trial ")).toList();
        assertEquals(1, resuming.size(), resumed.stderr());
        assertTrue(Pattern.matches("resuming trial tiny-cnn from epoch [1-3] of 4 .*", resuming.get(0)), resuming.get(0));
        assertFalse(resumed.stderr().contains(LIBTORCH_WARNING), resumed.stderr());
        try (var files = Files.list(out.resolve("trials"))) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".backup")), "a finished run keeps no backups");
        }

        Path whole = shared.resolve("whole");
        if (!Files.exists(whole)) {
            ChildRun uninterrupted = child(concat(arguments, "--out", whole.toString()));
            assertEquals(0, uninterrupted.exit(), uninterrupted.stderr());
            assertFalse(uninterrupted.stderr().contains(LIBTORCH_WARNING), uninterrupted.stderr());
        }
        assertEquals(results(Summary.read(whole)), results(Summary.read(out)));
        assertEquals(withoutSeconds(whole.resolve("history.csv")), withoutSeconds(out.resolve("history.csv")));
    }

    /**
     * Starts the CLI in a child JVM and stops it with a signal once a trial's training backup holds
     * an epoch; returns what the child printed on stderr.
     */
    private static String stopDuringTraining(List<String> arguments, Path out, String signal) throws Exception {
        Path stderr = out.resolveSibling("stopped-stderr.txt");
        Process child = JvmCommand.of(AtelierCli.class.getName(), arguments).processBuilder()
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        Path trials = out.resolveSibling(out.getFileName() + ".partial-" + child.pid()).resolve("trials");
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (backedUpEpoch(trials) < 1) {
                assertTrue(child.isAlive(), "the run ended before a training backup: " + Files.readString(stderr));
                assertTrue(System.nanoTime() < deadline, "no training backup within 3 minutes");
                Thread.sleep(20);
            }
            SignalledRun.send(child, signal);
        } finally {
            SignalledRun.reap(child);
        }
        assertEquals("KILL".equals(signal) ? 137 : 143, child.exitValue(), Files.readString(stderr));
        return Files.readString(stderr);
    }

    /** How a run in a child JVM ended and what it printed on stderr (where libtorch writes too). */
    private record ChildRun(int exit, String stderr) {}

    private static ChildRun child(List<String> arguments) throws Exception {
        Path stderr = Files.createTempFile(shared, "stderr", ".txt");
        Process child = JvmCommand.of(AtelierCli.class.getName(), arguments).processBuilder()
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        return new ChildRun(child.waitFor(), Files.readString(stderr));
    }

    /** The highest epoch a training backup in the directory holds, 0 if none. */
    private static int backedUpEpoch(Path trials) throws java.io.IOException {
        if (!Files.isDirectory(trials)) {
            return 0;
        }
        try (var files = Files.list(trials)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".backup"))
                    .mapToInt(p -> TrainingBackup.at(p).progress().map(TrainingBackup.Progress::epoch).orElse(0))
                    .max().orElse(0);
        } catch (java.nio.file.NoSuchFileException movedAway) {
            return 0;
        }
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** A comparison stopped while its child runs: both are recorded as interrupted and moved into place. */
    @Test
    void anInterruptedComparisonStopsItsChildAndRecordsBoth() throws Exception {
        Path out = temp.resolve("compare");
        List<String> stderr = runAndStopAfterTheFirstTrial(
                List.of("compare-engines", EXPERIMENT, "--smoke", "--engines", "PyTorch", "--out", out.toString()));
        Summary comparison = Summary.read(out);
        assertEquals(Summary.Status.INTERRUPTED, comparison.status(), String.join("\n", stderr));
        assertEquals("compare-engines", comparison.experiment());
        assertEquals(Summary.Status.INTERRUPTED, Summary.read(out.resolve("pytorch")).status());
        assertEquals(1, stderr.stream().filter(l -> l.startsWith("atelier: interrupted; compare-engines")).count(),
                String.join("\n", stderr));
        assertEquals(List.of("compare"), siblings());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "the child's run is in place");
        }
    }

    /** Starts the CLI in a child JVM and sends it SIGTERM as soon as the first trial finished. */
    private static List<String> runAndStopAfterTheFirstTrial(List<String> arguments) throws Exception {
        return SignalledRun.run(arguments, line -> line.startsWith("trial 1/"), "TERM", 143);
    }

    private static Map<String, Double> results(Summary summary) {
        Map<String, Double> results = new LinkedHashMap<>(summary.metrics());
        results.keySet().removeIf(name -> COST.matcher(name).matches());
        assertFalse(results.isEmpty());
        return results;
    }

    /** A history table without its column of seconds. */
    private static List<List<String>> withoutSeconds(Path csv) throws java.io.IOException {
        List<List<String>> rows = Files.readAllLines(csv).stream().map(l -> new ArrayList<>(List.of(l.split(",")))).map(r -> (List<String>) r).toList();
        int seconds = rows.get(0).indexOf("seconds");
        rows.forEach(row -> row.remove(seconds));
        return rows;
    }

    private List<String> siblings() throws Exception {
        try (var files = Files.list(temp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

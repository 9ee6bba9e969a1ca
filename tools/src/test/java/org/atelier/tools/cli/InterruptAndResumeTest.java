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
import java.util.regex.Pattern;
import org.atelier.core.report.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, reproduction 2 and the resume contract: a smoke run stopped with SIGTERM in the middle
 * of its trials prints one line and records {@code status: interrupted} with the trials and epochs
 * done; {@code --resume} reuses the finished trials and ends with the metrics of an uninterrupted
 * run of the same seed.
 */
class InterruptAndResumeTest {

    private static final String EXPERIMENT = "softmax-regression";

    /** Metrics that measure the run's cost (time, memory, trial counts), which a resumed run may not repeat. */
    private static final Pattern COST = Pattern.compile(".*(seconds|_s$|_s_|peak_rss|trials_run|trial_|trials_reused).*");

    @TempDir
    Path temp;

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

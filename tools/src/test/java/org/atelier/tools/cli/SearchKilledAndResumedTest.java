package org.atelier.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.atelier.core.report.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: a {@code hyperparameter-search} killed mid-way (SIGKILL, no chance to record anything)
 * and restarted with the same output directory and {@code --resume} continues from the (candidate,
 * fold) fits it finished, and ends with the scores of an uninterrupted search.
 */
class SearchKilledAndResumedTest {

    private static final String EXPERIMENT = "hyperparameter-search";

    /** Metrics that measure the run's cost (time, memory, trial counts), which a resumed run does not repeat. */
    private static final Pattern COST = Pattern.compile(".*(seconds|peak_rss|trials_run|trial_|trials_reused).*");

    /** A progress line of the search's fits (the smoke search has 21), from the third on. */
    private static final Pattern THIRD_FIT = Pattern.compile("trial ([3-9]|\\d\\d)/21 done: .*");

    @TempDir
    Path temp;

    @Test
    void aKilledSearchResumesFromItsFinishedFits() throws Exception {
        Path out = temp.resolve("search");
        List<String> stderr = SignalledRun.run(List.of("run", EXPERIMENT, "--smoke", "--out", out.toString()),
                line -> THIRD_FIT.matcher(line).matches(), "KILL", 137);
        assertFalse(Files.exists(out), "a killed run is not moved into place: " + stderr);
        try (var files = Files.list(temp)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("search.partial-")),
                    "the killed run's staging directory is left: " + stderr);
        }

        AtelierCliTest.Result resumed = AtelierCliTest.atelier("run", EXPERIMENT, "--smoke", "--out", out.toString(),
                "--resume");
        assertEquals(0, resumed.exit(), resumed.err());
        Summary finished = Summary.read(out);
        assertEquals(Summary.Status.SUCCEEDED, finished.status());
        double reused = finished.metrics().get("trials_reused");
        assertTrue(reused >= 3 && reused < 21, "the fits finished before the kill are reused, the others run: " + reused);
        assertEquals(23 - reused, finished.metrics().get("trials_run"), "the rest of the 21 fits and the 2 refits");

        Path whole = temp.resolve("whole");
        AtelierCliTest.Result uninterrupted = AtelierCliTest.atelier("run", EXPERIMENT, "--smoke", "--out", whole.toString());
        assertEquals(0, uninterrupted.exit(), uninterrupted.err());
        assertEquals(results(Summary.read(whole)), results(finished));
        assertEquals(Files.readAllLines(whole.resolve("grid-cv-results.csv")).stream().map(SearchKilledAndResumedTest::scores)
                .toList(), Files.readAllLines(out.resolve("grid-cv-results.csv")).stream()
                        .map(SearchKilledAndResumedTest::scores).toList());
    }

    private static Map<String, Double> results(Summary summary) {
        Map<String, Double> results = new LinkedHashMap<>(summary.metrics());
        results.keySet().removeIf(name -> COST.matcher(name).matches());
        assertTrue(results.containsKey("best_score") && results.containsKey("test_accuracy"), results.toString());
        return results;
    }

    /** A cv_results_ row without its fit-time columns (the last two). */
    private static String scores(String csvLine) {
        String[] cells = csvLine.split(",");
        return String.join(",", java.util.Arrays.copyOf(cells, cells.length - 2));
    }
}

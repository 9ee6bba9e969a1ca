package org.atelier.tools.cli;

import static org.atelier.tools.cli.AtelierCliTest.atelier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.atelier.core.report.Summary;
import org.atelier.tools.cli.AtelierCliTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reproductions of issue 10 that the CLI answers (numbers as in the issue): output directories
 * that are never overwritten or mixed, input checked before anything is created, and clearer
 * one-line messages.
 */
class RunOutputCliTest {

    @TempDir
    Path temp;

    private static void assertOneErrorLine(Result result, int exit, String... fragments) {
        assertEquals(exit, result.exit(), result.err());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("atelier: "), result.err());
        for (String fragment : fragments) {
            assertTrue(result.err().contains(fragment), "'" + fragment + "' missing from: " + result.err());
        }
    }

    private List<String> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** 1: a directory of the user's own files was written into without --force. */
    @Test
    void aDirectoryThatHoldsNoRunIsRefusedWithoutForce() throws IOException {
        Path mine = Files.createDirectory(temp.resolve("d"));
        Files.writeString(mine.resolve("report.md"), "mine");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--smoke", "--out", mine.toString()), 2,
                "is not empty and holds no run", "--force");
        assertEquals(List.of("report.md"), entries(mine));
        assertEquals(List.of("d"), entries(temp), "nothing is created for a refused run");

        assertEquals(0, atelier("run", "hello-ndarray", "--smoke", "--out", mine.toString(), "--force").exit());
        assertEquals("mine", Files.readString(mine.resolve("report.md")), "--force adds the run's files, keeps others");
        assertEquals(Summary.Status.SUCCEEDED, Summary.read(mine).status());
    }

    /** 3: a --force run that failed on bad input had already replaced the old run's summary. */
    @Test
    void aFailedForcedRunLeavesTheOldRunIntactBesideARecordOfTheAttempt() throws IOException {
        Path out = temp.resolve("run");
        assertEquals(0, atelier("run", "hello-ndarray", "--smoke", "--set", "n=10", "--out", out.toString()).exit());
        Result failed = atelier("run", "fails-on-purpose", "--set", "user_error=true", "--out", out.toString(), "--force");
        assertOneErrorLine(failed, 2, "train-images-idx3-ubyte is missing");
        Summary old = Summary.read(out);
        assertEquals("hello-ndarray", old.experiment());
        assertEquals(45.0, old.metrics().get("sum"), "the old metrics are kept");
        List<String> records = entries(temp).stream().filter(n -> n.startsWith("run.failed-")).toList();
        assertEquals(1, records.size(), entries(temp).toString());
        assertTrue(failed.err().contains(temp.resolve(records.get(0)).toString()), "the error names the record: " + failed.err());
        assertEquals("fails-on-purpose", Summary.read(temp.resolve(records.get(0))).experiment());
    }

    /** 3: the issue's own reproduction, --force with --data-dir of an empty directory: refused before anything is touched. */
    @Test
    void missingDataIsRefusedBeforeAForcedRunTouchesAnything() throws IOException {
        Path out = temp.resolve("run");
        assertEquals(0, atelier("run", "hello-ndarray", "--smoke", "--out", out.toString()).exit());
        Path empty = Files.createDirectory(temp.resolve("empty"));
        assertOneErrorLine(atelier("run", "softmax-regression", "--smoke", "--out", out.toString(), "--force",
                "--data-dir", empty.toString()), 2, "not found in " + empty.resolve("fashion-mnist"),
                "data/fetch --dir " + empty + " fashion-mnist");
        assertEquals(List.of("empty", "run"), entries(temp), "no record of an attempt that never started");
        assertEquals("hello-ndarray", Summary.read(out).experiment());
    }

    /** 4 and 10: empty or unusable paths and data directories were accepted and failed later, or without a reason. */
    @Test
    void unusablePathsAreRefusedBeforeAnythingRuns() throws IOException {
        assertOneErrorLine(atelier("run", "hello-ndarray", "--smoke", "--out", ""), 2, "--out is empty");
        Path out = temp.resolve("out");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--smoke", "--out", out.toString(), "--data-dir", ""), 2,
                "--data-dir is empty");
        Path file = Files.writeString(temp.resolve("file"), "x");
        Result dataFile = atelier("run", "hello-ndarray", "--smoke", "--out", out.toString(), "--data-dir", file.toString());
        assertOneErrorLine(dataFile, 2, "--data-dir " + file + " is a file, not a directory");
        assertFalse(dataFile.err().contains("--dir " + file), dataFile.err());
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertOneErrorLine(atelier("run", "hello-ndarray", "--smoke", "--out", "/proc/x"), 2, "/proc is not writable");
        }
        assertEquals(List.of("file"), entries(temp), "nothing is created for refused runs");
    }

    /** 9: after a failed attempt the directory was refused as "already holds a run" without saying it failed. */
    @Test
    void aFailedRunIsNamedAsFailedAndCanBeResumed() {
        Path out = temp.resolve("bug");
        assertEquals(1, atelier("run", "fails-on-purpose", "--out", out.toString()).exit());
        assertOneErrorLine(atelier("run", "fails-on-purpose", "--out", out.toString()), 2,
                "already holds a failed run of fails-on-purpose", "loss became NaN", "--resume", "--force");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--out", out.toString(), "--resume"), 2,
                "holds a run of fails-on-purpose, not of hello-ndarray");
        assertOneErrorLine(atelier("run", "fails-on-purpose", "--out", out.toString(), "--resume", "--force"), 2,
                "give one of them");
        assertEquals(1, atelier("run", "fails-on-purpose", "--out", out.toString(), "--resume").exit());
        assertEquals(Summary.Status.FAILED, Summary.read(out).status());
        assertOneErrorLine(atelier("run", "hello-ndarray", "--resume"), 2, "--resume needs --out");
    }

    /** 10: misleading messages. */
    @Test
    void messagesSayWhatIsWrong() {
        assertOneErrorLine(atelier("run", "hello-ndarray", "--set", "n=99999999999"), 2,
                "expected an integer ≥ 1; 99999999999 is beyond the largest int, 2147483647");
        Result noEquals = atelier("run", "hello-ndarray", "--set", "n");
        assertOneErrorLine(noEquals, 2, "--set n is not KEY=VALUE");
        Result twice = atelier("run", "hello-ndarray", "--set", "n=1", "--set", "n=2");
        assertOneErrorLine(twice, 2, "--set n is given twice (n=1, then n=2)");
        assertOneErrorLine(atelier("lst"), 2, "'lst'", "did you mean list?");
        assertFalse(atelier("run", "hello-ndarray", "--seed").err().contains("option option"));
    }

    /** 6: compare-engines accepted DJL's RPC engine, which cannot train, and named a directory that did not exist. */
    @Test
    void compareEnginesRefusesAnEngineThatCannotTrain() throws IOException {
        Path out = temp.resolve("cmp");
        Result rpc = atelier("compare-engines", "hello-ndarray", "--engines", "RPC", "--smoke", "--out", out.toString());
        assertOneErrorLine(rpc, 2, "unknown engine 'RPC'", "available: MXNet, PyTorch");
        assertEquals(List.of(), entries(temp));
    }

    /** 6: a failing child leaves the comparison recorded as failed, in place, and names only directories that exist. */
    @Test
    void aFailingChildIsRecordedInTheComparisonsSummary() {
        Path out = temp.resolve("child-fails");
        Result result = atelier("compare-engines", "fails-on-purpose", "--engines", "pytorch", "--out", out.toString());
        assertEquals(1, result.exit());
        Summary comparison = Summary.read(out);
        assertEquals(Summary.Status.FAILED, comparison.status());
        assertTrue(comparison.error().startsWith("the PyTorch run of fails-on-purpose failed"), comparison.error());
        assertTrue(Files.isDirectory(out.resolve("pytorch")));
    }
}

package org.atelier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.atelier.core.AtelierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs are built beside their target and moved into place at their end: nothing a user had is overwritten or mixed. */
class StagedRunTest {

    private static final RunFile REPORT = new RunFile("report.md", "the report");

    @TempDir
    Path temp;

    /** Writes a run with one report line and the given status, as the runner does, and moves it into place. */
    private static Path runInto(StagedRun staged, String report, Summary.Status status) {
        RunDirectory dir = staged.begin();
        dir.writeString(REPORT, report);
        summary(status).write(dir);
        return staged.finish(status);
    }

    private static Summary summary(Summary.Status status) {
        return new Summary("arange", "PyTorch", "2.7.1", "cpu", 42, true, Instant.parse("2025-01-01T00:00:00Z"), 1.0,
                status, status == Summary.Status.SUCCEEDED ? null : "it " + status, Map.of(), Map.of(), List.of());
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewRunIsBuiltBesideTheTargetAndMovedIntoPlace() throws IOException {
        Path out = temp.resolve("out");
        StagedRun staged = StagedRun.at(out, StagedRun.Mode.NEW);
        assertFalse(Files.exists(out), "checking creates nothing");
        RunDirectory dir = staged.begin();
        assertEquals(out.getParent(), dir.root().getParent());
        assertFalse(Files.exists(out), "the target appears only when the run ends");
        dir.writeString(REPORT, "new");
        summary(Summary.Status.SUCCEEDED).write(dir);
        assertEquals(out, staged.finish(Summary.Status.SUCCEEDED));
        assertEquals("new", Files.readString(out.resolve("report.md")));
        assertEquals(List.of("out"), siblings(), "no staging directory is left");
    }

    @Test
    void anEmptyTargetDirectoryIsUsedWhateverTheStatus() throws IOException {
        Path out = Files.createDirectory(temp.resolve("empty"));
        assertEquals(out, runInto(StagedRun.at(out, StagedRun.Mode.NEW), "failed", Summary.Status.FAILED));
        assertEquals(Summary.Status.FAILED, Summary.read(out).status());
    }

    /** Issue 10, reproduction 1: a directory of the user's own files was written into without --force. */
    @Test
    void aNonEmptyDirectoryThatIsNoRunIsRefusedWithoutForce() throws IOException {
        Path out = Files.createDirectory(temp.resolve("mine"));
        Files.writeString(out.resolve("report.md"), "mine");
        AtelierException e = assertThrows(AtelierException.class, () -> StagedRun.at(out, StagedRun.Mode.NEW));
        assertTrue(e.getMessage().contains("is not empty and holds no run") && e.getMessage().contains("--force"),
                e.getMessage());

        assertEquals(out, runInto(StagedRun.at(out, StagedRun.Mode.FORCE), "run's", Summary.Status.SUCCEEDED));
        assertEquals("run's", Files.readString(out.resolve("report.md")), "--force: the run's files are added");
        assertTrue(Files.exists(out.resolve("summary.json")));
    }

    /** Issue 10, reproductions 2 and 3: a failed or interrupted --force run destroyed or mixed into the old run. */
    @Test
    void aFailedOrInterruptedForcedRunLeavesTheOldRunIntactBesideARecord() throws IOException {
        Path out = temp.resolve("out");
        runInto(StagedRun.at(out, StagedRun.Mode.NEW), "old", Summary.Status.SUCCEEDED);

        Path failed = runInto(StagedRun.at(out, StagedRun.Mode.FORCE), "new", Summary.Status.FAILED);
        assertTrue(failed.getFileName().toString().matches("out\\.failed-\\d{8}-\\d{6}"), failed.toString());
        assertEquals("new", Files.readString(failed.resolve("report.md")));
        assertEquals(Summary.Status.FAILED, Summary.read(failed).status());
        Path interrupted = runInto(StagedRun.at(out, StagedRun.Mode.FORCE), "newer", Summary.Status.INTERRUPTED);
        assertTrue(interrupted.getFileName().toString().startsWith("out.interrupted-"), interrupted.toString());

        assertEquals("old", Files.readString(out.resolve("report.md")));
        assertEquals(Summary.Status.SUCCEEDED, Summary.read(out).status());
        assertEquals(3, siblings().size(), siblings().toString());

        assertEquals(out, runInto(StagedRun.at(out, StagedRun.Mode.FORCE), "newest", Summary.Status.SUCCEEDED));
        assertEquals("newest", Files.readString(out.resolve("report.md")));
        assertEquals(3, siblings().size(), "the old run is replaced, not kept: " + siblings());
    }

    @Test
    void aForcedRunReplacesTheOldRunWholeSoNoOldFileRemains() throws IOException {
        Path out = temp.resolve("out");
        StagedRun first = StagedRun.at(out, StagedRun.Mode.NEW);
        RunDirectory dir = first.begin();
        dir.writeString(new RunFile("old-only.txt", "a file only the old run wrote"), "old");
        summary(Summary.Status.SUCCEEDED).write(dir);
        first.finish(Summary.Status.SUCCEEDED);

        runInto(StagedRun.at(out, StagedRun.Mode.FORCE), "new", Summary.Status.SUCCEEDED);
        assertFalse(Files.exists(out.resolve("old-only.txt")), "the new run is not mixed with the old one");
    }

    /** Issue 10, reproduction 9: a directory holding a failed run was refused without saying it failed. */
    @Test
    void aRunIsRefusedWithItsStatusAndTheWayOn() {
        Path out = temp.resolve("out");
        runInto(StagedRun.at(out, StagedRun.Mode.NEW), "x", Summary.Status.FAILED);
        String failed = assertThrows(AtelierException.class, () -> StagedRun.at(out, StagedRun.Mode.NEW)).getMessage();
        assertTrue(failed.contains("already holds a failed run of arange") && failed.contains("it FAILED")
                && failed.contains("--resume") && failed.contains("--force"), failed);

        Path done = temp.resolve("done");
        runInto(StagedRun.at(done, StagedRun.Mode.NEW), "x", Summary.Status.SUCCEEDED);
        String succeeded = assertThrows(AtelierException.class, () -> StagedRun.at(done, StagedRun.Mode.NEW)).getMessage();
        assertTrue(succeeded.contains("already holds a succeeded run of arange") && !succeeded.contains("--resume"),
                succeeded);
        String resume = assertThrows(AtelierException.class, () -> StagedRun.at(done, StagedRun.Mode.RESUME)).getMessage();
        assertTrue(resume.contains("nothing to continue"), resume);
        String nothing = assertThrows(AtelierException.class,
                () -> StagedRun.at(temp.resolve("none"), StagedRun.Mode.RESUME)).getMessage();
        assertTrue(nothing.contains("holds no run"), nothing);
    }

    @Test
    void aResumedRunCarriesTheOldTrialsAndReplacesTheAttemptWhateverItsStatus() throws IOException {
        Path out = temp.resolve("out");
        StagedRun first = StagedRun.at(out, StagedRun.Mode.NEW);
        RunDirectory dir = first.begin();
        Files.writeString(dir.path("trials/a.trial"), "kept");
        summary(Summary.Status.INTERRUPTED).write(dir);
        first.finish(Summary.Status.INTERRUPTED);

        StagedRun resumed = StagedRun.at(out, StagedRun.Mode.RESUME);
        assertEquals(Summary.Status.INTERRUPTED, resumed.previous().orElseThrow().status());
        RunDirectory again = resumed.begin();
        assertEquals("kept", Files.readString(again.root().resolve("trials/a.trial")));
        summary(Summary.Status.FAILED).write(again);
        assertEquals(out, resumed.finish(Summary.Status.FAILED));
        assertEquals(Summary.Status.FAILED, Summary.read(out).status());
        assertEquals("kept", Files.readString(out.resolve("trials/a.trial")));
        assertEquals(List.of("out"), siblings());
    }

    /** Issue 10, reproductions 4 and 10: an empty --out ran, then failed; /proc gave no reason. */
    @Test
    void unusablePathsAreRefusedUpFrontWithAReason() throws IOException {
        String empty = assertThrows(AtelierException.class, () -> StagedRun.at(Path.of(""), StagedRun.Mode.NEW))
                .getMessage();
        assertTrue(empty.startsWith("--out is empty"), empty);
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertTrue(assertThrows(AtelierException.class, () -> StagedRun.at(file, StagedRun.Mode.FORCE))
                .getMessage().contains("is a file"));
        assertTrue(assertThrows(AtelierException.class, () -> StagedRun.at(file.resolve("run"), StagedRun.Mode.NEW))
                .getMessage().contains("is a file, not a directory"));
        if (Files.isDirectory(Path.of("/proc/self"))) {
            String proc = assertThrows(AtelierException.class, () -> StagedRun.at(Path.of("/proc/x"), StagedRun.Mode.NEW))
                    .getMessage();
            assertTrue(proc.contains("/proc is not writable"), proc);
        }
    }

    @Test
    void aDirectoryWithAnUnreadableSummaryIsNotTakenForEmptyOrForSomeoneElsesFiles() throws IOException {
        Path out = Files.createDirectory(temp.resolve("broken"));
        Files.writeString(out.resolve("summary.json"), "{}");
        String message = assertThrows(AtelierException.class, () -> StagedRun.at(out, StagedRun.Mode.NEW)).getMessage();
        assertTrue(message.contains("not a valid run summary") && message.contains("--force"), message);
    }

    @Test
    void aResumeAfterSigkillCarriesTheTrialsOfTheKilledAttempt() throws IOException {
        Path out = temp.resolve("out");
        Path killed = Files.createDirectories(temp.resolve("out.partial-999999999/trials")).getParent(); // no such pid
        Files.writeString(killed.resolve("trials/a.trial"), "kept");
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Files.createDirectories(temp.resolve("out.partial-" + alive)); // a run still under way: not taken

        StagedRun resumed = StagedRun.at(out, StagedRun.Mode.RESUME);
        assertTrue(resumed.previous().isEmpty());
        RunDirectory dir = resumed.begin();
        assertEquals("kept", Files.readString(dir.root().resolve("trials/a.trial")));
        summary(Summary.Status.SUCCEEDED).write(dir);
        assertEquals(out, resumed.finish(Summary.Status.SUCCEEDED));
        assertEquals(List.of("out", "out.partial-" + alive), siblings(), "the killed attempt is gone once its trials are carried");
        assertEquals("kept", Files.readString(out.resolve("trials/a.trial")));
    }

    @Test
    void defaultRunsGetAFreshTimeStampedName() throws IOException {
        LocalDateTime now = LocalDateTime.of(2025, 1, 2, 3, 4, 5);
        Path first = runInto(StagedRun.under(temp, now), "1", Summary.Status.SUCCEEDED);
        Path second = runInto(StagedRun.under(temp, now), "2", Summary.Status.FAILED);
        assertEquals(temp.resolve("20250102-030405"), first);
        assertEquals(temp.resolve("20250102-030405-2"), second);
        assertEquals("1", Files.readString(first.resolve("report.md")));
    }

    @Test
    void aSealedDirectoryTakesNoMoreFiles() {
        RunDirectory dir = StagedRun.at(temp.resolve("out"), StagedRun.Mode.NEW).begin();
        dir.seal(() -> dir.writeString(REPORT, "last"));
        assertThrows(AtelierException.class, () -> dir.writeString(REPORT, "after"));
    }
}

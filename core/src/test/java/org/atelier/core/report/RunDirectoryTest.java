package org.atelier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.atelier.core.AtelierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void timestampedDirectoriesNeverCollide() {
        LocalDateTime time = LocalDateTime.of(2026, 11, 22, 23, 5, 9);
        Path parent = temp.resolve("runs/hello");
        assertEquals(parent.resolve("20261122-230509"), RunDirectory.createUnder(parent, time).root());
        assertEquals(parent.resolve("20261122-230509-2"), RunDirectory.createUnder(parent, time).root());
        assertEquals(parent.resolve("20261122-230509-3"), RunDirectory.createUnder(parent, time).root());
    }

    @Test
    void failingWriterLeavesTheOldFileAndNoTempFile() throws IOException {
        RunDirectory dir = RunDirectory.createAt(temp.resolve("out"), false);
        dir.writeString("table.csv", "a,b\n1,2\n");
        AtelierException e = assertThrows(AtelierException.class, () -> dir.write("table.csv", out -> {
            out.write("half a ta".getBytes());
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("cannot write") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("a,b\n1,2\n", Files.readString(dir.path("table.csv")));
        assertThrows(IllegalStateException.class, () -> dir.write("other.txt", out -> {
            throw new IllegalStateException("bug");
        }), "a writer's bug is not a user error");
        try (Stream<Path> files = Files.list(dir.root())) {
            assertEquals(List.of("table.csv"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(List.of("table.csv"), dir.artifacts());
    }

    @Test
    void artifactsAreTheRegisteredFilesThatExistSorted() throws IOException {
        RunDirectory dir = RunDirectory.createAt(temp.resolve("out"), false);
        dir.writeString("z.md", "z");
        dir.writeBytes("figures/a.png", new byte[] {1, 2});
        Files.writeString(dir.artifact("model.params"), "weights");
        dir.artifact("never-written.png");
        Files.writeString(dir.path("unregistered.txt"), "x");
        dir.writeString(Summary.FILE_NAME, "{}");
        assertEquals(List.of("figures/a.png", "model.params", "z.md"), dir.artifacts());
        assertEquals(2, Files.size(dir.path("figures/a.png")));
    }

    @Test
    void writtenFilesGetTheUsualPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        RunDirectory dir = RunDirectory.createAt(temp.resolve("out"), false);
        Path plain = Files.writeString(dir.path("plain.txt"), "created the ordinary way");
        Path atomic = dir.writeString("atomic.txt", "created through a temp file");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    }

    @Test
    void namesMustStayInside() {
        RunDirectory dir = RunDirectory.createAt(temp.resolve("out"), false);
        assertThrows(IllegalArgumentException.class, () -> dir.path("../escape.txt"));
        assertThrows(IllegalArgumentException.class, () -> dir.path(temp.resolve("abs.txt").toString()));
        assertThrows(IllegalArgumentException.class, () -> dir.path("."));
    }

    @Test
    void outDirectoryHoldingARunIsRefusedUnlessForced() throws IOException {
        Path out = temp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        RunDirectory.createAt(out, false).writeString(Summary.FILE_NAME, "{}");
        AtelierException e = assertThrows(AtelierException.class, () -> RunDirectory.createAt(out, false));
        assertTrue(e.getMessage().contains("already holds a run") && e.getMessage().contains("--force"), e.getMessage());
        RunDirectory forced = RunDirectory.createAt(out, true);
        forced.writeString("new.txt", "n");
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "a user's files are never deleted");
    }

    @Test
    void outThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        AtelierException e = assertThrows(AtelierException.class, () -> RunDirectory.createAt(file, true));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }
}

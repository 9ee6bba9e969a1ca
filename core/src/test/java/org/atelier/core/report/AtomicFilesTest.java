package org.atelier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.atelier.core.AtelierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplacesCreatingParents() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.write(target, out -> out.write(new byte[] {'x', 'y'}));
        assertEquals("xy", Files.readString(target));
        assertEquals(1, listing(target.getParent()), "no temp file left behind");
    }

    @Test
    void failedWriteKeepsTheOldContentAndLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.writeString(target, "complete");
        AtelierException e = assertThrows(AtelierException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().startsWith("cannot write " + target + " (disk full)"), e.getMessage());
        assertEquals("complete", Files.readString(target));
        assertEquals(1, listing(dir));
    }

    @Test
    void aWriterBugPropagatesUnchangedAndKeepsTheOldContent() throws IOException {
        Path target = dir.resolve("chart.png");
        AtomicFiles.writeString(target, "old chart");
        IllegalStateException bug = new IllegalStateException("series lengths differ");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw bug;
        }));
        assertSame(bug, thrown, "not wrapped as a user error");
        assertEquals("old chart", Files.readString(target));
        assertEquals(1, listing(dir));
    }

    private static long listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}

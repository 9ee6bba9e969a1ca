package org.atelier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import javax.imageio.ImageIO;
import org.atelier.core.AtelierException;
import org.atelier.core.report.chart.ImageGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RunDirectoryTest {

    private static final RunFile TABLE = new RunFile("table.csv", "a table");
    private static final RunFile OTHER = new RunFile("other.txt", "another file");

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
        dir.writeString(TABLE, "a,b\n1,2\n");
        AtelierException e = assertThrows(AtelierException.class, () -> dir.write(TABLE, out -> {
            out.write("half a ta".getBytes());
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("cannot write") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("a,b\n1,2\n", Files.readString(dir.path("table.csv")));
        assertThrows(IllegalStateException.class, () -> dir.write(OTHER, out -> {
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
        dir.writeString(new RunFile("z.md", "z"), "z");
        dir.write(new RunFile("figures/a.png", "a figure in a folder"), out -> out.write(new byte[] {1, 2}));
        Files.writeString(dir.artifact("model.params"), "weights");
        dir.artifact("never-written.png");
        Files.writeString(dir.path("unregistered.txt"), "x");
        dir.writeString(Summary.FILE, "{}");
        assertEquals(List.of("figures/a.png", "model.params", "z.md"), dir.artifacts());
        assertEquals(2, Files.size(dir.path("figures/a.png")));
    }

    @Test
    void eachWriterWritesItsFormatAndRegistersTheFile() throws IOException {
        RunDirectory dir = RunDirectory.createAt(temp.resolve("out"), false);
        Table table = Table.create("t", StringColumn.create("model", "softmax"), DoubleColumn.create("accuracy", 0.84213));
        RunFile figure = new RunFile("figures/grid.png", "a grid");
        RunFile csv = new RunFile("t.csv", "the table");
        RunFile markdown = new RunFile("t.md", "the table in Markdown");
        RunFile report = new RunFile("report.md", "the report");
        RunFile json = new RunFile("numbers.json", "a record as JSON");

        dir.save(figure, ImageGrid.builder().image(new float[4], 2, 2, "blank").build());
        dir.csv(csv, table);
        dir.markdown(markdown, table, 2);
        dir.markdown(report, new MarkdownReport().heading(1, "Run").image("grid", figure));
        dir.json(json, new Numbers(Double.NaN, 3));

        assertEquals(List.of("figures/grid.png", "numbers.json", "report.md", "t.csv", "t.md"), dir.artifacts());
        assertNotNull(ImageIO.read(dir.path(figure.name()).toFile()));
        assertEquals("model,accuracy\nsoftmax,0.84213\n", Files.readString(dir.path(csv.name())));
        assertTrue(Files.readString(dir.path(markdown.name())).contains("| softmax | 0.84 |"));
        assertEquals("# Run\n\n![grid](figures/grid.png)\n", Files.readString(dir.path(report.name())));
        assertEquals("{\n  \"val_loss\": NaN,\n  \"best_epoch\": 3\n}\n", Files.readString(dir.path(json.name())),
                "the dialect of summary.json: snake_case, NaN kept");
    }

    /** A record as experiments would write one. */
    private record Numbers(double valLoss, int bestEpoch) {}

    @Test
    void writtenFilesGetTheUsualPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        RunDirectory dir = RunDirectory.createAt(temp.resolve("out"), false);
        Path plain = Files.writeString(dir.path("plain.txt"), "created the ordinary way");
        Table table = Table.create("t", DoubleColumn.create("x", 1.0));
        List<Path> written = List.of(
                dir.writeString(new RunFile("atomic.txt", "text"), "created through a temp file"),
                dir.csv(new RunFile("t.csv", "a table"), table),
                dir.markdown(new RunFile("t.md", "a table"), table),
                dir.json(new RunFile("n.json", "JSON"), List.of(1)),
                dir.save(new RunFile("g.png", "a figure"), ImageGrid.builder().image(new float[4], 2, 2, "x").build()));
        for (Path file : written) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file), file.toString());
        }
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
        RunDirectory.createAt(out, false).writeString(Summary.FILE, "{}");
        AtelierException e = assertThrows(AtelierException.class, () -> RunDirectory.createAt(out, false));
        assertTrue(e.getMessage().contains("already holds a run") && e.getMessage().contains("--force"), e.getMessage());
        RunDirectory forced = RunDirectory.createAt(out, true);
        forced.writeString(new RunFile("new.txt", "a new file"), "n");
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "a user's files are never deleted");
    }

    @Test
    void outThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        AtelierException e = assertThrows(AtelierException.class, () -> RunDirectory.createAt(file, true));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }
}

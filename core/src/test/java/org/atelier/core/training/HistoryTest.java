package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class HistoryTest {

    private static final History HISTORY = new History(List.of(
            new EpochRecord(0, 2.30, 0.10, 2.31, 0.09, 0.1, 0.2, 0),
            new EpochRecord(1, 0.60, 0.80, 0.55, 0.82, 0.1, 1.5, 10),
            new EpochRecord(2, 0.40, 0.86, 0.58, 0.81, 0.1, 1.4, 20)), false);

    @Test
    void summarizesTheEpochs() {
        assertEquals(1, HISTORY.bestEpoch());
        assertEquals(20, HISTORY.totalSteps());
        assertEquals(2.30, HISTORY.initial().orElseThrow().trainLoss());
        assertEquals(2, HISTORY.last().epoch());
    }

    @Test
    void kerasTableHasOneRowPerTrainedEpochAndAColumnPerKey() {
        Table keras = HISTORY.toKerasTable();
        assertEquals(List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "lr"), keras.columnNames());
        assertEquals(List.of(1, 2), keras.intColumn("epoch").asList(), "epoch 0 is not Keras's");
        assertEquals(0.58, keras.doubleColumn("val_loss").get(1), 1e-12);
        History noValidation = new History(List.of(new EpochRecord(1, 0.6, 0.8, Double.NaN, Double.NaN, 0.1, 1, 5)), false);
        assertEquals(List.of("epoch", "loss", "accuracy", "lr"), noValidation.toKerasTable().columnNames());
    }

    @Test
    void csvHasTheColumnsInOrderAndParses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.csv");
        HISTORY.writeCsv(file);
        assertEquals(String.join(",", History.COLUMNS), Files.readAllLines(file).get(0));
        Table table = Table.read().csv(CsvReadOptions.builder(file.toFile()).build());
        assertEquals(History.COLUMNS, table.columnNames());
        assertEquals(3, table.rowCount());
        assertEquals(0.58, table.doubleColumn("val_loss").get(2), 1e-12);
        assertEquals(20, ((Number) table.column("steps").get(2)).longValue());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void csvGetsTheUsualPermissionsOfANewFile(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "created the ordinary way");
        Path csv = HISTORY.writeCsv(dir.resolve("history.csv"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(csv),
                "not readable by its owner only, as a Files.createTempFile would leave it");
    }

    @Test
    void csvOfATrainingRunWithoutValidationLeavesValidationEmpty(@TempDir Path dir) throws Exception {
        History noValidation = new History(List.of(new EpochRecord(1, 0.6, 0.8, Double.NaN, Double.NaN, 0.1, 1, 5)), false);
        Path file = dir.resolve("history.csv");
        noValidation.writeCsv(file);
        assertTrue(Files.readAllLines(file).get(1).startsWith("1,0.6,0.8,,,"), Files.readAllLines(file).get(1));
    }
}

package org.atelier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class MarkdownReportTest {

    @TempDir
    Path dir;

    private static Table table() {
        return Table.create("t", StringColumn.create("model", "softmax", "a|b"),
                IntColumn.create("epochs", 10, 20),
                DoubleColumn.create("accuracy", 0.84213, Double.NaN).setMissing(1));
    }

    @Test
    void markdownTableFormatsIntegersDecimalsAndMissing() {
        assertEquals("""
                | model | epochs | accuracy |
                | --- | ---: | ---: |
                | softmax | 10 | 0.84 |
                | a\\|b | 20 |  |
                """, MarkdownTable.render(table(), 2));
    }

    @Test
    void numberFormatSwitchesToScientificForTinyValues() {
        assertEquals("0.0001", NumberText.formatDecimal(1e-4, 4));
        assertEquals("1.200e-07", NumberText.formatDecimal(1.2e-7, 4));
        assertEquals("203530", NumberText.format(203530L, 4));
        assertEquals("2.000", NumberText.format(2.0, 3), "a Double keeps its decimals");
        assertEquals("54000", NumberText.formatMetric(54000.0, 4), "a whole metric prints as a count");
        assertEquals("0.8534", NumberText.formatMetric(0.85341, 4));
        assertEquals("-3", NumberText.formatMetric(-3.0, 4));
    }

    @Test
    void csvAndMarkdownFilesParseBack() throws IOException {
        RunDirectory run = RunDirectory.createAt(dir, false);
        Path csv = run.csv(new RunFile("t.csv", "a table"), table());
        Table read = Table.read().csv(csv.toFile());
        assertEquals(2, read.rowCount());
        assertEquals(0.84213, read.doubleColumn("accuracy").get(0), 1e-12);
        Path md = run.markdown(new RunFile("t.md", "the same table"), table());
        assertTrue(Files.readString(md).contains("| softmax | 10 | 0.8421 |"));
        assertEquals(List.of("t.csv", "t.md"), run.artifacts());
    }

    @Test
    void reportHasEveryBlockInOrder() throws IOException {
        Map<String, Number> numbers = new LinkedHashMap<>();
        numbers.put("test_accuracy", 0.8456789);
        numbers.put("parameters", 7850);
        MarkdownReport report = new MarkdownReport().heading(1, "softmax-regression").paragraph("One layer.")
                .bullets(List.of("engine PyTorch", "seed 42"))
                .image("Loss", new RunFile("figures/loss curve.png", "loss per epoch"))
                .table(table(), 3).keyNumbers(numbers);
        Path saved = RunDirectory.createAt(dir, false).markdown(new RunFile("report.md", "the report"), report);
        assertEquals("""
                # softmax-regression

                One layer.

                - engine PyTorch
                - seed 42

                ![Loss](figures/loss%20curve.png)

                | model | epochs | accuracy |
                | --- | ---: | ---: |
                | softmax | 10 | 0.842 |
                | a\\|b | 20 |  |

                | quantity | value |
                | --- | ---: |
                | test_accuracy | 0.8457 |
                | parameters | 7850 |
                """, Files.readString(saved));
    }
}

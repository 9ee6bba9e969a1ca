package com.example.atelier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.DocSnippets;
import org.atelier.core.testing.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The README's library example is this compiled class, and it does what the README says. */
class QuickStartTest {

    @Test
    void readmeShowsTheCompiledExampleVerbatim() throws IOException {
        String example = Files.readString(Path.of("src/test/java/com/example/atelier/QuickStart.java"));
        assertEquals(example, DocSnippets.fenced(DocSnippets.repositoryFile("README.md"), "QuickStart.java"));
    }

    @Test
    void oneEpochLearnsFashionMnistAndWritesItsFiles(@TempDir Path out) throws IOException {
        double accuracy = QuickStart.run(RealData.locator(Datasets.FASHION_MNIST), out, 1);
        assertTrue(accuracy >= 0.80, "test accuracy after one epoch: " + accuracy);
        Table history = Table.read().csv(out.resolve("history.csv").toFile());
        assertEquals(1, history.rowCount(), "one row per epoch");
        assertTrue(ImageIO.read(out.resolve("confusion.png").toFile()).getWidth() > 0);
    }
}

package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.atelier.core.testing.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

    @TempDir
    Path temp;

    @Test
    void digestIsOfTheDecompressedContentWhateverTheName() throws Exception {
        byte[] content = "some dataset bytes\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        // gzip is recognised by its magic bytes: a gzipped file without .gz and a raw file named .gz both work
        assertEquals(expected, Checksums.sha256(IdxFiles.writeGzip(temp.resolve("gzipped-without-suffix"), content)));
        assertEquals(expected, Checksums.sha256(IdxFiles.writeRaw(temp.resolve("raw.gz"), content)));
        assertEquals(expected, Checksums.sha256(IdxFiles.writeGzip(temp.resolve("proper.gz"), content)));
    }

    @Test
    void builtInListHasEveryDatasetFile() {
        Checksums sums = Checksums.builtIn();
        for (String dataset : new String[] {Datasets.FASHION_MNIST, Datasets.MNIST}) {
            for (String prefix : new String[] {"train", "t10k"}) {
                assertTrue(sums.expected(dataset, prefix + "-images-idx3-ubyte").matches("[0-9a-f]{64}"));
                assertTrue(sums.expected(dataset, prefix + "-labels-idx1-ubyte").matches("[0-9a-f]{64}"));
            }
        }
        assertTrue(sums.expected(Datasets.WINE, "wine_data.csv").matches("[0-9a-f]{64}"));
        assertThrows(IllegalArgumentException.class, () -> sums.expected("mnist", "unknown-file"));
    }

    @Test
    void fetchScriptReadsTheSameList() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(repo.resolve("data/fetch"))) {
            repo = repo.getParent();
        }
        String script = Files.readString(repo.resolve("data/fetch"));
        assertTrue(script.contains("core/src/main/resources/org/atelier/core/data/" + Checksums.RESOURCE), "data/fetch must read the resource");
        assertTrue(Files.isRegularFile(repo.resolve("core/src/main/resources/org/atelier/core/data/" + Checksums.RESOURCE)));
        assertTrue(Files.notExists(repo.resolve("data/checksums.sha256")), "a second copy of the checksums would drift");
    }

    @Test
    void mismatchNamesFileBothDigestsAndTheFix() {
        Path file = temp.resolve("wine").resolve("wine_data.csv.gz");
        String wrong = "0".repeat(64);
        DataException e = assertThrows(DataException.class, () -> Checksums.builtIn().check("wine", file, wrong));
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains(wrong), message);
        assertTrue(message.contains(Checksums.builtIn().expected("wine", "wine_data.csv")), message);
        assertTrue(message.contains("delete it and run data/fetch --dir " + temp + " wine"), message);
    }
}

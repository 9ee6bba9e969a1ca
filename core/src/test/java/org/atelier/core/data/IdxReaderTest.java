package org.atelier.core.data;

import static org.atelier.core.testing.IdxFiles.images;
import static org.atelier.core.testing.IdxFiles.labels;
import static org.atelier.core.testing.IdxFiles.rampPixels;
import static org.atelier.core.testing.IdxFiles.writeGzip;
import static org.atelier.core.testing.IdxFiles.writeRaw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");
    private static final int COUNT = 5;
    private static final int ROWS = 3;
    private static final int COLUMNS = 4;
    private static final byte[] LABELS = {0, 2, 1, 1, 0};

    @TempDir
    Path temp;

    private Path validImages() {
        return writeRaw(temp.resolve("images"), images(IdxReader.IMAGES_MAGIC, COUNT, ROWS, COLUMNS, rampPixels(COUNT, ROWS, COLUMNS)));
    }

    private Path validLabels() {
        return writeRaw(temp.resolve("labels"), labels(IdxReader.LABELS_MAGIC, COUNT, LABELS));
    }

    @Test
    void readsPixelsScaledToUnitRangeAndLabels() {
        LabeledData data = IdxReader.read("tiny", validImages(), validLabels(), CLASSES);
        assertEquals(new Shape(1, ROWS, COLUMNS), data.sampleShape());
        assertEquals(COUNT, data.size());
        assertArrayEquals(new int[] {0, 2, 1, 1, 0}, data.labels());
        float[] values = data.featureValues();
        for (int i = 0; i < values.length; i++) {
            assertEquals(i / 255f, values[i], 1e-7f);
        }
    }

    @Test
    void gzippedAndRawGiveIdenticalData() {
        byte[] imageBytes = images(IdxReader.IMAGES_MAGIC, COUNT, ROWS, COLUMNS, rampPixels(COUNT, ROWS, COLUMNS));
        byte[] labelBytes = labels(IdxReader.LABELS_MAGIC, COUNT, LABELS);
        LabeledData raw = IdxReader.read("raw", writeRaw(temp.resolve("i"), imageBytes), writeRaw(temp.resolve("l"), labelBytes), CLASSES);
        LabeledData gz = IdxReader.read("gz", writeGzip(temp.resolve("i.gz"), imageBytes), writeGzip(temp.resolve("l.gz"), labelBytes), CLASSES);
        assertArrayEquals(raw.featureValues(), gz.featureValues());
        assertArrayEquals(raw.labels(), gz.labels());
    }

    @Test
    void handsTheContentDigestToTheCheck() {
        Path images = writeGzip(temp.resolve("images.gz"), images(IdxReader.IMAGES_MAGIC, COUNT, ROWS, COLUMNS, rampPixels(COUNT, ROWS, COLUMNS)));
        Path labels = validLabels();
        List<String> seen = new ArrayList<>();
        IdxReader.read("tiny", images, labels, CLASSES, (file, sha256) -> seen.add(file.getFileName() + "=" + sha256));
        assertEquals(List.of("images.gz=" + Checksums.sha256(images), "labels=" + Checksums.sha256(labels)), seen);
    }

    @Test
    void rejectsWrongMagicNumbers() {
        Path labelsAsImages = writeRaw(temp.resolve("swapped"), labels(IdxReader.LABELS_MAGIC, COUNT, LABELS));
        assertFailure(() -> IdxReader.read("x", labelsAsImages, validLabels(), CLASSES), labelsAsImages, "magic number 2049");
        Path imagesAsLabels = validImages();
        assertFailure(() -> IdxReader.read("x", validImages(), imagesAsLabels, CLASSES), imagesAsLabels, "magic number 2051");
    }

    @Test
    void rejectsTruncatedFiles() {
        byte[] short1 = Arrays.copyOf(rampPixels(COUNT, ROWS, COLUMNS), COUNT * ROWS * COLUMNS - 7);
        Path images = writeGzip(temp.resolve("truncated.gz"), images(IdxReader.IMAGES_MAGIC, COUNT, ROWS, COLUMNS, short1));
        assertFailure(() -> IdxReader.read("x", images, validLabels(), CLASSES), images, "truncated");
        Path labels = writeRaw(temp.resolve("labels-truncated"), labels(IdxReader.LABELS_MAGIC, COUNT, Arrays.copyOf(LABELS, 3)));
        assertFailure(() -> IdxReader.read("x", validImages(), labels, CLASSES), labels, "truncated");
        Path headerOnly = writeRaw(temp.resolve("header-only"), new byte[] {0, 0, 8, 3, 0, 0});
        assertFailure(() -> IdxReader.read("x", headerOnly, validLabels(), CLASSES), headerOnly, "shorter than the 16-byte IDX header");
    }

    @Test
    void rejectsACutGzipStream() throws Exception {
        Path full = writeGzip(temp.resolve("full.gz"), images(IdxReader.IMAGES_MAGIC, COUNT, ROWS, COLUMNS, rampPixels(COUNT, ROWS, COLUMNS)));
        byte[] bytes = java.nio.file.Files.readAllBytes(full);
        Path cut = writeRaw(temp.resolve("cut.gz"), Arrays.copyOf(bytes, bytes.length - 12));
        DataException e = assertFailure(() -> IdxReader.read("x", cut, validLabels(), CLASSES), cut, "damaged or incomplete");
        // issue 10, item 10: the hint names the data root, so it fetches into the directory that was read
        String hint = "delete it and run data/fetch --dir " + temp.toAbsolutePath().normalize().getParent() + " "
                + temp.toAbsolutePath().normalize().getFileName();
        assertTrue(e.getMessage().endsWith(hint), e.getMessage());
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] extra = Arrays.copyOf(rampPixels(COUNT, ROWS, COLUMNS), COUNT * ROWS * COLUMNS + 1);
        Path images = writeRaw(temp.resolve("trailing"), images(IdxReader.IMAGES_MAGIC, COUNT, ROWS, COLUMNS, extra));
        assertFailure(() -> IdxReader.read("x", images, validLabels(), CLASSES), images, "unexpected bytes after");
    }

    @Test
    void rejectsImpossibleDimensions() {
        Path images = writeRaw(temp.resolve("zero-rows"), images(IdxReader.IMAGES_MAGIC, COUNT, 0, COLUMNS, new byte[0]));
        assertFailure(() -> IdxReader.read("x", images, validLabels(), CLASSES), images, "impossible dimensions");
        Path huge = writeRaw(temp.resolve("huge"), images(IdxReader.IMAGES_MAGIC, 1 << 20, 1 << 10, 1 << 10, new byte[0]));
        assertFailure(() -> IdxReader.read("x", huge, validLabels(), CLASSES), huge, "impossible dimensions");
    }

    @Test
    void rejectsCountMismatchNamingBothFiles() {
        Path labels = writeRaw(temp.resolve("four-labels"), labels(IdxReader.LABELS_MAGIC, 4, Arrays.copyOf(LABELS, 4)));
        Path images = validImages();
        DataException e = assertFailure(() -> IdxReader.read("x", images, labels, CLASSES), labels, "5 images but");
        assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
    }

    @Test
    void rejectsLabelsOutsideTheClasses() {
        Path labels = writeRaw(temp.resolve("bad-label"), labels(IdxReader.LABELS_MAGIC, COUNT, new byte[] {0, 1, 2, 3, 0}));
        assertFailure(() -> IdxReader.read("x", validImages(), labels, CLASSES), labels, "label 3 of sample 3 is outside the 3 classes");
    }

    @Test
    void missingFileIsADataException() {
        Path missing = temp.resolve("nope");
        assertFailure(() -> IdxReader.read("x", missing, validLabels(), CLASSES), missing, "does not exist");
    }

    private static DataException assertFailure(Runnable read, Path file, String problem) {
        DataException e = assertThrows(DataException.class, read::run);
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("data/fetch"), e.getMessage());
        return e;
    }
}

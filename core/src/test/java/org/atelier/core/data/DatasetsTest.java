package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.atelier.core.testing.IdxFiles;
import org.atelier.core.testing.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset loaders on the real, fetched files, and their refusal of unverified content. */
class DatasetsTest {

    @TempDir
    Path temp;

    @Test
    void fashionMnistHas6000TrainAnd1000TestImagesPerClass() {
        DataLocator locator = RealData.locator(Datasets.FASHION_MNIST);
        LabeledData train = Datasets.fashionMnist(locator, Subset.TRAIN);
        LabeledData test = Datasets.fashionMnist(locator, Subset.TEST);
        assertEquals("fashion-mnist/train", train.name());
        assertEquals(new Shape(1, 28, 28), train.sampleShape());
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        int[] sixThousand = new int[10];
        Arrays.fill(sixThousand, 6000);
        assertArrayEquals(sixThousand, train.classCounts());
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, test.classCounts());
        assertEquals("Ankle boot", train.classNames().get(9));
        assertPixelsInUnitRange(train);
    }

    @Test
    void mnistLoadsBothSubsetsFast() {
        DataLocator locator = RealData.locator(Datasets.MNIST);
        LabeledData test = Datasets.mnist(locator, Subset.TEST);
        assertEquals(10_000, test.size());
        assertEquals(Datasets.DIGIT_CLASSES, test.classNames());
        long best = Long.MAX_VALUE;
        LabeledData train = null;
        for (int run = 0; run < 3; run++) { // the first runs warm up the JIT
            long start = System.nanoTime();
            train = Datasets.mnist(locator, Subset.TRAIN);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("mnist/train (raw IDX, verified): 60 000 images in %.0f ms%n", best / 1e6);
        assertEquals(60_000, train.size());
        assertEquals(60_000, Arrays.stream(train.classCounts()).sum());
        assertPixelsInUnitRange(train);
    }

    @Test
    void wineHas178RowsOf13NamedFeaturesIn3Classes() {
        LabeledData wine = Datasets.wine(RealData.locator(Datasets.WINE));
        assertEquals(178, wine.size());
        assertEquals(new Shape(13), wine.sampleShape());
        assertArrayEquals(new int[] {59, 71, 48}, wine.classCounts());
        assertEquals(List.of("class_0", "class_1", "class_2"), wine.classNames());
        assertEquals("alcohol", wine.featureNames().get(0));
        assertEquals("proline", wine.featureNames().get(12));
        assertEquals(14.23f, wine.featureValues()[0], 1e-6f); // first sample's alcohol, as in the UCI description
    }

    @Test
    void loadersRefuseWellFormedFilesWithTheWrongContent() {
        DataLocator locator = new DataLocator(temp);
        Path mnist = mkdirs(locator.datasetDir(Datasets.MNIST));
        IdxFiles.writeGzip(mnist.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.images(IdxReader.IMAGES_MAGIC, 2, 28, 28, IdxFiles.rampPixels(2, 28, 28)));
        IdxFiles.writeRaw(mnist.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(IdxReader.LABELS_MAGIC, 2, new byte[] {3, 7}));
        DataException idx = assertThrows(DataException.class, () -> Datasets.mnist(locator, Subset.TEST));
        assertTrue(idx.getMessage().contains("t10k-images-idx3-ubyte.gz is corrupt: SHA-256"), idx.getMessage());

        Path wine = mkdirs(locator.datasetDir(Datasets.WINE));
        String row = "1,2,3,4,5,6,7,8,9,10,11,12,13,0\n";
        IdxFiles.writeRaw(wine.resolve("wine_data.csv"), ("1,13,class_0,class_1,class_2\n" + row).getBytes(StandardCharsets.US_ASCII));
        DataException csv = assertThrows(DataException.class, () -> Datasets.wine(locator));
        assertTrue(csv.getMessage().contains("wine_data.csv is corrupt: SHA-256"), csv.getMessage());
        assertTrue(csv.getMessage().contains("run data/fetch --dir " + temp + " wine"), csv.getMessage());
    }

    @Test
    void missingDatasetNamesTheFetchCommand() {
        DataException e = assertThrows(DataException.class, () -> Datasets.fashionMnist(new DataLocator(temp), Subset.TRAIN));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("data/fetch --dir " + temp + " fashion-mnist"), e.getMessage());
    }

    private static void assertPixelsInUnitRange(LabeledData data) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : data.featureValues()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

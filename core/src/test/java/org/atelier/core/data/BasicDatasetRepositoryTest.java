package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Application;
import ai.djl.basicdataset.BasicDatasets;
import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.MRL;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.atelier.core.engine.Backend;
import org.atelier.core.testing.IdxFiles;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL basicdataset's own {@code FashionMnist} and {@code Mnist}, fed by {@link BasicDatasetRepository},
 * see exactly what Atelier's loader sees: Fashion-MNIST's training files are gzipped, MNIST's test
 * files raw, so both read paths are covered.
 */
class BasicDatasetRepositoryTest {

    /** Samples of the first batch, which goes through DJL's default pipeline ({@code ToTensor}). */
    private static final int PIPELINE_SAMPLES = 500;

    @TempDir
    Path temp;

    @OnEachEngine
    void djlFashionMnistReadsAtelierFilesAsAtelierDoes(String engine) throws Exception {
        DataLocator locator = RealData.locator(Datasets.FASHION_MNIST);
        List<Path> before = listing(locator.datasetDir(Datasets.FASHION_MNIST));
        LabeledData atelier = Datasets.fashionMnist(locator, Subset.TRAIN);
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            FashionMnist djl = FashionMnist.builder().optRepository(new BasicDatasetRepository(locator))
                    .optManager(manager).optUsage(Dataset.Usage.TRAIN).setSampling(PIPELINE_SAMPLES, false).build();
            djl.prepare();
            assertSameSamples(atelier, djl, manager);
        }
        assertEquals(before, listing(locator.datasetDir(Datasets.FASHION_MNIST)), "nothing is written next to the data");
    }

    @OnEachEngine
    void djlMnistReadsAtelierRawFilesAsAtelierDoes(String engine) throws Exception {
        DataLocator locator = RealData.locator(Datasets.MNIST);
        LabeledData atelier = Datasets.mnist(locator, Subset.TEST);
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            Mnist djl = Mnist.builder().optRepository(new BasicDatasetRepository(locator))
                    .optManager(manager).optUsage(Dataset.Usage.TEST).setSampling(PIPELINE_SAMPLES, false).build();
            djl.prepare();
            assertSameSamples(atelier, djl, manager);
        }
    }

    @Test
    void missingFilesFailPrepareNamingTheFileAndTheFetchCommand() {
        try (NDManager manager = Backend.defaultBackend().newManager()) {
            FashionMnist djl = FashionMnist.builder().optRepository(new BasicDatasetRepository(new DataLocator(temp)))
                    .optManager(manager).setSampling(32, false).build();
            DataException e = assertThrows(DataException.class, djl::prepare);
            assertTrue(e.getMessage().contains("train-images-idx3-ubyte (or train-images-idx3-ubyte.gz) not found"), e.getMessage());
            assertTrue(e.getMessage().contains("run data/fetch --dir " + temp + " fashion-mnist"), e.getMessage());
        }
    }

    /** Well-formed IDX files with other content: DJL parses them fine, so only the checksum catches them. */
    @Test
    void filesWithOtherContentFailPrepareOnceDjlHasReadThem() {
        Path mnist = mkdirs(temp.resolve(Datasets.MNIST));
        for (Subset subset : Subset.values()) {
            IdxFiles.writeGzip(mnist.resolve(subset.filePrefix() + "-images-idx3-ubyte.gz"),
                    IdxFiles.images(IdxReader.IMAGES_MAGIC, 2, 28, 28, IdxFiles.rampPixels(2, 28, 28)));
            IdxFiles.writeRaw(mnist.resolve(subset.filePrefix() + "-labels-idx1-ubyte"),
                    IdxFiles.labels(IdxReader.LABELS_MAGIC, 2, new byte[] {3, 7}));
        }
        try (NDManager manager = Backend.defaultBackend().newManager()) {
            Mnist djl = Mnist.builder().optRepository(new BasicDatasetRepository(new DataLocator(temp)))
                    .optManager(manager).optUsage(Dataset.Usage.TEST).setSampling(2, false).build();
            DataException e = assertThrows(DataException.class, djl::prepare);
            assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte is corrupt: SHA-256"), e.getMessage());
            assertTrue(e.getMessage().contains("run data/fetch --dir " + temp + " mnist"), e.getMessage());
        }
    }

    @Test
    void servesOnlyMnistAndFashionMnist() throws IOException {
        BasicDatasetRepository repository = new BasicDatasetRepository(new DataLocator(temp));
        MRL cifar = repository.dataset(Application.CV.ANY, BasicDatasets.GROUP_ID, "cifar10", "1.0");
        IOException e = assertThrows(IOException.class, () -> repository.resolve(cifar, null));
        assertTrue(e.getMessage().contains("serves only djl://ai.djl.basicdataset/fashmnist"), e.getMessage());
        assertEquals(List.of("fashmnist", "mnist"), repository.getResources().stream().map(MRL::getArtifactId).toList());
    }

    @Test
    void anotherVersionOrAPropertyFilterFindsNoArtifact() throws IOException {
        BasicDatasetRepository repository = new BasicDatasetRepository(RealData.locator(Datasets.MNIST));
        assertNull(repository.resolve(repository.dataset(Application.CV.ANY, BasicDatasets.GROUP_ID, "mnist", "2.0"), null));
        MRL mnist = repository.dataset(Application.CV.ANY, BasicDatasets.GROUP_ID, "mnist", "1.0");
        assertNull(repository.resolve(mnist, Map.of("flavor", "x")));
        assertEquals(List.of("train_data", "train_labels", "test_data", "test_labels"),
                List.copyOf(repository.resolve(mnist, null).getFiles().keySet()));
    }

    /**
     * All labels and all pixels of the prepared arrays (DJL keeps {@code 0..255} in {@code (N, 28, 28, 1)}),
     * then the first batch as DJL's iteration delivers it: {@code ToTensor} scales it to {@code (B, 1, 28, 28)}
     * in {@code [0, 1]}, and those floats must be Atelier's, bit for bit.
     */
    private static void assertSameSamples(LabeledData atelier, ArrayDataset djl, NDManager manager) throws Exception {
        assertEquals(atelier.size(), djl.size());
        try (Batch all = djl.getByRange(manager.newSubManager(), 0, djl.size())) {
            assertEquals(new Shape(atelier.size(), 28, 28, 1), all.getData().singletonOrThrow().getShape());
            float[] pixels = all.getData().singletonOrThrow().toFloatArray();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] /= 255f; // as IdxReader scales; one channel, so NHWC and NCHW orders agree
            }
            assertArrayEquals(atelier.featureValues(), pixels);
            assertArrayEquals(asFloats(atelier.labels()), all.getLabels().singletonOrThrow().toFloatArray());
        }
        try (Batch first = djl.getData(manager).iterator().next()) {
            NDList data = first.getData();
            assertEquals(new Shape(PIPELINE_SAMPLES, 1, 28, 28), data.singletonOrThrow().getShape());
            assertArrayEquals(Arrays.copyOf(atelier.featureValues(), PIPELINE_SAMPLES * 28 * 28), data.singletonOrThrow().toFloatArray());
            assertArrayEquals(asFloats(Arrays.copyOf(atelier.labels(), PIPELINE_SAMPLES)), first.getLabels().singletonOrThrow().toFloatArray());
        }
    }

    private static float[] asFloats(int[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = values[i];
        }
        return floats;
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

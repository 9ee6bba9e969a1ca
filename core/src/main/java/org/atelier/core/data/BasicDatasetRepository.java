package org.atelier.core.data;

import ai.djl.Application;
import ai.djl.basicdataset.BasicDatasets;
import ai.djl.repository.AbstractRepository;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.repository.Metadata;
import ai.djl.repository.VersionRange;
import ai.djl.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DJL {@link ai.djl.repository.Repository} that serves DJL {@code basicdataset}'s MNIST and
 * Fashion-MNIST from Atelier's verified data files, so that DJL's own dataset classes load them
 * without a download:
 *
 * <pre>{@code
 * Repository atelier = new BasicDatasetRepository(DataLocator.resolve(null));
 * FashionMnist train = FashionMnist.builder().optRepository(atelier).optManager(manager)
 *         .optUsage(Dataset.Usage.TRAIN).setSampling(64, true).build();
 * train.prepare();   // reads ROOT/fashion-mnist/train-*-ubyte(.gz), checks their SHA-256
 * }</pre>
 *
 * <p><b>How DJL asks, and what this answers.</b> {@code FashionMnist} and {@code Mnist} ask their
 * repository to {@link #resolve} the dataset MRL {@code ai.djl.basicdataset/fashmnist} or
 * {@code …/mnist} (version 1.0), take the artifact items named {@code train_data},
 * {@code train_labels}, {@code test_data} and {@code test_labels}, and read each with
 * {@link #openStream}: they skip the IDX header (16 or 8 bytes) and read the rest to the end. This
 * repository answers with an artifact built in memory whose four items are the files {@link
 * DataLocator#find} finds (raw or gzipped), and opens each as its <em>decompressed</em> content,
 * whose SHA-256 is checked against {@link Checksums#builtIn()} when the reader reaches the end, as
 * Atelier's own loader checks it. Nothing is copied, linked or written, neither in the data
 * directory nor in DJL's cache: {@link #prepare} has nothing to download. A missing file is a
 * {@link DataException} from {@code prepare()} that names the file and the fetch command; a file
 * with other content is one when DJL has read it, before the dataset is usable.
 *
 * <p><b>Why not DJL's own local repositories</b> (DJL 0.35.0): {@code Repository.newInstance(name,
 * dir)} on a plain directory gives a {@code SimpleRepository}, whose items are named after the
 * files, so {@code Mnist.prepare()} finds none of its items and fails with a {@code
 * NullPointerException}. A directory with a generated {@code metadata.json} gives a {@code
 * LocalRepository}, whose {@code prepare} copies every item, decompressed, into DJL's cache
 * ({@code ~/.djl.ai/cache/repo}, about 55 MB per dataset) and checks only an optional SHA-1 of the
 * stored bytes (which differ between gzip containers of the same content). With relative item
 * URIs it then reads the stored file, not that copy, so a gzipped file is parsed as pixels
 * (Atelier's Fashion-MNIST is gzipped); with absolute {@code file:} URIs it reads the copy. Either
 * way it needs a generated directory and a second copy of data that Atelier already verifies.
 */
public final class BasicDatasetRepository extends AbstractRepository {

    /** DJL's artifact ID of each dataset served, mapped to Atelier's dataset directory. */
    private static final Map<String, String> DATASET_BY_ARTIFACT = Map.of("fashmnist", Datasets.FASHION_MNIST,
            "mnist", Datasets.MNIST);
    /** The only version DJL's dataset classes ask for; its content is the original IDX files. */
    private static final String VERSION = "1.0";

    private final DataLocator locator;

    /**
     * Creates a repository over a data root.
     *
     * @param locator where Atelier's data lives; its files are looked up when DJL resolves a dataset
     */
    public BasicDatasetRepository(DataLocator locator) {
        super("atelier", locator.root().toUri());
        this.locator = locator;
    }

    /** {@code false}: every file is local and read where it lies. */
    @Override
    public boolean isRemote() {
        return false;
    }

    /**
     * Describes one served dataset: one artifact, version 1.0, whose items are Atelier's files.
     *
     * @param mrl a dataset MRL of group {@code ai.djl.basicdataset}, artifact {@code fashmnist} or {@code mnist}
     * @return the metadata
     * @throws IOException if the MRL names a dataset this repository does not serve
     * @throws DataException if a file of the dataset is missing
     */
    @Override
    public Metadata locate(MRL mrl) throws IOException {
        String dataset = datasetOf(mrl);
        Metadata metadata = new Metadata();
        metadata.setGroupId(mrl.getGroupId());
        metadata.setArtifactId(mrl.getArtifactId());
        metadata.setApplication(mrl.getApplication());
        metadata.setName(dataset + " in " + locator);
        metadata.setRepositoryUri(mrl.toURI());
        metadata.setArtifacts(List.of(artifact(dataset)));
        return metadata;
    }

    /**
     * The artifact of a served dataset, as {@link #locate} describes it.
     *
     * @param mrl the dataset's MRL
     * @param filter artifact properties to match; the artifact has none, so any non-empty filter leaves nothing
     * @return the artifact, or {@code null} if the MRL's version or the filter excludes it
     * @throws IOException if the MRL names a dataset this repository does not serve
     * @throws DataException if a file of the dataset is missing
     */
    @Override
    public Artifact resolve(MRL mrl, Map<String, String> filter) throws IOException {
        List<Artifact> artifacts = locate(mrl).search(VersionRange.parse(mrl.getVersion()), filter);
        return artifacts.isEmpty() ? null : artifacts.get(0);
    }

    /**
     * Opens an item's decompressed content; reading it to the end checks its SHA-256.
     *
     * @param item an item of an artifact this repository resolved
     * @param path must be {@code null}: every item is a single file
     * @return the content, positioned at the start of the IDX header
     * @throws DataException if the file cannot be opened, is unreadable, or (at its end) has the wrong content
     */
    @Override
    public InputStream openStream(Artifact.Item item, String path) {
        requireFile(item, path);
        String dataset = DATASET_BY_ARTIFACT.get(item.getArtifact().getMetadata().getArtifactId());
        return new VerifiedContent(FileContent.open(fileOf(item)), Checksums.builtIn().forDataset(dataset));
    }

    /** Does nothing: the files are local, and verification happens as DJL reads them. */
    @Override
    public void prepare(Artifact artifact, Progress progress) {}

    /** The data root: the files are already where they are kept, so there is no separate cache. */
    @Override
    public Path getCacheDirectory() {
        return locator.root();
    }

    /** The dataset's directory under the data root, e.g. {@code ROOT/fashion-mnist}. */
    @Override
    public Path getResourceDirectory(Artifact artifact) {
        return locator.datasetDir(DATASET_BY_ARTIFACT.get(artifact.getMetadata().getArtifactId()));
    }

    /** The MRLs of the two datasets served, whether or not their files are present. */
    @Override
    public List<MRL> getResources() {
        return DATASET_BY_ARTIFACT.keySet().stream().sorted()
                .map(artifactId -> dataset(Application.CV.ANY, BasicDatasets.GROUP_ID, artifactId, VERSION))
                .toList();
    }

    /** The stored file of an item, which may be gzipped: {@link #openStream} is the way to read it. */
    @Override
    protected URI resolvePath(Artifact.Item item, String path) {
        requireFile(item, path);
        return fileOf(item).toUri();
    }

    @Override
    public String toString() {
        return "Atelier's MNIST and Fashion-MNIST for DJL basicdataset, " + locator;
    }

    private static String datasetOf(MRL mrl) throws IOException {
        String dataset = DATASET_BY_ARTIFACT.get(mrl.getArtifactId());
        if (!BasicDatasets.GROUP_ID.equals(mrl.getGroupId()) || dataset == null) {
            throw new IOException(mrl + " is not in Atelier's data: this repository serves only djl://"
                    + BasicDatasets.GROUP_ID + "/fashmnist (FashionMnist) and djl://" + BasicDatasets.GROUP_ID + "/mnist (Mnist)");
        }
        return dataset;
    }

    /** The artifact whose items are the four IDX files under the names DJL's dataset classes look up. */
    private Artifact artifact(String dataset) {
        Map<String, Artifact.Item> files = new LinkedHashMap<>();
        for (Subset subset : Subset.values()) {
            String usage = subset.label(); // "train" or "test", as DJL's item names begin
            files.put(usage + "_data", item(locator.find(dataset, subset.filePrefix() + "-images-idx3-ubyte")));
            files.put(usage + "_labels", item(locator.find(dataset, subset.filePrefix() + "-labels-idx1-ubyte")));
        }
        Artifact artifact = new Artifact();
        artifact.setVersion(VERSION);
        artifact.setFiles(files);
        return artifact;
    }

    private static Artifact.Item item(Path file) {
        Artifact.Item item = new Artifact.Item();
        item.setUri(file.toUri().toString());
        item.setName(file.getFileName().toString());
        item.setType("file"); // set, not derived: DJL derives "dir" for archives, and these are none
        return item;
    }

    private static Path fileOf(Artifact.Item item) {
        return Path.of(URI.create(item.getUri()));
    }

    private static void requireFile(Artifact.Item item, String path) {
        if (path != null && !path.isEmpty()) {
            throw new IllegalArgumentException("item " + item.getName() + " is a single file; it has no entry " + path);
        }
    }

    /**
     * A file's decompressed content that checks its SHA-256 when read to the end. Skipping reads
     * through {@link #read(byte[], int, int)} ({@link InputStream#skip}'s default), so the bytes
     * DJL skips (the IDX header) are hashed too.
     */
    private static final class VerifiedContent extends InputStream {

        private final FileContent content;
        private final ContentCheck check;
        private boolean checked;

        VerifiedContent(FileContent content, ContentCheck check) {
            this.content = content;
            this.check = check;
        }

        @Override
        public int read() {
            try {
                return atEnd(content.stream().read());
            } catch (IOException e) {
                throw FileContent.unreadable(content.file(), e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            try {
                return atEnd(content.stream().read(buffer, offset, length));
            } catch (IOException e) {
                throw FileContent.unreadable(content.file(), e);
            }
        }

        /** Passes a read's result through, checking the digest once the content is exhausted. */
        private int atEnd(int result) {
            if (result < 0 && !checked) {
                checked = true;
                check.check(content.file(), content.sha256());
            }
            return result;
        }

        @Override
        public void close() {
            content.close();
        }
    }
}

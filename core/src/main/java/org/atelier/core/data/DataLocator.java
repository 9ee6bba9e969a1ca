package org.atelier.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the dataset files live: a data root with one directory per dataset
 * ({@code ROOT/fashion-mnist/}, {@code ROOT/mnist/}, {@code ROOT/wine/}), the layout that
 * {@code data/fetch} writes.
 */
public final class DataLocator {

    /** The environment variable that names the data root when no directory is given explicitly. */
    public static final String ENV_VARIABLE = "ATELIER_DATA";

    private final Path root;

    /**
     * Creates a locator for a known data root (tests, embedding programs).
     *
     * @param root the directory that holds one directory per dataset
     */
    public DataLocator(Path root) {
        this.root = Objects.requireNonNull(root).toAbsolutePath().normalize();
    }

    /**
     * Picks the data root by the documented precedence: the explicit directory ({@code --data-dir}),
     * else the environment variable {@value #ENV_VARIABLE}, else {@code ./data} in the working
     * directory if it exists, else {@code ~/.atelier/data}.
     *
     * @param explicitOrNull the directory given on the command line, or {@code null}
     * @return the locator for the chosen root
     */
    public static DataLocator resolve(Path explicitOrNull) {
        return resolve(explicitOrNull, System.getenv(ENV_VARIABLE), Path.of(""), Path.of(System.getProperty("user.home")));
    }

    /** The precedence rule with its inputs made explicit, so that tests can exercise every branch. */
    static DataLocator resolve(Path explicitOrNull, String envValueOrNull, Path workingDir, Path home) {
        if (explicitOrNull != null) {
            return new DataLocator(explicitOrNull);
        }
        if (envValueOrNull != null && !envValueOrNull.isBlank()) {
            return new DataLocator(Path.of(envValueOrNull));
        }
        Path local = workingDir.resolve("data");
        if (Files.isDirectory(local)) {
            return new DataLocator(local);
        }
        return new DataLocator(home.resolve(".atelier").resolve("data"));
    }

    /** The data root, absolute. */
    public Path root() {
        return root;
    }

    /**
     * The directory of one dataset; it need not exist.
     *
     * @param dataset the dataset's name, e.g. {@code fashion-mnist}
     * @return {@code root/dataset}
     */
    public Path datasetDir(String dataset) {
        return root.resolve(dataset);
    }

    /**
     * Finds a dataset file stored raw ({@code NAME}) or gzipped ({@code NAME.gz}); the raw copy wins
     * when both exist because it reads faster.
     *
     * @param dataset the dataset's name, e.g. {@code mnist}
     * @param fileBaseName the file name without {@code .gz}, e.g. {@code train-images-idx3-ubyte}
     * @return the path of the file found
     * @throws DataException naming the file, the directory searched and how to fetch it
     */
    public Path find(String dataset, String fileBaseName) {
        Path dir = datasetDir(dataset);
        for (Path candidate : new Path[] {dir.resolve(fileBaseName), dir.resolve(fileBaseName + ".gz")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new DataException(dataset + " file " + fileBaseName + " (or " + fileBaseName + ".gz) not found in " + dir
                + "; run data/fetch --dir " + root + " " + dataset);
    }

    /**
     * Checks that every file of a dataset is present (raw or gzipped), without reading it: what a
     * run checks before it creates its directory. Loading verifies the content.
     *
     * @param dataset the dataset, e.g. {@code fashion-mnist}
     * @throws DataException naming the first missing file and the fetch command
     */
    public void requirePresent(String dataset) {
        List<String> files = Checksums.builtIn().files(dataset);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("unknown dataset '" + dataset + "'; known: fashion-mnist, mnist, wine");
        }
        files.forEach(file -> find(dataset, file));
    }

    @Override
    public String toString() {
        return "data root " + root;
    }
}

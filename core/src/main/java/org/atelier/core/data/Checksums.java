package org.atelier.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected SHA-256 of every dataset file, taken over the DECOMPRESSED content (mirrors ship
 * different gzip containers of the same bytes).
 *
 * <p>The values live in the class-path resource {@value #RESOURCE} next to this class, one line
 * {@code SHA256 DATASET FILE} each; {@code data/fetch} reads that same file, so there is one
 * source of truth.
 */
public final class Checksums {

    /** The resource, relative to this class, that holds the expected digests. */
    public static final String RESOURCE = "checksums.sha256";

    private static final Checksums BUILT_IN = load();

    private final Map<String, String> expectedByFile;

    private Checksums(Map<String, String> expectedByFile) {
        this.expectedByFile = Map.copyOf(expectedByFile);
    }

    /** The digests of the datasets Atelier knows, read once from {@value #RESOURCE}. */
    public static Checksums builtIn() {
        return BUILT_IN;
    }

    private static Checksums load() {
        InputStream in = Checksums.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE + " is missing from the atelier-core jar");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            Map<String, String> expected = new HashMap<>();
            reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> {
                String[] parts = line.split("\\s+");
                if (parts.length != 3) {
                    throw new IllegalStateException(RESOURCE + ": malformed line '" + line + "'");
                }
                expected.put(key(parts[1], parts[2]), parts[0].toLowerCase());
            });
            return new Checksums(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The files of one dataset, as {@code data/fetch} lays them out in its directory.
     *
     * @param dataset the dataset, e.g. {@code fashion-mnist}
     * @return the file names without {@code .gz}, sorted; empty for a dataset not listed
     */
    public List<String> files(String dataset) {
        String prefix = dataset + "/";
        return expectedByFile.keySet().stream().filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length())).sorted().toList();
    }

    private static String key(String dataset, String fileBaseName) {
        return dataset + "/" + fileBaseName;
    }

    /**
     * The expected digest of one file.
     *
     * @param dataset the dataset, e.g. {@code mnist}
     * @param fileBaseName the file name without {@code .gz}
     * @return the lowercase hex SHA-256 of its decompressed content
     * @throws IllegalArgumentException if the file is not a known dataset file
     */
    public String expected(String dataset, String fileBaseName) {
        String sha256 = expectedByFile.get(key(dataset, fileBaseName));
        if (sha256 == null) {
            throw new IllegalArgumentException("no checksum for " + key(dataset, fileBaseName) + " in " + RESOURCE);
        }
        return sha256;
    }

    /**
     * Checks a file's content digest against the expected one; the file may be named with or
     * without {@code .gz}.
     *
     * @param dataset the dataset the file belongs to
     * @param file the file that was read
     * @param actualSha256 the SHA-256 of its decompressed content
     * @throws DataException naming the file, both digests and the fix, if they differ
     */
    public void check(String dataset, Path file, String actualSha256) {
        String expected = expected(dataset, baseName(file));
        if (!expected.equals(actualSha256)) {
            throw new DataException("data file " + file + " is corrupt: SHA-256 of its content is " + actualSha256
                    + ", expected " + expected + "; delete it and run " + fetchCommand(dataset, file));
        }
    }

    /**
     * The SHA-256 of a file's decompressed content (gzip recognised by its magic bytes); the same
     * value {@code gzip -dcf FILE | sha256sum} prints.
     *
     * @param file a raw or gzipped file
     * @return the lowercase hex digest
     * @throws DataException if the file cannot be read
     */
    public static String sha256(Path file) {
        try (FileContent content = FileContent.open(file)) {
            content.stream().transferTo(OutputStream.nullOutputStream());
            return content.sha256();
        } catch (IOException e) {
            throw FileContent.unreadable(file, e);
        }
    }

    /** Binds the expected digests of one dataset to a reader's end-of-file check. */
    ContentCheck forDataset(String dataset) {
        return (file, sha256) -> check(dataset, file, sha256);
    }

    /** The fetch command for the data root that holds the file, as {@code ROOT/DATASET/FILE} lays it out. */
    private static String fetchCommand(String dataset, Path file) {
        Path datasetDir = file.toAbsolutePath().getParent();
        Path root = datasetDir == null ? null : datasetDir.getParent();
        return "data/fetch" + (root == null ? "" : " --dir " + root) + " " + dataset;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}

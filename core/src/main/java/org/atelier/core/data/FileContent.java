package org.atelier.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * The decompressed content of one data file as a stream that computes its SHA-256 while the
 * parser reads it, so verification costs no second pass over the file.
 *
 * <p>Gzip is recognised by its magic bytes, not by the file name: mirrors disagree on naming.
 */
final class FileContent implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final Path file;
    private final MessageDigest digest;
    private final InputStream stream;

    private FileContent(Path file, MessageDigest digest, InputStream stream) {
        this.file = file;
        this.digest = digest;
        this.stream = stream;
    }

    /**
     * Opens a file, raw or gzipped.
     *
     * @throws DataException if the file cannot be opened or its gzip header is broken
     */
    static FileContent open(Path file) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
            InputStream content = isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered;
            MessageDigest digest = newSha256();
            return new FileContent(file, digest, new DigestInputStream(content, digest));
        } catch (NoSuchFileException e) {
            throw new DataException("data file " + file + " does not exist; check the path (for a dataset, run data/fetch)", e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Reads the first two bytes and rewinds: {@code 1f 8b} starts every gzip member. */
    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    /** A fresh SHA-256 digest; every Java platform is required to provide it. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }

    /** The error for a file that exists but cannot be read to its end (I/O error, broken gzip stream). */
    static DataException unreadable(Path file, IOException cause) {
        return new DataException("cannot read data file " + file + " (" + cause.getMessage()
                + "); the file is damaged or incomplete: delete it and run " + fetchCommand(file), cause);
    }

    /**
     * The command that fetches a file again into the data root that holds it, as {@code
     * ROOT/DATASET/FILE} lays it out: {@code data/fetch --dir ROOT DATASET}.
     *
     * @param file a dataset file
     * @return the command
     */
    static String fetchCommand(Path file) {
        Path datasetDir = file.toAbsolutePath().normalize().getParent();
        Path root = datasetDir == null ? null : datasetDir.getParent();
        return root == null ? "data/fetch" : "data/fetch --dir " + root + " " + datasetDir.getFileName();
    }

    /** The file being read. */
    Path file() {
        return file;
    }

    /** The decompressed bytes; everything read through it is hashed. */
    InputStream stream() {
        return stream;
    }

    /**
     * Reads exactly {@code count} bytes, or fewer if the content ends first.
     *
     * @throws DataException on an I/O error or a broken gzip stream
     */
    byte[] readUpTo(int count) {
        try {
            return stream.readNBytes(count);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Whether the content has bytes left; reading the last byte completes the digest.
     *
     * @throws DataException on an I/O error or a broken gzip stream
     */
    boolean hasMore() {
        try {
            return stream.read() != -1;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The lowercase hex SHA-256 of the content read so far; call once, after reading to the end. */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

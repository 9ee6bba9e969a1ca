package org.atelier.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files, well-formed or deliberately broken, for tests of data readers. */
public final class IdxFiles {

    private IdxFiles() {}

    /**
     * The bytes of an IDX image file: header {@code magic, count, rows, columns}, then the pixels.
     *
     * @param magic the magic number to write (2051 for a valid file)
     * @param count the image count the header promises
     * @param rows the image height
     * @param columns the image width
     * @param pixels the body, one unsigned byte per pixel (may deliberately differ from the promise)
     * @return the file content
     */
    public static byte[] images(int magic, int count, int rows, int columns, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(count).putInt(rows).putInt(columns).put(pixels).array();
    }

    /**
     * The bytes of an IDX label file: header {@code magic, count}, then the labels.
     *
     * @param magic the magic number to write (2049 for a valid file)
     * @param count the label count the header promises
     * @param labels the body, one unsigned byte per label
     * @return the file content
     */
    public static byte[] labels(int magic, int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(count).put(labels).array();
    }

    /** Pixels {@code 0, 1, 2, ...} (mod 256) for {@code count} images of {@code rows × columns}. */
    public static byte[] rampPixels(int count, int rows, int columns) {
        byte[] pixels = new byte[count * rows * columns];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        return pixels;
    }

    /** Writes the content as it is. */
    public static Path writeRaw(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the content gzipped. */
    public static Path writeGzip(Path file, byte[] content) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(buffer)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writeRaw(file, buffer.toByteArray());
    }
}

package org.atelier.core.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.atelier.core.AtelierException;

/**
 * Writes files atomically: the content goes to a temporary file in the target's directory, which
 * then replaces the target in one move. A reader sees either the old file or the complete new one,
 * never a truncated file, and a failed write leaves the old file untouched. The file gets the
 * permissions any new file gets (the process's umask applies), as if {@link
 * Files#newOutputStream} had created it in place.
 *
 * <p>{@link RunDirectory} writes every file of a run through it.
 */
public final class AtomicFiles {

    /**
     * Writes content to a stream; unlike {@link java.util.function.Consumer} it may throw
     * {@link IOException}.
     *
     * @param <T> what is written to
     */
    @FunctionalInterface
    public interface IOConsumer<T> {
        /**
         * Writes to the target.
         *
         * @param target where to write
         * @throws IOException if writing fails
         */
        void accept(T target) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes a file atomically through a stream writer; parent directories are created.
     *
     * @param target the file to create or replace
     * @param writer writes the content; it need not close the stream
     * @return the target
     * @throws AtelierException if the file cannot be written (the old content, if any, is kept);
     *     an exception thrown by {@code writer} itself propagates unchanged, the old content kept too
     */
    public static Path write(Path target, IOConsumer<OutputStream> writer) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            // Same directory as the target, so the move is a rename on one file system.
            // A unique name created like any other file, so the result gets the usual permissions
            // (umask); Files.createTempFile would leave it readable by its owner only.
            temp = directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW))) {
                writer.accept(out);
            }
            move(temp, absolute);
            return target;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new AtelierException("cannot write " + target + " (" + e.getMessage()
                    + "); check that the directory is writable and the disk has space", e);
        } catch (RuntimeException | Error e) {
            // A failing writer is a bug or the writer's own error, not the user's file system:
            // it propagates unchanged, and only the temp file is cleaned up.
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Writes a string as UTF-8 atomically.
     *
     * @param target the file to create or replace
     * @param text the content
     * @return the target
     */
    public static Path writeString(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(target, out -> out.write(bytes));
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems (e.g. certain network mounts) cannot rename atomically; a plain
            // replace is the best they offer.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The original failure is what the user needs to see; a stray temp file is harmless.
        }
    }
}

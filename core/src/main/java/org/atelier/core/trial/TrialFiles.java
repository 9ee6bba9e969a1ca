package org.atelier.core.trial;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Trial specs and results as files, for workers in other JVMs: Java serialization, because the
 * records are {@link Serializable} anyway (a cluster framework such as Spark ships them that way),
 * both sides run the same classes from the same class path, and every double (NaN included)
 * comes back bit for bit with no formatting rules. Files are written atomically and read through
 * a filter that admits only Atelier's and the JDK's value classes.
 */
final class TrialFiles {

    /** The records and the JDK collections and boxes inside them; nothing else is deserialized. */
    private static final ObjectInputFilter ONLY_VALUES = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;org.atelier.core.**;java.lang.*;java.util.*;!*");

    private TrialFiles() {}

    /**
     * Writes a value through a temporary file in the same directory, so a reader never sees half.
     *
     * @param file the target
     * @param value the value
     * @throws IOException if it cannot be written
     */
    static void write(Path file, Serializable value) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream bytes = Files.newOutputStream(tmp); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a value that {@link #write} wrote.
     *
     * @param file the file
     * @param type the expected type
     * @param <T> the type
     * @return the value
     * @throws IOException if it cannot be read or holds something else
     */
    static <T> T read(Path file, Class<T> type) throws IOException {
        try (InputStream bytes = Files.newInputStream(file); ObjectInputStream in = new ObjectInputStream(bytes)) {
            in.setObjectInputFilter(ONLY_VALUES);
            Object value = in.readObject();
            if (!type.isInstance(value)) {
                throw new IOException(file + " holds a " + value.getClass().getName() + ", not a " + type.getName());
            }
            return type.cast(value);
        } catch (ClassNotFoundException e) {
            throw new IOException(file + " holds a class missing from this class path: " + e.getMessage(), e);
        }
    }
}

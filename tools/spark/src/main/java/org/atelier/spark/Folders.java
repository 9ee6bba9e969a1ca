package org.atelier.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temporary folders this module makes (an executor's trial folder, an embedded run's logs). */
final class Folders {

    private Folders() {}

    /**
     * Deletes a folder and everything in it, if it exists; a leftover is harmless, so errors are ignored.
     *
     * @param folder the folder, or null for nothing
     */
    static void deleteQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // left for the operating system's temporary-file cleanup
        }
    }
}

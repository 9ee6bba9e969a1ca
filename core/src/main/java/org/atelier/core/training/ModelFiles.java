package org.atelier.core.training;

import ai.djl.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.atelier.core.AtelierException;

/** Writes a model's parameters as DJL {@code .params} files without ever leaving half a file behind. */
public final class ModelFiles {

    private ModelFiles() {}

    /**
     * Saves the model's parameters into {@code directory} as {@code <name>-<epoch>.params} (DJL's
     * format, four-digit epoch): DJL writes them into a temporary directory beside the target,
     * then each file is moved in.
     *
     * @param model the model
     * @param directory the target directory, created if missing
     * @param name the file-name prefix, usually the model's name
     * @param epoch the epoch number recorded in the file name and the model's properties
     * @return the parameter file written
     * @throws AtelierException if the files cannot be written
     */
    public static Path saveParameters(Model model, Path directory, String name, int epoch) {
        try {
            Files.createDirectories(directory);
            // A unique name created like any other directory (umask), as AtomicFiles creates its
            // temporary files: Files.createTempDirectory would make it owner-only.
            Path staging = Files.createDirectory(directory.resolve(".saving-" + UUID.randomUUID()));
            try {
                model.setProperty("Epoch", Integer.toString(epoch));
                model.save(staging, name);
                try (Stream<Path> files = Files.list(staging)) {
                    for (Path file : files.toList()) {
                        Files.move(file, directory.resolve(file.getFileName()),
                                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            } finally {
                Files.deleteIfExists(staging);
            }
        } catch (IOException e) {
            throw new AtelierException("cannot save the parameters of " + name + " to " + directory + " ("
                    + e.getMessage() + "); check that the directory is writable and the disk has space", e);
        }
        return directory.resolve(String.format(Locale.ROOT, "%s-%04d.params", name, epoch));
    }
}

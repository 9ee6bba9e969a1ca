package org.atelier.core.training;

import ai.djl.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Writes a model's parameters as DJL {@code .params} files without ever leaving half a file behind. */
final class ModelFiles {

    private ModelFiles() {}

    /**
     * Saves the model's parameters into {@code directory} as {@code <model name>-<epoch>.params}:
     * DJL writes them into a temporary directory beside the target, then each file is moved in.
     *
     * @param model the model
     * @param directory the target directory, created if missing
     * @param epoch the epoch number recorded in the file name and the model's properties
     */
    static void saveParameters(Model model, Path directory, int epoch) {
        try {
            Files.createDirectories(directory);
            Path staging = Files.createTempDirectory(directory, ".saving-");
            try {
                model.setProperty("Epoch", Integer.toString(epoch));
                model.save(staging, model.getName());
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
            throw new UncheckedIOException("cannot save the parameters of " + model.getName() + " to " + directory, e);
        }
    }
}

package org.atelier.core.training;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.atelier.core.AtelierException;

/**
 * Writes a model's parameters as DJL {@code .params} files without ever leaving half a file behind,
 * and loads them back into a model of the same architecture.
 */
public final class ModelFiles {

    private static final Pattern PARAMS_FILE = Pattern.compile("(.+)-(\\d{4,})\\.params");

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

    /**
     * Initializes the model's block for one sample shape, then overwrites its parameters from a
     * file {@link #saveParameters} wrote. DJL replaces each parameter's array when loading, without
     * the gradient that training needs (PyTorch's model restores it when a trainer is made, MXNet's
     * does not), so the parameters that had one get it back.
     *
     * @param model a model whose block has the architecture the file was saved from
     * @param sample the shape of one sample, e.g. {@code (1, 28, 28)}
     * @param file a {@code NAME-EEEE.params} file
     * @throws AtelierException if the file is misnamed, unreadable or does not fit the block
     */
    public static void loadParameters(Model model, Shape sample, Path file) {
        Matcher name = PARAMS_FILE.matcher(file.getFileName().toString());
        if (!name.matches()) {
            throw new AtelierException("cannot load parameters from " + file + ": the file must be named"
                    + " NAME-EEEE.params, as DJL and ModelFiles save them");
        }
        Block block = model.getBlock();
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(sample));
        List<Parameter> trainable = block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        try {
            model.load(file.toAbsolutePath().getParent(), name.group(1), Map.of("epoch", name.group(2)));
        } catch (IOException | MalformedModelException e) {
            throw new AtelierException("cannot load parameters from " + file + " (" + e.getMessage()
                    + "); it must be a DJL .params file saved from the same model", e);
        }
        trainable.forEach(p -> p.getArray().setRequiresGradient(true));
    }
}

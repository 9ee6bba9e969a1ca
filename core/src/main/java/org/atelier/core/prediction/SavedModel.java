package org.atelier.core.prediction;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.data.Checksums;
import org.atelier.core.engine.Backend;
import org.atelier.core.report.AtomicFiles;
import org.atelier.core.training.Inference;
import org.atelier.core.training.ModelFiles;
import org.atelier.core.trial.TrialRegistry;

/**
 * A trained classifier saved to, or loaded from, its own directory: the parameters ({@code
 * NAME-EEEE.params}, DJL's format) and the manifest {@value #MANIFEST} ({@link ModelManifest}: the
 * network, input shape, preprocessing, normalization, class names, the parameter file's SHA-256).
 *
 * <pre>{@code
 * SavedModel.save(model, dir, ModelManifest.of("tiny-cnn", "tiny CNN", spec, new long[] {1, 28, 28},
 *         ModelManifest.MNIST_DIGIT, Normalization.of(standardizer), classNames));
 * try (SavedModel saved = SavedModel.load(dir, Backend.resolve("MXNet", "cpu"))) {
 *     Inference.Predictions p = saved.classify(pixels, count);   // raw pixels in [0, 1]
 * }
 * }</pre>
 *
 * <p>Loaded in a fresh process on the engine it was trained on, it gives bit for bit the
 * probabilities the training process computed on the same inputs; on the other engine the same
 * classes, with probabilities that differ in the last digits (kernels differ).
 */
public final class SavedModel implements AutoCloseable {

    /** The manifest's file name in a model directory. */
    public static final String MANIFEST = "model.json";

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

    private final ModelManifest manifest;
    private final Model model;

    private SavedModel(ModelManifest manifest, Model model) {
        this.manifest = manifest;
        this.model = model;
    }

    /**
     * Saves a trained model into a directory: its parameters first, then the manifest that names
     * them, each written whole or not at all.
     *
     * @param model the model, its block initialized
     * @param directory the model's directory, created if missing
     * @param manifest what to record ({@link ModelManifest#of}); engine and parameter file are filled in
     * @return the manifest written
     * @throws AtelierException if the files cannot be written
     */
    public static ModelManifest save(Model model, Path directory, ModelManifest manifest) {
        String epoch = model.getProperty("Epoch");
        Path params = ModelFiles.saveParameters(model, directory, manifest.name(),
                epoch == null ? 0 : Integer.parseInt(epoch));
        String engine = model.getNDManager().getEngine().getEngineName();
        ModelManifest saved = manifest.saved(engine, Engine.getEngine(engine).getVersion(),
                params.getFileName().toString(), Checksums.sha256(params));
        AtomicFiles.writeString(directory.resolve(MANIFEST), GSON.toJson(saved) + "\n");
        return saved;
    }

    /**
     * Reads a model directory's manifest, checking that it is complete.
     *
     * @param directory the model's directory
     * @return the manifest
     * @throws AtelierException if it is missing, unreadable, of another format or incomplete
     */
    public static ModelManifest manifest(Path directory) {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new AtelierException(directory + " holds no " + MANIFEST + ", so it is no saved model; point to a"
                    + " model directory (a run's models/NAME) or a run directory that saved models");
        }
        ModelManifest manifest;
        try {
            manifest = GSON.fromJson(Files.readString(file), ModelManifest.class);
        } catch (IOException | JsonParseException e) {
            throw new AtelierException("cannot read " + file + " (" + e.getMessage() + "); the model directory is"
                    + " damaged: save the model again", e);
        }
        if (manifest == null || !ModelManifest.FORMAT.equals(manifest.format())) {
            throw new AtelierException(file + " is not an Atelier model manifest (format is not '"
                    + ModelManifest.FORMAT + "'); point to a directory saved by Atelier");
        }
        if (manifest.formatVersion() > ModelManifest.FORMAT_VERSION) {
            throw new AtelierException(file + " has format version " + manifest.formatVersion() + ", this Atelier reads"
                    + " up to " + ModelManifest.FORMAT_VERSION + "; use a newer Atelier");
        }
        for (Object field : new Object[] {manifest.name(), manifest.model(), manifest.inputShape(),
            manifest.preprocessing(), manifest.normalization(), manifest.classNames(), manifest.parametersFile(),
            manifest.parametersSha256()}) {
            if (field == null) {
                throw new AtelierException(file + " is incomplete (it needs name, model, input_shape, preprocessing,"
                        + " normalization, class_names, parameters_file, parameters_sha256); save the model again");
            }
        }
        return manifest;
    }

    /**
     * Loads a saved model: checks the manifest and the parameter file's checksum, rebuilds the
     * network by its factory name and loads the parameters.
     *
     * @param directory the model's directory
     * @param backend the engine and device to load onto: the one it was trained on, or another
     * @return the model; close it
     * @throws AtelierException if the directory is not a complete, intact saved model, or its
     *     network's factory is not on the class path
     */
    public static SavedModel load(Path directory, Backend backend) {
        ModelManifest manifest = manifest(directory);
        Path params = directory.resolve(manifest.parametersFile());
        if (!Files.isRegularFile(params)) {
            throw new AtelierException(directory + " lacks its parameter file " + manifest.parametersFile()
                    + "; the model directory is incomplete: save the model again");
        }
        String sha256 = Checksums.sha256(params);
        if (!sha256.equals(manifest.parametersSha256())) {
            throw new AtelierException(params + " does not match the SHA-256 in " + MANIFEST + " (" + sha256 + " instead"
                    + " of " + manifest.parametersSha256() + "): the file was changed or damaged; save the model again");
        }
        Block block = TrialRegistry.instance().model(manifest.model().factory()).create(manifest.model().args(),
                manifest.model().classes());
        Model model = Model.newInstance(manifest.name(), backend.device(), backend.engineName());
        try {
            model.setBlock(block);
            ModelFiles.loadParameters(model, new Shape(manifest.inputShape()), params);
            return new SavedModel(manifest, model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The manifest. */
    public ModelManifest manifest() {
        return manifest;
    }

    /** The class names, in output order. */
    public List<String> classNames() {
        return manifest.classNames();
    }

    /** The engine this copy runs on. */
    public String engine() {
        return model.getNDManager().getEngine().getEngineName();
    }

    /**
     * Classifies inputs given as they come out of the preprocessing (for {@value
     * ModelManifest#MNIST_DIGIT}: 28 × 28 values in [0, 1], white digit on black); the model's
     * normalization is applied here.
     *
     * @param inputs row-major, {@code count × inputSize} values
     * @param count the number of inputs
     * @return the classes and softmax probabilities
     */
    public Inference.Predictions classify(float[] inputs, int count) {
        int size = manifest.inputSize();
        if (count < 1 || inputs.length != (long) count * size) {
            throw new IllegalArgumentException(inputs.length + " values are not " + count + " inputs of " + size);
        }
        long[] dims = new long[manifest.inputShape().length + 1];
        dims[0] = count;
        System.arraycopy(manifest.inputShape(), 0, dims, 1, manifest.inputShape().length);
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray features = scope.create(manifest.normalization().apply(inputs, size), new Shape(dims));
            return Inference.classify(model.getBlock(), features, true);
        }
    }

    /** Frees the model's parameters. */
    @Override
    public void close() {
        model.close();
    }
}

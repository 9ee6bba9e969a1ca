package org.atelier.core.prediction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.report.AtomicFiles;

/**
 * The models a run saved, under {@code models/} in its directory, one directory each, and which
 * of them answers when none is named: {@code models/models.json} lists them and names the default
 * (the run's best).
 *
 * @param defaultModel the name of the model used when none is asked for
 * @param models every saved model, in the order the run trained them
 */
public record RunModels(String defaultModel, List<Entry> models) {

    /** The folder in a run directory that holds the saved models. */
    public static final String FOLDER = "models";

    /** The index's file name in that folder. */
    public static final String INDEX = "models.json";

    /**
     * One saved model.
     *
     * @param name its directory's name under {@code models/}
     * @param label a readable name
     * @param note what distinguishes it, e.g. its validation and test accuracy; a short phrase
     */
    public record Entry(String name, String label, String note) {}

    /** Checks that the default is one of the models. */
    public RunModels {
        models = List.copyOf(models);
        if (models.stream().noneMatch(m -> m.name().equals(defaultModel))) {
            throw new IllegalArgumentException("the default model " + defaultModel + " is not among " + names(models));
        }
    }

    /**
     * Writes the index into a run's {@code models/} folder.
     *
     * @param runDirectory the run directory
     * @return the index file
     */
    public Path write(Path runDirectory) {
        return AtomicFiles.writeString(runDirectory.resolve(FOLDER).resolve(INDEX), SavedModel.GSON.toJson(this) + "\n");
    }

    /**
     * Reads a run's index.
     *
     * @param runDirectory the run directory
     * @return the index
     * @throws AtelierException if the run saved no models or its index is damaged
     */
    public static RunModels read(Path runDirectory) {
        Path index = runDirectory.resolve(FOLDER).resolve(INDEX);
        if (!Files.isDirectory(runDirectory)) {
            throw new AtelierException("run directory " + runDirectory + " does not exist; pass the directory a run"
                    + " wrote (e.g. runs/mnist-tiny-cnn/<time>)");
        }
        if (!Files.isRegularFile(index)) {
            throw new AtelierException(runDirectory + " holds no saved models (" + FOLDER + "/" + INDEX + " is missing);"
                    + " pass the directory of a run that saves its models, e.g. of mnist-tiny-cnn");
        }
        try {
            RunModels models = SavedModel.GSON.fromJson(Files.readString(index), RunModels.class);
            return new RunModels(models.defaultModel(), models.models());
        } catch (IOException | RuntimeException e) {
            throw new AtelierException("cannot read " + index + " (" + e.getMessage() + "); the run's model index is"
                    + " damaged: run the experiment again", e);
        }
    }

    /**
     * The directory of one model of a run, or of its default.
     *
     * @param runDirectory the run directory, or a model directory itself (one holding {@value SavedModel#MANIFEST})
     * @param nameOrNull the model's name, or null for the run's default
     * @return the model directory
     * @throws AtelierException if the run saved no models or none of that name
     */
    public static Path resolve(Path runDirectory, String nameOrNull) {
        if (nameOrNull == null && Files.isRegularFile(runDirectory.resolve(SavedModel.MANIFEST))) {
            return runDirectory;
        }
        RunModels models = read(runDirectory);
        String name = nameOrNull == null ? models.defaultModel() : nameOrNull;
        if (models.models().stream().noneMatch(m -> m.name().equals(name))) {
            throw new AtelierException("the run " + runDirectory + " saved no model '" + name + "'; choices: "
                    + String.join(", ", names(models.models())));
        }
        return runDirectory.resolve(FOLDER).resolve(name);
    }

    private static List<String> names(List<Entry> models) {
        return models.stream().map(Entry::name).toList();
    }
}

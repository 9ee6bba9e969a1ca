package org.atelier.core.trial;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One independent trial as a value: one seed of a variant, one sweep point, one search trial. It
 * names everything the trial's numbers depend on (model, data, fit settings, seed, starting
 * parameters), so it can run in this JVM, in a child JVM or on another machine with the same
 * result (on the same engine and device). Run it with {@link Trials#run} or a {@link TrialExecutor}.
 *
 * @param id unique among the trials run together and safe in a file name, e.g. {@code
 *     minibatch-lr-0.01-seed-42}; the {@code .params} file is named after it
 * @param model the network
 * @param data the data
 * @param fit the fit settings
 * @param seed the seed of initialization, dropout, batch order and batch transform
 * @param initialParams the absolute path of a {@code .params} file to start from (fine-tuning, refinement of a
 *     kept model), or null to start from freshly initialized parameters
 * @param saveParams whether to keep the final parameters as a {@code .params} file
 */
public record TrialSpec(String id, ModelSpec model, DataSpec data, FitSpec fit, long seed, String initialParams,
        boolean saveParams) implements Serializable {

    private static final Pattern FILE_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    /** Checks the id and that the parts are present. */
    public TrialSpec {
        Objects.requireNonNull(id, "id");
        if (!FILE_SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException("trial id '" + id + "' is not file-name safe: use letters, digits,"
                    + " '.', '_' and '-' (at most 200, not starting with '.', '_' or '-')");
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(fit, "fit");
    }

    /**
     * A trial from fresh parameters whose final parameters are not kept.
     *
     * @param id the trial's id
     * @param model the network
     * @param data the data
     * @param fit the fit settings
     * @param seed the seed
     * @return the spec
     */
    public static TrialSpec of(String id, ModelSpec model, DataSpec data, FitSpec fit, long seed) {
        return new TrialSpec(id, model, data, fit, seed, null, false);
    }

    /** This trial, keeping (or not) its final parameters as a {@code .params} file. */
    public TrialSpec withSaveParams(boolean save) {
        return new TrialSpec(id, model, data, fit, seed, initialParams, save);
    }

    /** This trial, starting from the parameters in a {@code .params} file (made absolute). */
    public TrialSpec withInitialParams(Path file) {
        return new TrialSpec(id, model, data, fit, seed, file.toAbsolutePath().normalize().toString(), saveParams);
    }

    /** This trial with another model. */
    public TrialSpec withModel(ModelSpec newModel) {
        return new TrialSpec(id, newModel, data, fit, seed, initialParams, saveParams);
    }

    /** This trial with other data. */
    public TrialSpec withData(DataSpec newData) {
        return new TrialSpec(id, model, newData, fit, seed, initialParams, saveParams);
    }

    /** This trial with other fit settings. */
    public TrialSpec withFit(FitSpec newFit) {
        return new TrialSpec(id, model, data, newFit, seed, initialParams, saveParams);
    }

    /** This trial with another seed. */
    public TrialSpec withSeed(long newSeed) {
        return new TrialSpec(id, model, data, fit, newSeed, initialParams, saveParams);
    }

    /** This trial with another id. */
    public TrialSpec withId(String newId) {
        return new TrialSpec(newId, model, data, fit, seed, initialParams, saveParams);
    }

    /** The {@code .params} file to start from, if any. */
    public Optional<Path> initialParamsFile() {
        return Optional.ofNullable(initialParams).map(Path::of);
    }
}

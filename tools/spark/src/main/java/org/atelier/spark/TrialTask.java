package org.atelier.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;

/**
 * One trial as a Spark task: the spec, the environment as strings (paths are not serializable),
 * and the starting {@code .params} file's bytes when the trial has one, so that an executor on
 * another machine needs nothing of the driver's run directory. Run on the executor by {@link #run()}.
 *
 * @param spec the trial, as the driver submitted it
 * @param environment the driver's environment, as {@link TrialEnvironment#toArguments()}
 * @param initialParams the starting parameters' bytes, or null
 */
record TrialTask(TrialSpec spec, List<String> environment, byte[] initialParams) implements Serializable {

    /**
     * The task of a trial: reads its starting parameters on the driver.
     *
     * @param spec the trial
     * @param environment the run's environment
     * @return the task
     */
    static TrialTask of(TrialSpec spec, TrialEnvironment environment) {
        Optional<Path> start = spec.initialParamsFile();
        try {
            byte[] bytes = start.isPresent() ? Files.readAllBytes(start.get()) : null;
            return new TrialTask(spec, environment.toArguments(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trial " + spec.id() + "'s starting parameters "
                    + start.get() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the trial in this (executor) JVM, with the driver's engine, device and data directory
     * and a private temporary output directory, and brings its parameters back as bytes.
     *
     * @return the result with the kept parameters
     * @throws TrialFailedException if the trial failed, so that Spark tries it again
     * @throws UncheckedIOException if the temporary directory cannot be used
     */
    ShippedResult run() {
        Path work = null;
        try {
            work = Files.createTempDirectory("atelier-trial-");
            TrialSpec local = spec;
            if (initialParams != null) {
                // The same file name: the model's name and epoch are read from it.
                Path start = work.resolve("start").resolve(spec.initialParamsFile().orElseThrow().getFileName());
                Files.createDirectories(start.getParent());
                Files.write(start, initialParams);
                local = spec.withInitialParams(start);
            }
            TrialEnvironment driver = TrialEnvironment.fromArguments(environment);
            TrialEnvironment here = new TrialEnvironment(driver.engine(), driver.device(), driver.dataDir(), work);
            TrialResult result = Trials.run(local, here);
            if (!result.succeeded()) {
                throw new TrialFailedException(result.error());
            }
            Optional<Path> params = result.params();
            return params.isEmpty() ? new ShippedResult(result, null, null)
                    : new ShippedResult(result, params.get().getFileName().toString(), Files.readAllBytes(params.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("trial " + spec.id() + " cannot use a temporary directory on this executor: "
                    + e.getMessage(), e);
        } finally {
            Folders.deleteQuietly(work);
        }
    }
}

package org.atelier.tools.cli;

import java.nio.file.Path;
import org.atelier.core.experiment.ExperimentRunner;

/**
 * An experiment threw during its run: carries the cause and where its summary.json records it,
 * so the CLI can print one line and choose the exit code from the cause.
 */
final class RunFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RunFailure(String experiment, Path runDirectory, Throwable cause) {
        super(experiment + " failed: " + ExperimentRunner.failureMessage(cause)
                + "; the run's summary.json is in " + runDirectory, cause);
    }
}

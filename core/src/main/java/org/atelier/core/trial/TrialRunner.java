package org.atelier.core.trial;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * The trials of one experiment run: the executor the user chose, the run's environment and where
 * progress lines go. What {@code ExperimentContext.trials()} returns; an experiment submits its
 * independent trials here and gets their results in order.
 */
public final class TrialRunner {

    private final TrialExecutor executor;
    private final TrialEnvironment environment;
    private final PrintStream progress;

    /**
     * Creates the runner.
     *
     * @param executor where trials run
     * @param environment the engine, device, data and output directory
     * @param progress where one line per finished trial goes, or null for none
     */
    public TrialRunner(TrialExecutor executor, TrialEnvironment environment, PrintStream progress) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.progress = progress;
    }

    /**
     * Runs trials with the executor, one progress line per finished trial.
     *
     * @param trials the trials, with unique ids
     * @return one result per trial, in order; failed trials included (see {@link TrialResult#requireSucceeded})
     */
    public List<TrialResult> run(List<TrialSpec> trials) {
        return executor.run(trials, environment, new TrialProgress(progress, trials.size()));
    }

    /** The executor. */
    public TrialExecutor executor() {
        return executor;
    }

    /** The environment. */
    public TrialEnvironment environment() {
        return environment;
    }
}

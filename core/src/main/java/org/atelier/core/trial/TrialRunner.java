package org.atelier.core.trial;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private int trialsRun;
    private double trialSeconds;
    private double wallSeconds;

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
        long start = System.nanoTime();
        List<TrialResult> results = executor.run(trials, environment, new TrialProgress(progress, trials.size()));
        wallSeconds += (System.nanoTime() - start) / 1e9;
        trialsRun += results.size();
        trialSeconds += results.stream().mapToDouble(TrialResult::seconds).sum();
        return results;
    }

    /**
     * What the trials of this run cost, for {@code summary.json}: {@code trials_run}, {@code
     * trial_seconds_total} (the trials' own seconds, added up), {@code trial_wall_seconds} (the
     * wall time of the batches that ran them, worker start-up included) and {@code
     * trial_concurrency}, their ratio: how many trials ran at once on average, 1 in process, up to
     * {@code --parallel} with workers. It is not the speed-up: trials that share cores each run
     * slower, so compare the wall time with an in-process run for that.
     *
     * @return the metrics, empty if no trial ran
     */
    public Map<String, Double> metrics() {
        if (trialsRun == 0) {
            return Map.of();
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("trials_run", (double) trialsRun);
        metrics.put("trial_seconds_total", trialSeconds);
        metrics.put("trial_wall_seconds", wallSeconds);
        metrics.put("trial_concurrency", wallSeconds > 0 ? trialSeconds / wallSeconds : 1.0);
        return metrics;
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

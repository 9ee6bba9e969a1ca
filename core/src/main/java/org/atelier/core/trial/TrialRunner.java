package org.atelier.core.trial;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atelier.core.AtelierException;
import org.atelier.core.training.TrainingBackup;

/**
 * The trials of one experiment run: the executor the user chose, the run's environment and where
 * progress lines go. What {@code ExperimentContext.trials()} returns; an experiment submits its
 * independent trials here and gets their results in order.
 *
 * <p>Each successful trial is kept, as it finishes, in the environment's output directory ({@link
 * TrialCache}); a trial whose equal spec was kept there by an earlier attempt of the run (one that
 * failed or was interrupted, continued with {@code --resume}) is reused instead of trained again,
 * and a trial whose training that attempt left unfinished continues from the last epoch it backed up
 * ({@link TrialCache#backupOf}), announced by one line.
 */
public final class TrialRunner {

    private final TrialExecutor executor;
    private final TrialEnvironment environment;
    private final PrintStream progress;
    private final TrialCache cache;
    private final String announcement;
    private boolean announced;
    private int trialsRun;
    private int trialsDone;
    private int trialsReused;
    private double epochsDone;
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
        this(executor, environment, progress, "");
    }

    /**
     * Creates the runner with a line that says where the trials run, printed before the first
     * batch of two or more trials (e.g. what {@code --executor auto} chose).
     *
     * @param executor where trials run
     * @param environment the engine, device, data and output directory
     * @param progress where one line per finished trial goes, or null for none
     * @param announcement the line, or an empty string for none
     */
    public TrialRunner(TrialExecutor executor, TrialEnvironment environment, PrintStream progress, String announcement) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.progress = progress;
        this.cache = new TrialCache(environment.outputDir());
        this.announcement = Objects.requireNonNull(announcement, "announcement");
    }

    /**
     * Runs trials with the executor, one progress line per finished trial.
     *
     * @param trials the trials, with unique ids
     * @return one result per trial, in order; failed trials included (see {@link TrialResult#requireSucceeded})
     */
    public List<TrialResult> run(List<TrialSpec> trials) {
        Trials.requireUniqueIds(trials);
        Map<String, TrialResult> reused = new LinkedHashMap<>();
        List<TrialSpec> toRun = new ArrayList<>();
        for (TrialSpec spec : trials) {
            Optional<TrialResult> kept = cache.find(spec);
            kept.ifPresentOrElse(result -> reused.put(spec.id(), result), () -> toRun.add(spec));
        }
        if (!reused.isEmpty() && progress != null) {
            progress.println("trials reused from the earlier attempt: " + reused.size() + " of " + trials.size()
                    + " (" + String.join(", ", reused.keySet()) + ")");
            progress.flush();
        }
        for (TrialSpec spec : toRun) {
            cache.backupOf(spec).progress().ifPresent(backup -> announceResume(spec, backup));
        }
        reused.values().forEach(this::countDone);
        synchronized (this) {
            trialsReused += reused.size();
        }
        announceOnce(toRun.size());
        Map<String, TrialSpec> byId = toRun.stream().collect(Collectors.toMap(TrialSpec::id, Function.identity()));
        long start = System.nanoTime();
        List<TrialResult> fresh = toRun.isEmpty() ? List.of()
                : executor.run(toRun, environment, TrialProgress.of(progress, toRun, result -> {
                    keep(byId.get(result.id()), result);
                    countDone(result);
                }));
        Map<String, TrialResult> freshById = fresh.stream().collect(Collectors.toMap(TrialResult::id, Function.identity()));
        synchronized (this) {
            wallSeconds += (System.nanoTime() - start) / 1e9;
            trialsRun += fresh.size();
            trialSeconds += fresh.stream().mapToDouble(TrialResult::seconds).sum();
        }
        return trials.stream().map(spec -> reused.containsKey(spec.id()) ? reused.get(spec.id()) : freshById.get(spec.id()))
                .toList();
    }

    /** Prints the announcement before the first batch of two or more trials, once. */
    private synchronized void announceOnce(int trials) {
        if (trials > 1 && !announced && !announcement.isEmpty() && progress != null) {
            announced = true;
            progress.println(announcement);
            progress.flush();
        }
    }

    /** The one line saying that a trial's training continues from the backup an earlier attempt left. */
    private void announceResume(TrialSpec spec, TrainingBackup.Progress backup) {
        if (progress == null) {
            return;
        }
        progress.println("resuming trial " + spec.id() + " from epoch " + backup.epoch() + " of " + backup.maxEpochs()
                + " (its backup from the earlier attempt; training goes on with epoch " + (backup.epoch() + 1) + ")");
        progress.flush();
    }

    private void keep(TrialSpec spec, TrialResult result) {
        if (spec == null) {
            return; // an executor that reports a result under another id breaks its contract elsewhere
        }
        try {
            cache.keep(spec, result);
        } catch (AtelierException e) {
            // Keeping is what lets --resume skip the trial; the run itself has its result.
            if (progress != null) {
                progress.println("could not keep trial " + spec.id() + " for --resume in " + environment.outputDir()
                        + ": " + e.getMessage());
            }
        }
    }

    private synchronized void countDone(TrialResult result) {
        trialsDone++;
        if (result.succeeded()) {
            epochsDone += result.metrics().getOrDefault("epochs", 0.0);
        }
    }

    /**
     * How far the run's trials got, for the summary of a run that was interrupted or failed:
     * {@code trials_done} (finished, reused ones included), {@code epochs_done} (the epochs those
     * trials trained) and {@code trials_reused} (taken from an earlier attempt).
     *
     * @return the counts, as metrics
     */
    public synchronized Map<String, Double> progressMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("trials_done", (double) trialsDone);
        metrics.put("epochs_done", epochsDone);
        metrics.put("trials_reused", (double) trialsReused);
        return metrics;
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
    public synchronized Map<String, Double> metrics() {
        if (trialsRun == 0 && trialsReused == 0) {
            return Map.of();
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("trials_run", (double) trialsRun);
        metrics.put("trial_seconds_total", trialSeconds);
        metrics.put("trial_wall_seconds", wallSeconds);
        metrics.put("trial_concurrency", wallSeconds > 0 ? trialSeconds / wallSeconds : 1.0);
        if (trialsReused > 0) {
            metrics.put("trials_reused", (double) trialsReused);
        }
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

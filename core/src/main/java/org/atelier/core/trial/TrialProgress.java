package org.atelier.core.trial;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One line per finished trial, with the failures so far and an estimate of the time left: {@code
 * trial 3/12 done: minibatch-lr-0.1-seed-42 (val loss 0.4123, 12.3 s), ETA 1m40s}, or once a trial
 * failed {@code trial 4/12 done: … (…), 1 failed, ETA 1m35s}. The estimate is the wall time so
 * far per unit of finished work times the work left, so it accounts for trials running side by
 * side; the unit is a trial's planned epochs when the trials are known ({@link #of}), so that a
 * batch of long final trials and short ablation trials is not estimated as if all were long
 * (fmssvrc-mlp's first line said 1h54m for a run that took 25 minutes when every trial counted
 * the same), and one trial otherwise. Thread-safe: executors report from several threads.
 */
public final class TrialProgress {

    private final PrintStream out;
    private final int total;
    private final Consumer<TrialResult> onFinished;
    private final Map<String, Integer> work;
    private final long start = System.nanoTime();
    private int done;
    private int failed;
    private double workDone;
    private double workLeft;

    /**
     * Creates the progress of a list of trials; the clock starts now.
     *
     * @param out where lines go, or null for none
     * @param total how many trials the list has
     */
    public TrialProgress(PrintStream out, int total) {
        this(out, total, result -> { });
    }

    /**
     * Creates the progress of a list of trials that also hands each finished result on (the
     * {@link TrialRunner} keeps it for a resumed run) before its line is printed.
     *
     * @param out where lines go, or null for none
     * @param total how many trials the list has
     * @param onFinished told of each finished trial, under this progress's lock
     */
    public TrialProgress(PrintStream out, int total, Consumer<TrialResult> onFinished) {
        this(out, total, Map.of(), onFinished);
    }

    private TrialProgress(PrintStream out, int total, Map<String, Integer> work, Consumer<TrialResult> onFinished) {
        this.out = out;
        this.total = total;
        this.onFinished = onFinished;
        this.work = work;
        this.workLeft = work.isEmpty() ? total : work.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Creates the progress of these trials, each weighted by its planned epochs in the estimate.
     *
     * @param out where lines go, or null for none
     * @param trials the trials, with unique ids
     * @param onFinished told of each finished trial, under this progress's lock
     * @return the progress
     */
    public static TrialProgress of(PrintStream out, List<TrialSpec> trials, Consumer<TrialResult> onFinished) {
        Map<String, Integer> epochs = new HashMap<>();
        trials.forEach(spec -> epochs.put(spec.id(), spec.fit().maxEpochs()));
        return new TrialProgress(out, trials.size(), epochs, onFinished);
    }

    /** Progress that prints nothing. */
    public static TrialProgress silent(int total) {
        return new TrialProgress(null, total);
    }

    /**
     * Reports a finished trial.
     *
     * @param result its result
     */
    public synchronized void finished(TrialResult result) {
        onFinished.accept(result);
        done++;
        failed += result.succeeded() ? 0 : 1;
        double share = work.isEmpty() ? 1 : work.getOrDefault(result.id(), 1);
        workDone += share;
        workLeft = Math.max(0, workLeft - share);
        if (out != null) {
            out.println(line(result, done, failed, total, (System.nanoTime() - start) / 1e9, workDone, workLeft));
            out.flush();
        }
    }

    /** The estimate's factor: the work left per unit of work done (the ETA is this times the seconds so far). */
    synchronized double timeLeftPerTimeSoFar() {
        return workLeft / workDone;
    }

    /** How many trials finished so far. */
    public synchronized int done() {
        return done;
    }

    /** The line of the {@code done}-th finished trial, {@code failed} of them failed, after {@code elapsed} seconds. */
    static String line(TrialResult result, int done, int failed, int total, double elapsed) {
        return line(result, done, failed, total, elapsed, done, total - done);
    }

    /**
     * The line of the {@code done}-th finished trial when {@code workDone} units of work took
     * {@code elapsed} seconds and {@code workLeft} remain.
     */
    static String line(TrialResult result, int done, int failed, int total, double elapsed, double workDone,
            double workLeft) {
        String outcome = result.succeeded()
                ? String.format(Locale.ROOT, "done: %s (%s, %.1f s)", result.id(), score(result), result.seconds())
                : String.format(Locale.ROOT, "FAILED: %s (%s, %.1f s)", result.id(), result.error(), result.seconds());
        String time = done < total ? "ETA " + duration(elapsed / workDone * workLeft) : "all done in " + duration(elapsed);
        String failures = failed > 0 ? failed + " failed, " : "";
        return String.format(Locale.ROOT, "trial %d/%d %s, %s%s", done, total, outcome, failures, time);
    }

    /** The validation loss, or for a trial without validation data its last training loss. */
    private static String score(TrialResult result) {
        Double validation = result.metrics().get("val_loss");
        if (validation != null && !validation.isNaN()) {
            return String.format(Locale.ROOT, "val loss %.4f", validation);
        }
        Double training = result.metrics().get("train_loss");
        return training == null || training.isNaN() ? "no loss recorded"
                : String.format(Locale.ROOT, "train loss %.4f", training);
    }

    /** {@code 45s}, {@code 1m40s} or {@code 2h05m}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}

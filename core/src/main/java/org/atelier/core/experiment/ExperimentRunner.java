package org.atelier.core.experiment;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.OptionalDouble;
import org.atelier.core.AtelierException;
import org.atelier.core.data.DataLocator;
import org.atelier.core.engine.Backend;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunEnd;
import org.atelier.core.report.StagedRun;
import org.atelier.core.report.Summary;
import org.atelier.core.trial.TrialExecutor;
import org.atelier.core.trial.TrialExecutors;
import org.atelier.core.trial.TrialRunner;

/**
 * Runs an experiment the way {@code ./atelier run} does: resolves its parameters and backend,
 * seeds the engine, creates the run directory, runs it, measures duration and peak resident
 * memory, and writes {@code summary.json} (also when the experiment fails).
 *
 * <p>Two steps, so that callers can tell bad input from a failing run: {@link #prepare} checks
 * everything the user gave and only then creates the staging directory the run is built in
 * ({@link StagedRun}); {@link #execute} runs, and moves the run into place when it ends. {@link
 * #run} does both.
 *
 * <p>While a run executes, a JVM shutdown hook watches for SIGINT and SIGTERM: it prints one line,
 * lets a file write under way complete, records {@code status: interrupted} with the trials and
 * epochs done in {@code summary.json}, and moves the run into place, where {@code --resume}
 * continues it.
 */
public final class ExperimentRunner {

    /** The metric that holds the process's peak resident memory in MiB (Linux only). */
    public static final String PEAK_RSS_METRIC = "peak_rss_mb";

    /** The {@code params} entry of summary.json that records the trial executor ({@code --executor}). */
    public static final String EXECUTOR_PARAM = "executor";

    /** The {@code params} entry of summary.json that records how many trials ran at once ({@code --parallel}). */
    public static final String PARALLEL_PARAM = "parallel";

    /** The {@code params} entry of summary.json that records the cluster's master ({@code --master}), when given. */
    public static final String MASTER_PARAM = "master";

    private final Experiment experiment;
    private final RunOptions options;
    private final Params params;
    private final Backend backend;
    private final StagedRun staged;
    private final RunDirectory runDirectory;
    private final TrialExecutor trialExecutor;
    private final String executorAnnouncement;
    private boolean executed;
    private volatile ExperimentContext context;
    private volatile Instant started;
    private volatile long startNanos;

    private ExperimentRunner(Experiment experiment, RunOptions options, Params params, Backend backend,
            StagedRun staged, RunDirectory runDirectory, TrialExecutor trialExecutor, String executorAnnouncement) {
        this.experiment = experiment;
        this.options = options;
        this.params = params;
        this.backend = backend;
        this.staged = staged;
        this.runDirectory = runDirectory;
        this.trialExecutor = trialExecutor;
        this.executorAnnouncement = executorAnnouncement;
    }

    /**
     * Checks the options against the experiment and creates the run directory; runs nothing.
     *
     * @param experiment the experiment
     * @param options engine, device, seed, smoke, overrides, output directory
     * @return the runner, ready to {@link #execute}
     * @throws AtelierException for an unknown or invalid parameter, an unavailable engine or
     *     device, an unknown trial executor or parallelism, a data directory that is empty or a
     *     file, a missing file of a dataset the experiment {@linkplain Experiment#datasets reads}, or an output directory that cannot be used ({@link StagedRun#at}); nothing is
     *     created then
     */
    public static ExperimentRunner prepare(Experiment experiment, RunOptions options) {
        Params params = Params.resolve(experiment, options.smoke(), options.overrides());
        if (params.asMap().containsKey(EXECUTOR_PARAM) || params.asMap().containsKey(PARALLEL_PARAM)) {
            // summary.json records the run options under these names, next to the parameters
            throw new IllegalStateException("experiment " + experiment.name() + " declares a parameter named "
                    + EXECUTOR_PARAM + " or " + PARALLEL_PARAM + ", which are run options; rename it");
        }
        Backend backend = Backend.resolve(options.engine(), options.device());
        TrialExecutors.Choice executorChoice = TrialExecutors.choose(options.executor(), options.parallel(), options.smoke(),
                backend.device().isGpu(), Runtime.getRuntime().availableProcessors());
        TrialExecutor trialExecutor = executorChoice.create(options.master());
        checkDataDir(options.dataDir());
        DataLocator data = DataLocator.resolve(options.dataDir());
        experiment.datasets().forEach(data::requirePresent);
        StagedRun staged = stage(experiment, options);
        // Everything the user gave is checked; only now is a directory created.
        return new ExperimentRunner(experiment, options, params, backend, staged, staged.begin(), trialExecutor,
                executorChoice.announcement());
    }

    private static StagedRun stage(Experiment experiment, RunOptions options) {
        if (options.resume() && options.force()) {
            throw new AtelierException("--resume continues a run and --force replaces it; give one of them");
        }
        if (options.out() == null) {
            if (options.resume()) {
                throw new AtelierException("--resume needs --out DIR, the directory of the run to continue");
            }
            return StagedRun.under(options.runsRoot().resolve(experiment.name()), LocalDateTime.now());
        }
        StagedRun.Mode mode = options.resume() ? StagedRun.Mode.RESUME
                : options.force() ? StagedRun.Mode.FORCE : StagedRun.Mode.NEW;
        StagedRun staged = StagedRun.at(options.out(), mode);
        if (mode == StagedRun.Mode.RESUME && staged.previous().isPresent()
                && !staged.previous().orElseThrow().experiment().equals(experiment.name())) {
            throw new AtelierException("--resume: " + options.out() + " holds a run of "
                    + staged.previous().orElseThrow().experiment() + ", not of " + experiment.name()
                    + "; resume it with ./atelier run " + staged.previous().orElseThrow().experiment() + " --out "
                    + options.out() + " --resume");
        }
        return staged;
    }

    /** An explicit data directory must be a directory, or not exist yet (an experiment may need no data). */
    private static void checkDataDir(Path dataDir) {
        if (dataDir == null) {
            return;
        }
        if (dataDir.toString().isBlank()) {
            throw new AtelierException("--data-dir is empty; name the directory that holds fashion-mnist/, mnist/"
                    + " and wine/, or leave the option out");
        }
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new AtelierException("--data-dir " + dataDir + " is a file, not a directory; name the directory"
                    + " that holds fashion-mnist/, mnist/ and wine/ (data/fetch --dir DIR fills one)");
        }
    }

    /**
     * Prepares and executes a run.
     *
     * @param experiment the experiment
     * @param options how to run it
     * @return the summary written to the run directory
     */
    public static Summary run(Experiment experiment, RunOptions options) {
        return prepare(experiment, options).execute();
    }

    /** The effective parameters. */
    public Params params() {
        return params;
    }

    /** The engine and device. */
    public Backend backend() {
        return backend;
    }

    /**
     * The directory the run writes into while it is under way: a staging directory next to
     * {@link #location()}.
     */
    public RunDirectory runDirectory() {
        return runDirectory;
    }

    /**
     * Where the run is once it ended (before that, where it will be): the {@code --out} directory or
     * {@code runs/NAME/<yyyyMMdd-HHmmss>}, or, for a failed or interrupted {@code --force} run over
     * an old one, the record of the attempt beside it ({@link StagedRun}).
     *
     * @return the directory
     */
    public Path location() {
        return staged.target();
    }

    /**
     * Runs the experiment once and writes {@code summary.json}.
     *
     * @return the summary of the successful run
     * @throws RuntimeException whatever the experiment threw (checked exceptions wrapped, I/O ones
     *     in {@link UncheckedIOException}; errors such as {@link OutOfMemoryError} are rethrown as
     *     they are), after {@code summary.json} recorded it as failed
     */
    public Summary execute() {
        if (executed) {
            throw new IllegalStateException("this run of " + experiment.name() + " was already executed");
        }
        executed = true;
        backend.seed(options.seed());
        started = Instant.now();
        startNanos = System.nanoTime();
        RunEnd end = RunEnd.watch(this::recordInterruption);
        Throwable failure = null;
        try (NDManager manager = backend.newManager()) {
            DataLocator data = DataLocator.resolve(options.dataDir());
            TrialRunner trials = new TrialRunner(trialExecutor,
                    ExperimentContext.trialEnvironment(backend, data, runDirectory), options.progress(),
                    executorAnnouncement);
            context = new ExperimentContext(experiment, backend, manager, options.seed(), options.smoke(), params,
                    data, runDirectory, options.progress(), trials);
            failure = runCatching(context);
        } catch (RuntimeException | Error e) {
            // the manager failed to open or close: recorded like a failure of the experiment
            failure = failure == null ? e : failure;
        }
        end.claim();
        Summary summary = summarize(failure == null ? Summary.Status.SUCCEEDED : Summary.Status.FAILED,
                failure == null ? null : failureMessage(failure));
        try {
            summary.write(runDirectory);
            staged.finish(summary.status());
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        return summary;
    }

    /** The shutdown hook: records an interrupted run and moves it into place. */
    private void recordInterruption() {
        ExperimentContext current = context;
        String error = "interrupted (the process was stopped by a signal) after "
                + (System.nanoTime() - startNanos) / 1_000_000_000 + " s";
        try {
            runDirectory.seal(() -> summarize(Summary.Status.INTERRUPTED, error).write(runDirectory));
            Path place = staged.finish(Summary.Status.INTERRUPTED);
            Map<String, Double> done = current == null ? Map.of() : current.trials().progressMetrics();
            options.progress().println("atelier: interrupted; " + experiment.name() + " recorded as interrupted with "
                    + done.getOrDefault("trials_done", 0.0).intValue() + " trials ("
                    + done.getOrDefault("epochs_done", 0.0).intValue() + " epochs) done in " + place
                    + "; continue it with: ./atelier run " + experiment.name() + " --out " + place + " --resume");
        } catch (RuntimeException e) {
            options.progress().println("atelier: interrupted; could not record the run ("
                    + failureMessage(e) + "); its files are in " + runDirectory.root());
        }
        options.progress().flush();
    }

    /** Runs the experiment; returns what it threw (unchecked: as is; checked: wrapped), or null. */
    private Throwable runCatching(ExperimentContext context) {
        try {
            experiment.run(context);
            return null;
        } catch (RuntimeException | Error e) {
            // Errors too: after an OutOfMemoryError the heap is free again and the summary says what happened.
            return e;
        } catch (IOException e) {
            return new UncheckedIOException(e);
        } catch (Exception e) {
            return new IllegalStateException(e.toString(), e);
        } finally {
            // A cluster connection ends with the experiment; the summary is written after it.
            trialExecutor.close();
        }
    }

    /** The summary of the run so far; safe to call from the shutdown hook while the run's thread still records. */
    private Summary summarize(Summary.Status status, String error) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> metrics = new LinkedHashMap<>();
        ExperimentContext current = context;
        if (current != null) {
            metrics.putAll(copyOf(current.metrics()));
            peakResidentMegabytes().ifPresent(mb -> metrics.put(PEAK_RSS_METRIC, mb));
            metrics.putAll(current.trials().metrics());
            if (status != Summary.Status.SUCCEEDED) {
                metrics.putAll(current.trials().progressMetrics());
            }
        }
        return new Summary(experiment.name(), backend.engineName(), backend.engineVersion(), backend.deviceSpec(),
                options.seed(), options.smoke(), started, seconds, status, error,
                recordedParams(), metrics, runDirectory.artifacts());
    }

    /** A copy of a map the run's thread may be adding to (only the shutdown hook reads it concurrently). */
    private static Map<String, Double> copyOf(Map<String, Double> metrics) {
        for (int attempt = 0; ; attempt++) {
            try {
                return new LinkedHashMap<>(metrics);
            } catch (ConcurrentModificationException e) {
                if (attempt == 10) {
                    return Map.of();
                }
            }
        }
    }

    /** Every effective setting for summary.json: the experiment's parameters, then the trial executor's. */
    private Map<String, Object> recordedParams() {
        Map<String, Object> recorded = new LinkedHashMap<>(params.asMap());
        recorded.put(EXECUTOR_PARAM, trialExecutor.name());
        recorded.put(PARALLEL_PARAM, trialExecutor.parallel());
        if (options.master() != null) {
            recorded.put(MASTER_PARAM, options.master());
        }
        return recorded;
    }

    /**
     * The one line a failure is recorded and reported with: the message of the exception, or of
     * the first cause that has one, or else the exception's class name.
     *
     * @param failure what an experiment threw
     * @return the message
     */
    public static String failureMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getName();
    }

    /**
     * This process's peak resident memory so far ({@code VmHWM} in {@code /proc/self/status}).
     *
     * @return MiB, or empty where the kernel does not report it (non-Linux systems)
     */
    public static OptionalDouble peakResidentMegabytes() {
        Path status = Path.of("/proc/self/status");
        try {
            List<String> lines = Files.isReadable(status) ? Files.readAllLines(status) : List.of();
            for (String line : lines) {
                if (line.startsWith("VmHWM:")) {
                    // "VmHWM:   123456 kB"
                    long kib = Long.parseLong(line.substring(6).replace("kB", "").trim());
                    return OptionalDouble.of(kib / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // An unreadable or unexpected status file means "not measured", not a failed run.
        }
        return OptionalDouble.empty();
    }
}

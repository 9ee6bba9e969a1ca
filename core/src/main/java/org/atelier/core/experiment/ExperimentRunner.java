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
import java.util.Map;
import java.util.OptionalDouble;
import org.atelier.core.AtelierException;
import org.atelier.core.data.DataLocator;
import org.atelier.core.engine.Backend;
import org.atelier.core.report.RunDirectory;
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
 * everything the user gave and creates the run directory; {@link #execute} runs. {@link #run}
 * does both.
 */
public final class ExperimentRunner {

    /** The metric that holds the process's peak resident memory in MiB (Linux only). */
    public static final String PEAK_RSS_METRIC = "peak_rss_mb";

    /** The {@code params} entry of summary.json that records the trial executor ({@code --executor}). */
    public static final String EXECUTOR_PARAM = "executor";

    /** The {@code params} entry of summary.json that records how many trials ran at once ({@code --parallel}). */
    public static final String PARALLEL_PARAM = "parallel";

    private final Experiment experiment;
    private final RunOptions options;
    private final Params params;
    private final Backend backend;
    private final RunDirectory runDirectory;
    private final TrialExecutor trialExecutor;
    private boolean executed;

    private ExperimentRunner(Experiment experiment, RunOptions options, Params params, Backend backend,
            RunDirectory runDirectory, TrialExecutor trialExecutor) {
        this.experiment = experiment;
        this.options = options;
        this.params = params;
        this.backend = backend;
        this.runDirectory = runDirectory;
        this.trialExecutor = trialExecutor;
    }

    /**
     * Checks the options against the experiment and creates the run directory; runs nothing.
     *
     * @param experiment the experiment
     * @param options engine, device, seed, smoke, overrides, output directory
     * @return the runner, ready to {@link #execute}
     * @throws AtelierException for an unknown or invalid parameter, an unavailable engine or
     *     device, an unknown trial executor or parallelism, or an output directory that already
     *     holds a run
     */
    public static ExperimentRunner prepare(Experiment experiment, RunOptions options) {
        Params params = Params.resolve(experiment, options.smoke(), options.overrides());
        if (params.asMap().containsKey(EXECUTOR_PARAM) || params.asMap().containsKey(PARALLEL_PARAM)) {
            // summary.json records the run options under these names, next to the parameters
            throw new IllegalStateException("experiment " + experiment.name() + " declares a parameter named "
                    + EXECUTOR_PARAM + " or " + PARALLEL_PARAM + ", which are run options; rename it");
        }
        Backend backend = Backend.resolve(options.engine(), options.device());
        TrialExecutor trialExecutor = TrialExecutors.create(options.executor(), options.parallel());
        RunDirectory dir = options.out() != null
                ? RunDirectory.createAt(options.out(), options.force())
                : RunDirectory.createUnder(options.runsRoot().resolve(experiment.name()), LocalDateTime.now());
        return new ExperimentRunner(experiment, options, params, backend, dir, trialExecutor);
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

    /** The run directory. */
    public RunDirectory runDirectory() {
        return runDirectory;
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
        Instant started = Instant.now();
        long start = System.nanoTime();
        ExperimentContext context;
        Throwable failure = null;
        try (NDManager manager = backend.newManager()) {
            DataLocator data = DataLocator.resolve(options.dataDir());
            TrialRunner trials = new TrialRunner(trialExecutor,
                    ExperimentContext.trialEnvironment(backend, data, runDirectory), options.progress());
            context = new ExperimentContext(experiment, backend, manager, options.seed(), options.smoke(), params,
                    data, runDirectory, options.progress(), trials);
            failure = runCatching(context);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Summary summary = summarize(context, started, seconds, failure);
        try {
            summary.write(runDirectory);
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
        }
    }

    private Summary summarize(ExperimentContext context, Instant started, double seconds, Throwable failure) {
        peakResidentMegabytes().ifPresent(mb -> context.metric(PEAK_RSS_METRIC, mb));
        context.trials().metrics().forEach(context::metric);
        return new Summary(experiment.name(), backend.engineName(), backend.engineVersion(), backend.deviceSpec(),
                options.seed(), options.smoke(), started, seconds,
                failure == null ? Summary.Status.SUCCEEDED : Summary.Status.FAILED,
                failure == null ? null : failureMessage(failure),
                recordedParams(), context.metrics(), runDirectory.artifacts());
    }

    /** Every effective setting for summary.json: the experiment's parameters, then the trial executor's. */
    private Map<String, Object> recordedParams() {
        Map<String, Object> recorded = new LinkedHashMap<>(params.asMap());
        recorded.put(EXECUTOR_PARAM, trialExecutor.name());
        recorded.put(PARALLEL_PARAM, trialExecutor.parallel());
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

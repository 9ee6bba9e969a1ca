package org.atelier.core.experiment;

import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.atelier.core.data.DataLocator;
import org.atelier.core.engine.Backend;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.trial.InProcessTrialExecutor;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an experiment's {@link Experiment#run} gets: the backend and a root manager, the seed,
 * the effective parameters, where the datasets are, the run directory, a metrics sink, where to
 * report progress, and the executor its independent trials run on. {@link ExperimentRunner} builds
 * it; the manager is closed by the runner.
 */
public final class ExperimentContext {

    /** The sub-directory of the run directory that trials save their {@code .params} files into. */
    public static final String TRIALS_DIRECTORY = "trials";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");

    private final Backend backend;
    private final NDManager manager;
    private final int seed;
    private final boolean smoke;
    private final Params params;
    private final DataLocator data;
    private final RunDirectory runDirectory;
    private final PrintStream progress;
    private final Logger logger;
    private final TrialRunner trials;
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    /**
     * Creates a context whose trials run one after another in this JVM.
     *
     * @param experiment the experiment, which names the logger
     * @param backend the engine and device
     * @param manager the root manager arrays are created on; the creator closes it
     * @param seed the random seed the engine was seeded with
     * @param smoke whether this is a smoke run (a tiny slice, one or two epochs)
     * @param params the effective parameter values
     * @param data where the datasets are ({@link DataLocator#resolve})
     * @param runDirectory where outputs go
     * @param progress where progress lines go (stderr from the CLI)
     */
    public ExperimentContext(Experiment experiment, Backend backend, NDManager manager, int seed, boolean smoke,
            Params params, DataLocator data, RunDirectory runDirectory, PrintStream progress) {
        this(experiment, backend, manager, seed, smoke, params, data, runDirectory, progress,
                new TrialRunner(new InProcessTrialExecutor(), trialEnvironment(backend, data, runDirectory), progress));
    }

    /**
     * Creates a context; normally {@link ExperimentRunner} does this.
     *
     * @param experiment the experiment, which names the logger
     * @param backend the engine and device
     * @param manager the root manager arrays are created on; the creator closes it
     * @param seed the random seed the engine was seeded with
     * @param smoke whether this is a smoke run (a tiny slice, one or two epochs)
     * @param params the effective parameter values
     * @param data where the datasets are ({@link DataLocator#resolve})
     * @param runDirectory where outputs go
     * @param progress where progress lines go (stderr from the CLI)
     * @param trials the executor, environment and progress of the run's trials
     */
    public ExperimentContext(Experiment experiment, Backend backend, NDManager manager, int seed, boolean smoke,
            Params params, DataLocator data, RunDirectory runDirectory, PrintStream progress, TrialRunner trials) {
        this.backend = backend;
        this.manager = manager;
        this.seed = seed;
        this.smoke = smoke;
        this.params = params;
        this.data = data;
        this.runDirectory = runDirectory;
        this.progress = progress;
        this.logger = LoggerFactory.getLogger("org.atelier.experiment." + experiment.name());
        this.trials = trials;
    }

    /**
     * The environment of a run's trials: its backend and data, {@code .params} files into {@value
     * #TRIALS_DIRECTORY}/ in the run directory.
     *
     * @param backend the engine and device
     * @param data where the datasets are
     * @param runDirectory the run directory
     * @return the environment
     */
    public static TrialEnvironment trialEnvironment(Backend backend, DataLocator data, RunDirectory runDirectory) {
        return TrialEnvironment.of(backend, data, runDirectory.root().resolve(TRIALS_DIRECTORY));
    }

    /** The engine and device of this run. */
    public Backend backend() {
        return backend;
    }

    /** The root manager; create sub-managers from it in loops. */
    public NDManager manager() {
        return manager;
    }

    /** The random seed; DJL's engine and {@code RandomUtils} are already seeded with it. */
    public int seed() {
        return seed;
    }

    /** Whether this is a smoke run: the same code path on a tiny slice. */
    public boolean smoke() {
        return smoke;
    }

    /** The effective parameter values. */
    public Params params() {
        return params;
    }

    /**
     * Where the datasets are: --data-dir, else ATELIER_DATA, else ./data, else ~/.atelier/data;
     * pass it to {@code Datasets.fashionMnist(context.data(), …)}.
     */
    public DataLocator data() {
        return data;
    }

    /** The run directory outputs are written to. */
    public RunDirectory runDirectory() {
        return runDirectory;
    }

    /** Where progress lines go (a terminal's stderr from the CLI). */
    public PrintStream progress() {
        return progress;
    }

    /**
     * Where the run's independent trials (seeds, sweep points, search trials) run: the executor of
     * {@code --executor} and {@code --parallel}, in this run's environment (engine, device, data;
     * {@code .params} files go to {@value #TRIALS_DIRECTORY}/ in the run directory, which the
     * experiment registers as artifacts where it keeps them). Submit with {@code
     * context.trials().run(specs)}; one progress line per finished trial goes to {@link #progress()}.
     *
     * @return the trial runner
     */
    public TrialRunner trials() {
        return trials;
    }

    /** A logger named after the experiment. */
    public Logger logger() {
        return logger;
    }

    /**
     * Records a metric for summary.json; recording a name again replaces its value but keeps its
     * position.
     *
     * @param name a snake_case name, e.g. {@code test_accuracy}
     * @param value the number
     * @throws IllegalArgumentException if the name is not snake_case
     */
    public void metric(String name, double value) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name + "' is not snake_case");
        }
        metrics.put(name, value);
    }

    /** The metrics recorded so far, in recording order. */
    public Map<String, Double> metrics() {
        return Collections.unmodifiableMap(metrics);
    }
}

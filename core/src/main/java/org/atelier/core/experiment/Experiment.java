package org.atelier.core.experiment;

import java.util.List;
import org.atelier.core.report.RunFile;

/**
 * One runnable study step, discovered with {@link java.util.ServiceLoader} and run by name:
 * {@code ./atelier run NAME}.
 *
 * <p>A plugin jar lists its implementations in {@code
 * META-INF/services/org.atelier.core.experiment.Experiment}; each needs a public no-argument
 * constructor. The runner resolves the parameters, seeds the engine, creates the run directory and
 * writes {@code summary.json}; {@link #run} only computes and records (see docs/plugins.md).
 */
public interface Experiment {

    /** The name users type, in kebab-case (e.g. {@code hidden-layer-sweep}); part of the contract. */
    String name();

    /** One line for {@code ./atelier list}: what the experiment shows. */
    String description();

    /** The study it belongs to, e.g. {@code data} or {@code 1 — softmax and one hidden layer}. */
    String study();

    /** Several lines for {@code ./atelier describe}: the question it answers and how. */
    String details();

    /** The parameters {@code --set key=value} may override, in the order {@code describe} lists them. */
    List<Param<?>> parameters();

    /**
     * The files it writes into the run directory, besides {@code summary.json}. Declare each
     * {@link RunFile} once (a constant, or a record per variant) and write it with the same value
     * ({@code runDirectory().save(LOSS, chart)}), so that its name is spelled in one place.
     */
    List<RunFile> outputs();

    /**
     * The datasets {@link #run} reads ({@code fashion-mnist}, {@code mnist}, {@code wine}): the
     * runner checks that their files are present before it creates the run directory, so missing
     * data is refused like any other bad input. None by default.
     */
    default List<String> datasets() {
        return List.of();
    }

    /**
     * Runs the experiment: computes, records metrics with {@link ExperimentContext#metric} and
     * writes its outputs through {@link ExperimentContext#runDirectory()}.
     *
     * @param context the backend, parameters, data location and run directory of this run
     * @throws Exception any failure; the runner records it in {@code summary.json} and rethrows it
     */
    void run(ExperimentContext context) throws Exception;
}

package org.atelier.core.trial;

import java.util.List;

/**
 * Runs a list of independent trials somewhere and returns their results in the order of the
 * specs: the seam between what a study computes and where. The core has {@link
 * InProcessTrialExecutor} (one after another in this JVM, the default) and {@link
 * ChildJvmTrialExecutor} (child JVMs side by side); an executor that sends trials to a cluster
 * implements this interface too, and is offered by name through a {@link TrialExecutorFactory}.
 *
 * <p>Contract: every spec gets exactly one result, in spec order; a trial that fails (an
 * exception, a crashed worker) is a failed {@link TrialResult}, not an exception, and the other
 * trials still run; {@link TrialProgress#finished} is called once per trial as it finishes; the
 * ids of the specs are unique ({@link Trials#requireUniqueIds}); a trial runs {@link Trials#run}
 * with an environment equal to the given one, so its numbers are those it gets in process.
 */
public interface TrialExecutor extends AutoCloseable {

    /**
     * Runs the trials.
     *
     * @param trials the trials, with unique ids
     * @param environment the engine, device, data and output directory
     * @param progress told of each finished trial
     * @return one result per trial, in the order of {@code trials}
     * @throws IllegalArgumentException if two trials share an id
     */
    List<TrialResult> run(List<TrialSpec> trials, TrialEnvironment environment, TrialProgress progress);

    /** The executor's name as {@code --executor} takes it, e.g. {@code local}. */
    String name();

    /** How many trials run at once. */
    int parallel();

    /**
     * Releases what the executor holds between {@link #run} calls (a cluster connection); the run
     * that created it calls this once its experiment ended. Nothing by default.
     */
    @Override
    default void close() {}
}

package org.atelier.core.trial;

import org.atelier.core.AtelierException;

/**
 * Offers a {@link TrialExecutor} by name, as {@code --executor NAME} selects it. The core offers
 * {@code local} and {@code jvm}; a module that runs trials elsewhere (a cluster) offers its own by
 * listing its factory in {@code META-INF/services/org.atelier.core.trial.TrialExecutorFactory},
 * so the core never depends on it.
 */
public interface TrialExecutorFactory {

    /** The name, e.g. {@code jvm}. */
    String name();

    /** One line for help texts, e.g. "child JVMs side by side". */
    String description();

    /**
     * Creates the executor.
     *
     * @param parallel how many trials may run at once, at least 1
     * @return the executor
     * @throws AtelierException if this executor cannot run {@code parallel} trials at once
     */
    TrialExecutor create(int parallel);

    /**
     * Creates the executor for a cluster's master ({@code --master URL}). Executors that run trials
     * on this machine take none.
     *
     * @param parallel how many trials may run at once, at least 1
     * @param master the cluster's address, e.g. {@code spark://host:7077}, or null for none
     * @return the executor
     * @throws AtelierException if this executor takes no master, or cannot use this one
     */
    default TrialExecutor create(int parallel, String master) {
        if (master != null) {
            throw new AtelierException("--master is for an executor that runs trials on a cluster (--executor spark);"
                    + " the " + name() + " executor runs them on this machine: leave --master out");
        }
        return create(parallel);
    }
}

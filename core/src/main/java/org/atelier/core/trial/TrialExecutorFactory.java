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
}

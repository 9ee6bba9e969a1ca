package org.atelier.core.trial;

import ai.djl.training.initializer.Initializer;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A plugin's named parts for trials, found with {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/org.atelier.core.trial.TrialComponents}. Because a
 * trial names its parts rather than holding them, a child JVM or a cluster node builds the same
 * model and data from the same names; the plugin's jar must be on its class path too (child JVMs
 * inherit this JVM's class path). Every method defaults to registering nothing; a name may be
 * registered only once across the core and all plugins.
 */
public interface TrialComponents {

    /** Model factories by name, e.g. {@code mlp}. */
    default Map<String, ModelFactory> models() {
        return Map.of();
    }

    /** Data recipes by name, e.g. {@code fashion-mnist}. */
    default Map<String, DataRecipe> data() {
        return Map.of();
    }

    /** Weight initializers by name, e.g. {@code normal-fan-in}; each call of a supplier gives a fresh one. */
    default Map<String, Supplier<Initializer>> initializers() {
        return Map.of();
    }

    /** Batch transforms (augmentations) by name, e.g. {@code flip-horizontal}. */
    default Map<String, TransformFactory> transforms() {
        return Map.of();
    }
}

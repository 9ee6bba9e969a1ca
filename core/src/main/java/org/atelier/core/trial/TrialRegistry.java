package org.atelier.core.trial;

import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.atelier.core.AtelierException;

/**
 * The named parts trials are built from: the core's ({@code softmax}, {@code mlp}, {@code cnn},
 * {@code fashion-mnist}, {@code mnist}, {@code normal-fan-in}, {@code xavier}) and those of every
 * {@link TrialComponents} plugin that {@link ServiceLoader} finds on the class path. Loaded once
 * per process ({@link #instance()}).
 */
public final class TrialRegistry {

    private final Map<String, ModelFactory> models;
    private final Map<String, DataRecipe> data;
    private final Map<String, Supplier<Initializer>> initializers;
    private final Map<String, TransformFactory> transforms;

    private TrialRegistry(List<TrialComponents> components) {
        models = collect(components, TrialComponents::models, "model factory");
        data = collect(components, TrialComponents::data, "data recipe");
        initializers = collect(components, TrialComponents::initializers, "initializer");
        transforms = collect(components, TrialComponents::transforms, "batch transform");
    }

    /** Holds the registry, loaded on first use (thread-safe by class initialization). */
    private static final class Holder {
        static final TrialRegistry INSTANCE = load();
    }

    /**
     * The registry of this process: the core's parts and the plugins' on the context class path
     * when it was first asked for.
     *
     * @return the registry
     * @throws AtelierException if a plugin is broken or two register the same name
     */
    public static TrialRegistry instance() {
        return Holder.INSTANCE;
    }

    /**
     * A registry of the core's parts and the given ones (for tests and embedding programs; trials
     * run by {@link Trials} use {@link #instance()}).
     *
     * @param plugins more parts
     * @return the registry
     */
    public static TrialRegistry of(List<? extends TrialComponents> plugins) {
        List<TrialComponents> all = new ArrayList<>();
        all.add(new CoreTrialComponents());
        all.addAll(plugins);
        return new TrialRegistry(all);
    }

    private static TrialRegistry load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return of(ServiceLoader.load(TrialComponents.class, loader).stream().map(ServiceLoader.Provider::get)
                    .toList());
        } catch (ServiceConfigurationError e) {
            throw new AtelierException("a trial-components plugin on the class path is broken (" + e.getMessage()
                    + "); fix its jar or remove it from ATELIER_CLASSPATH", e);
        }
    }

    private static <T> Map<String, T> collect(List<TrialComponents> components,
            Function<TrialComponents, Map<String, T>> part, String kind) {
        Map<String, T> byName = new TreeMap<>();
        Map<String, String> owner = new TreeMap<>();
        for (TrialComponents c : components) {
            part.apply(c).forEach((name, value) -> {
                String previous = owner.put(name, c.getClass().getName());
                if (previous != null) {
                    throw new AtelierException("two plugins register the " + kind + " '" + name + "': " + previous
                            + " and " + c.getClass().getName() + "; remove one of their jars or rename one");
                }
                byName.put(name, value);
            });
        }
        return byName;
    }

    /** The model factory of that name. */
    public ModelFactory model(String name) {
        return find(models, name, "model factory");
    }

    /** The data recipe of that name. */
    public DataRecipe data(String name) {
        return find(data, name, "data recipe");
    }

    /** The initializer of that name. */
    public Supplier<Initializer> initializer(String name) {
        return find(initializers, name, "initializer");
    }

    /** The batch transform of that name. */
    public TransformFactory transform(String name) {
        return find(transforms, name, "batch transform");
    }

    /** The registered names of each kind ({@code models, data, initializers, transforms}), sorted. */
    public Map<String, List<String>> names() {
        return Map.of("models", List.copyOf(models.keySet()), "data", List.copyOf(data.keySet()),
                "initializers", List.copyOf(initializers.keySet()), "transforms", List.copyOf(transforms.keySet()));
    }

    private static <T> T find(Map<String, T> byName, String name, String kind) {
        T found = byName.get(name);
        if (found == null) {
            String choices = byName.isEmpty() ? "none is registered" : "choices: " + String.join(", ", byName.keySet());
            throw new AtelierException("unknown " + kind + " '" + name + "'; " + choices);
        }
        return found;
    }
}

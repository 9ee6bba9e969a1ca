package org.atelier.core.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import org.atelier.core.AtelierException;

/** The trial executors by name: the core's {@code local} and {@code jvm}, and those that plugins offer. */
public final class TrialExecutors {

    /** The executor a program's {@code RunOptions} use when none is named: one trial after another in its JVM. */
    public static final String DEFAULT = InProcessTrialExecutor.NAME;

    /**
     * The executor {@code ./atelier run} uses when none is named: not an executor of its own but a
     * choice between {@code local} and {@code jvm} by the run and the machine ({@link #choose}).
     */
    public static final String AUTO = "auto";

    /**
     * The most worker JVMs {@code auto} starts: each holds the data and the engine (about a
     * gigabyte with Fashion-MNIST and PyTorch), and each trial's batches are small enough that one
     * core per trial is where these networks train fastest (measured: one PyTorch trial with two
     * threads ran no faster than with one, 24.1 against 24.0 s per epoch).
     */
    public static final int AUTO_MAX_WORKERS = 4;

    /** The executor of the Spark module, named in the error when it is not on the class path. */
    private static final String SPARK = "spark";

    private TrialExecutors() {}

    /**
     * Creates an executor by name.
     *
     * @param name e.g. {@code local} or {@code jvm}
     * @param parallel how many trials may run at once, at least 1
     * @return the executor
     * @throws AtelierException for an unknown name or a parallelism the executor cannot do
     */
    public static TrialExecutor create(String name, int parallel) {
        return create(name, parallel, null);
    }

    /**
     * Creates an executor by name, for a cluster's master if one is given ({@code --master URL}).
     *
     * @param name e.g. {@code spark}
     * @param parallel how many trials may run at once, at least 1
     * @param master the cluster's address, or null for none
     * @return the executor
     * @throws AtelierException for an unknown name, a parallelism the executor cannot do, or a
     *     master it does not take
     */
    public static TrialExecutor create(String name, int parallel, String master) {
        if (parallel < 1) {
            throw new AtelierException("--parallel must be at least 1, got " + parallel);
        }
        TreeMap<String, TrialExecutorFactory> factories = factories();
        TrialExecutorFactory factory = factories.get(name);
        if (factory == null) {
            TreeSet<String> choices = new TreeSet<>(factories.keySet());
            choices.add(AUTO);
            throw new AtelierException("unknown trial executor '" + name + "'; choices: "
                    + String.join(", ", choices) + (name.equals(SPARK) ? "; the " + SPARK + " executor is"
                    + " a module of its own (tools/spark): ./atelier puts it and Spark on the class path for --executor "
                    + SPARK : ""));
        }
        return factory.create(parallel, master);
    }

    /**
     * The executor and parallelism a run uses: {@code name} and {@code parallel} as given, except
     * for {@link #AUTO}, which becomes
     * <ul>
     *   <li>{@code jvm} with {@code parallel} workers when {@code parallel} is given and above 1, and
     *       {@code local} when it is 1;
     *   <li>{@code local} for a {@code --smoke} run (seconds of work, less than starting workers),
     *       on a GPU (the device is the parallel part; one process keeps one CUDA context), and on a
     *       machine with one core;
     *   <li>{@code jvm} with one worker per core, at most {@value #AUTO_MAX_WORKERS}, otherwise.
     * </ul>
     * A run's independent trials (seeds, sweep points, folds) then train side by side with one
     * intra-op thread each, which on the 2-core machine nearly halves a multi-trial run (1.62×
     * measured for two trials at once).
     *
     * @param name the executor's name as given ({@code --executor})
     * @param parallel how many trials at once as given ({@code --parallel}), or null when not given: 1
     *     for a named executor
     * @param smoke whether the run is a {@code --smoke} run
     * @param gpu whether the run computes on a GPU
     * @param cores the machine's cores
     * @return the executor's name (never {@code auto}) and parallelism
     */
    public static Choice choose(String name, Integer parallel, boolean smoke, boolean gpu, int cores) {
        if (!name.equals(AUTO)) {
            return new Choice(name, parallel == null ? 1 : parallel, false);
        }
        if (parallel != null) {
            return new Choice(parallel == 1 ? InProcessTrialExecutor.NAME : ChildJvmTrialExecutor.NAME, parallel, true);
        }
        int workers = Math.min(cores, AUTO_MAX_WORKERS);
        return smoke || gpu || workers < 2 ? new Choice(InProcessTrialExecutor.NAME, 1, true)
                : new Choice(ChildJvmTrialExecutor.NAME, workers, true);
    }

    /**
     * An executor chosen for a run.
     *
     * @param name the executor's name
     * @param parallel how many trials at once
     * @param automatic whether {@code auto} chose it
     */
    public record Choice(String name, int parallel, boolean automatic) {

        /** Creates the executor, for the cluster's {@code master} if one is given ({@link TrialExecutors#create}). */
        public TrialExecutor create(String master) {
            return TrialExecutors.create(name, parallel, master);
        }

        /** How a run says what {@code auto} chose, or an empty string when the executor was named. */
        public String announcement() {
            if (!automatic || parallel == 1) {
                return "";
            }
            return "trials run in up to " + parallel + " worker JVMs side by side, one core each (--executor " + AUTO
                    + "; --executor " + InProcessTrialExecutor.NAME + " runs them one after another in this JVM)";
        }
    }

    /** The names of the available executors, sorted. */
    public static List<String> names() {
        return List.copyOf(factories().keySet());
    }

    private static TreeMap<String, TrialExecutorFactory> factories() {
        List<TrialExecutorFactory> all = new ArrayList<>(List.of(new Local(), new ChildJvms()));
        try {
            ServiceLoader.load(TrialExecutorFactory.class, Thread.currentThread().getContextClassLoader())
                    .forEach(all::add);
        } catch (ServiceConfigurationError e) {
            throw new AtelierException("a trial-executor plugin on the class path is broken (" + e.getMessage()
                    + "); fix its jar or remove it from ATELIER_CLASSPATH", e);
        }
        TreeMap<String, TrialExecutorFactory> byName = new TreeMap<>();
        for (TrialExecutorFactory factory : all) {
            if (byName.putIfAbsent(factory.name(), factory) != null) {
                throw new AtelierException("two trial executors are named '" + factory.name() + "'; remove one of"
                        + " their jars from the class path");
            }
        }
        return byName;
    }

    /** {@code local}: one trial after another in this JVM. */
    private static final class Local implements TrialExecutorFactory {
        @Override
        public String name() {
            return InProcessTrialExecutor.NAME;
        }

        @Override
        public String description() {
            return "one trial after another in this JVM";
        }

        @Override
        public TrialExecutor create(int parallel) {
            if (parallel != 1) {
                throw new AtelierException("--parallel " + parallel + " needs --executor " + ChildJvmTrialExecutor.NAME
                        + ": the " + name() + " executor runs one trial at a time");
            }
            return new InProcessTrialExecutor();
        }
    }

    /** {@code jvm}: child JVMs side by side. */
    private static final class ChildJvms implements TrialExecutorFactory {
        @Override
        public String name() {
            return ChildJvmTrialExecutor.NAME;
        }

        @Override
        public String description() {
            return "child JVMs, --parallel at once";
        }

        @Override
        public TrialExecutor create(int parallel) {
            return new ChildJvmTrialExecutor(parallel);
        }
    }
}

package org.atelier.core.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.atelier.core.AtelierException;

/** The trial executors by name: the core's {@code local} and {@code jvm}, and those that plugins offer. */
public final class TrialExecutors {

    /** The executor used when none is named. */
    public static final String DEFAULT = InProcessTrialExecutor.NAME;

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
            throw new AtelierException("unknown trial executor '" + name + "'; choices: "
                    + String.join(", ", factories.keySet()) + (name.equals(SPARK) ? "; the " + SPARK + " executor is"
                    + " a module of its own (tools/spark): ./atelier puts it and Spark on the class path for --executor "
                    + SPARK : ""));
        }
        return factory.create(parallel, master);
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

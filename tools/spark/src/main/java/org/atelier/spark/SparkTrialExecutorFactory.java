package org.atelier.spark;

import org.atelier.core.trial.TrialExecutor;
import org.atelier.core.trial.TrialExecutorFactory;

/** Offers {@link SparkTrialExecutor} as {@code --executor spark}, with or without {@code --master URL}. */
public final class SparkTrialExecutorFactory implements TrialExecutorFactory {

    @Override
    public String name() {
        return SparkTrialExecutor.NAME;
    }

    @Override
    public String description() {
        return "Apache Spark: embedded (--parallel executor JVMs) or the cluster of --master";
    }

    @Override
    public TrialExecutor create(int parallel) {
        return create(parallel, null);
    }

    @Override
    public TrialExecutor create(int parallel, String master) {
        return new SparkTrialExecutor(parallel, master);
    }
}

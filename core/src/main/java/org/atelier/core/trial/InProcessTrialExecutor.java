package org.atelier.core.trial;

import java.util.ArrayList;
import java.util.List;

/** Runs trials one after another in this JVM ({@code --executor local}, the default). */
public final class InProcessTrialExecutor implements TrialExecutor {

    /** The name {@code --executor} knows it by. */
    public static final String NAME = "local";

    @Override
    public List<TrialResult> run(List<TrialSpec> trials, TrialEnvironment environment, TrialProgress progress) {
        Trials.requireUniqueIds(trials);
        List<TrialResult> results = new ArrayList<>(trials.size());
        for (TrialSpec trial : trials) {
            TrialResult result = Trials.run(trial, environment);
            progress.finished(result);
            results.add(result);
        }
        return results;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int parallel() {
        return 1;
    }
}

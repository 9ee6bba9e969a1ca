package org.atelier.core.trial;

import java.util.Map;
import org.atelier.core.AtelierException;

/**
 * Trial parts for the executor tests, registered in the test class path's {@code
 * META-INF/services}: a data recipe that fails, and one that kills the worker JVM it runs in.
 */
public final class TestTrialComponents implements TrialComponents {

    /** A data recipe that throws a user error. */
    static final String FAILING_RECIPE = "fails-on-purpose";

    /** A data recipe that ends the worker JVM with exit code {@value #EXIT_CODE}. */
    static final String EXITING_RECIPE = "exits-the-worker";

    /** The exit code of {@link #EXITING_RECIPE}. */
    static final int EXIT_CODE = 3;

    @Override
    public Map<String, DataRecipe> data() {
        return Map.of(FAILING_RECIPE, (args, data) -> {
            throw new AtelierException("this recipe fails on purpose");
        }, EXITING_RECIPE, (args, data) -> exitTheWorker());
    }

    private static DataSplits exitTheWorker() {
        // Only ever in a worker: in the test JVM itself this would end the test run.
        if (!System.getProperty("sun.java.command", "").startsWith(TrialWorker.class.getName())) {
            throw new IllegalStateException(EXITING_RECIPE + " runs only in a trial worker JVM");
        }
        System.err.println("exiting on purpose");
        System.exit(EXIT_CODE);
        return null;
    }
}

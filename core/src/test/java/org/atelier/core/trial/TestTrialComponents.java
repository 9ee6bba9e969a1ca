package org.atelier.core.trial;

import java.util.Map;
import java.util.stream.IntStream;
import org.atelier.core.AtelierException;
import org.atelier.core.data.LabeledData;
import org.atelier.core.training.SyntheticData;

/**
 * Trial parts for the executor tests, registered in the test class path's {@code
 * META-INF/services}: a data recipe that fails, one that kills the worker JVM it runs in, and
 * small separable blobs.
 */
public final class TestTrialComponents implements TrialComponents {

    /** A data recipe that throws a user error. */
    static final String FAILING_RECIPE = "fails-on-purpose";

    /** A data recipe that ends the worker JVM with exit code {@value #EXIT_CODE}. */
    static final String EXITING_RECIPE = "exits-the-worker";

    /** Three Gaussian blobs in four dimensions, 3 std apart: 400 training, 100 validation, 100 test samples. */
    public static final String BLOBS_RECIPE = "blobs";

    /** The exit code of {@link #EXITING_RECIPE}. */
    static final int EXIT_CODE = 3;

    @Override
    public Map<String, DataRecipe> data() {
        return Map.of(FAILING_RECIPE, (args, data) -> {
            throw new AtelierException("this recipe fails on purpose");
        }, EXITING_RECIPE, (args, data) -> exitTheWorker(), BLOBS_RECIPE, (args, data) -> blobs());
    }

    private static DataSplits blobs() {
        LabeledData blobs = SyntheticData.blobs(600, 4, 3, 1);
        return new DataSplits(blobs.head(400), blobs.subset(IntStream.range(400, 500).toArray(), "validation"),
                blobs.subset(IntStream.range(500, 600).toArray(), "test"), null);
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

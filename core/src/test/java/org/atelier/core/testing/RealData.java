package org.atelier.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.atelier.core.data.DataLocator;

/**
 * The real datasets for tests: the directory named by {@code ATELIER_DATA}, else the repository's
 * {@code data/} directory, found by walking up from the working directory to the one that holds
 * {@code data/fetch}.
 *
 * <p>Missing data FAILS the test rather than skipping it: the documented test command fetches the
 * data first, so absent data means a broken setup, and a skipped test would hide it.
 */
public final class RealData {

    private RealData() {}

    /**
     * The locator of the real data, after checking that each named dataset's directory exists.
     *
     * @param datasets the datasets the test reads, e.g. {@code "mnist"}
     * @return the locator
     */
    public static DataLocator locator(String... datasets) {
        DataLocator locator = new DataLocator(root());
        for (String dataset : datasets) {
            if (!Files.isDirectory(locator.datasetDir(dataset))) {
                fail("real data '" + dataset + "' is missing: no directory " + locator.datasetDir(dataset)
                        + "; run data/fetch " + dataset + " (or set " + DataLocator.ENV_VARIABLE + " to a data directory that has it)");
            }
        }
        return locator;
    }

    private static Path root() {
        String env = System.getenv(DataLocator.ENV_VARIABLE);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("data").resolve("fetch"))) {
                return dir.resolve("data");
            }
        }
        return fail("no real data: " + DataLocator.ENV_VARIABLE + " is unset and no directory above "
                + Path.of("").toAbsolutePath() + " holds data/fetch; set " + DataLocator.ENV_VARIABLE + " or run the tests inside the repository");
    }
}

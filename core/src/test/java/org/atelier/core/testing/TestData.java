package org.atelier.core.testing;

import java.nio.file.Path;

/** Where tests find the real datasets. */
public final class TestData {

    private TestData() {}

    /** {@code $ATELIER_DATA}, else the project's {@code data/} directory (tests run in a module directory). */
    public static Path directory() {
        String env = System.getenv("ATELIER_DATA");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "data");
    }
}

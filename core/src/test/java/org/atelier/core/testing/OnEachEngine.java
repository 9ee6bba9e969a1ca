package org.atelier.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once per DJL engine; the test method takes the engine name as its one parameter,
 * e.g. {@code void trains(String engine)} and resolves it with {@code TestBackends.backend(engine)}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("org.atelier.core.testing.TestBackends#engines")
public @interface OnEachEngine {}

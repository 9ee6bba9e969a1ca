package org.atelier.core.trial;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A batch transform by name, as a value: the name of a {@link TransformFactory} and its string
 * arguments, e.g. {@code flip-horizontal} with {@code p=0.5}. The transform is created in the JVM
 * that runs the trial, seeded from the trial's seed.
 *
 * @param name the factory's name
 * @param args its arguments by name, sorted
 */
public record TransformSpec(String name, SortedMap<String, String> args) implements Serializable {

    /** Checks the name and copies the arguments into a sorted, unmodifiable map. */
    public TransformSpec {
        Objects.requireNonNull(name, "name");
        args = Collections.unmodifiableSortedMap(new TreeMap<>(args));
    }

    /**
     * A transform with the given arguments.
     *
     * @param name the factory's name
     * @param args its arguments
     * @return the spec
     */
    public static TransformSpec of(String name, Map<String, String> args) {
        return new TransformSpec(name, new TreeMap<>(args));
    }

    @Override
    public String toString() {
        return name + args;
    }
}

package org.atelier.core.trial;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
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

    /** The name of the transform that chains others ({@link #pipeline}). */
    public static final String PIPELINE = "pipeline";

    /**
     * Several transforms applied in order to every training batch, as one spec: the transform
     * {@value #PIPELINE}, whose arguments hold each step's name and arguments under the step's
     * number ({@code 1=random-crop}, {@code 1.padding=2}, {@code 2=flip-horizontal}, …). Each step
     * gets its own seed, derived from the trial's.
     *
     * @param steps the steps, in order, at least one; none a pipeline itself
     * @return the spec
     */
    public static TransformSpec pipeline(List<TransformSpec> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one step");
        }
        TreeMap<String, String> args = new TreeMap<>();
        for (int i = 0; i < steps.size(); i++) {
            TransformSpec step = steps.get(i);
            if (step.name().equals(PIPELINE)) {
                throw new IllegalArgumentException("a pipeline's step cannot be a pipeline; list its steps instead");
            }
            String number = String.valueOf(i + 1);
            args.put(number, step.name());
            step.args().forEach((key, value) -> args.put(number + "." + key, value));
        }
        return new TransformSpec(PIPELINE, args);
    }

    @Override
    public String toString() {
        return name + args;
    }
}

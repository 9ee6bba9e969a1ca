package org.atelier.core.trial;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which data a trial trains on, as a value: the name of a {@link DataRecipe} and its string
 * arguments. Two specs with the same recipe and arguments load the same data, so {@link Trials}
 * loads it once per process and reuses it.
 *
 * <p>The core's recipes {@code fashion-mnist} and {@code mnist} take {@code validation} (the
 * stratified hold-out share, default 0.1; 0 for none), {@code splitSeed} (default 42), {@code
 * smoke} (keep 400 training, 200 validation and 200 test images, or 600 training images when
 * nothing is held out; default false), {@code standardize} ({@code global} (default), {@code
 * per-feature} or {@code none}, fitted on the training split only), and for cross-validation
 * {@code folds} (k ≥ 2; needs {@code validation=0}), {@code fold} (0 … k − 1: the fold held out as
 * validation split) and {@code foldKind} ({@code stratified} (default) or {@code plain}).
 *
 * @param recipe the recipe's name, e.g. {@code fashion-mnist}
 * @param args the recipe's arguments by name, sorted
 */
public record DataSpec(String recipe, SortedMap<String, String> args) implements Serializable {

    /** Checks the recipe name and copies the arguments into a sorted, unmodifiable map. */
    public DataSpec {
        Objects.requireNonNull(recipe, "recipe");
        args = Collections.unmodifiableSortedMap(new TreeMap<>(args));
    }

    /**
     * A recipe with the given arguments.
     *
     * @param recipe the recipe's name
     * @param args its arguments
     * @return the spec
     */
    public static DataSpec of(String recipe, Map<String, String> args) {
        return new DataSpec(recipe, new TreeMap<>(args));
    }

    /** A recipe with its default arguments. */
    public static DataSpec of(String recipe) {
        return of(recipe, Map.of());
    }

    /**
     * Fashion-MNIST as study 1 prepares it: 10 % held out stratified, standardized with one mean and
     * standard deviation of the training split.
     *
     * @param splitSeed the seed of the stratified split
     * @param smoke whether to keep only a few hundred images of each part
     * @return the spec
     */
    public static DataSpec fashionMnist(long splitSeed, boolean smoke) {
        return of("fashion-mnist").with("splitSeed", splitSeed).with("smoke", smoke);
    }

    /**
     * This spec with one more argument (or one replaced).
     *
     * @param key the argument's name
     * @param value its value, written with {@link String#valueOf(Object)}
     * @return the new spec
     */
    public DataSpec with(String key, Object value) {
        TreeMap<String, String> copy = new TreeMap<>(args);
        copy.put(key, String.valueOf(value));
        return new DataSpec(recipe, copy);
    }

    @Override
    public String toString() {
        return recipe + args;
    }
}

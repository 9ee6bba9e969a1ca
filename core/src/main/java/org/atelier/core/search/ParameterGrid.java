package org.atelier.core.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.atelier.core.AtelierException;

/**
 * Every combination of parameter values, as scikit-learn's {@code ParameterGrid}: a grid maps each
 * parameter name to its values; several grids are searched one after the other (sklearn's list of
 * dicts). Within a grid the names are sorted and the last name varies fastest, so
 * {@code {learning_rate: [0.01, 0.1], batch_size: [32, 128]}} gives (32, 0.01), (32, 0.1),
 * (128, 0.01), (128, 0.1) as batch size and learning rate, in exactly sklearn's order and count
 * (checked against scikit-learn 1.2.1: {@code list(ParameterGrid(grid))}; see {@code ParameterGridTest}).
 *
 * <p>Values are any objects (numbers, strings, lists); a candidate is an unmodifiable sorted map of
 * name to value.
 */
public final class ParameterGrid {

    private final List<SortedMap<String, List<Object>>> grids;

    private ParameterGrid(List<SortedMap<String, List<Object>>> grids) {
        this.grids = grids;
    }

    /**
     * One grid.
     *
     * @param grid each parameter's values, none empty
     * @return the grid
     * @throws AtelierException if a parameter has no values
     */
    public static ParameterGrid of(Map<String, ? extends List<?>> grid) {
        return of(List.of(grid));
    }

    /**
     * Several grids searched one after the other (sklearn's {@code ParameterGrid([grid1, grid2])}).
     *
     * @param grids the grids; an empty map is one candidate without parameters, as in sklearn
     * @return the grids
     * @throws AtelierException if a parameter has no values
     */
    public static ParameterGrid of(List<? extends Map<String, ? extends List<?>>> grids) {
        List<SortedMap<String, List<Object>>> copies = new ArrayList<>();
        for (Map<String, ? extends List<?>> grid : grids) {
            SortedMap<String, List<Object>> copy = new TreeMap<>();
            grid.forEach((name, values) -> {
                if (values.isEmpty()) {
                    throw new AtelierException("parameter grid: '" + name + "' has no values; give it at least one");
                }
                copy.put(name, List.copyOf(values));
            });
            copies.add(Collections.unmodifiableSortedMap(copy));
        }
        return new ParameterGrid(List.copyOf(copies));
    }

    /** The number of candidates: the product of the value counts of each grid, summed over the grids. */
    public int size() {
        long total = 0;
        for (SortedMap<String, List<Object>> grid : grids) {
            long product = 1;
            for (List<Object> values : grid.values()) {
                product *= values.size();
            }
            total += product;
        }
        return Math.toIntExact(total);
    }

    /**
     * The candidate at an index of the enumeration, without enumerating (sklearn's {@code grid[i]}).
     *
     * @param index from 0 to {@link #size()} − 1
     * @return its parameters, by sorted name
     * @throws IndexOutOfBoundsException if the index is outside the grid
     */
    public SortedMap<String, Object> get(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("parameter grid index " + index + " is negative");
        }
        int rest = index;
        for (SortedMap<String, List<Object>> grid : grids) {
            int size = 1;
            for (List<Object> values : grid.values()) {
                size *= values.size();
            }
            if (rest >= size) {
                rest -= size;
                continue;
            }
            // Mixed radix with the last name as the lowest digit.
            List<String> names = new ArrayList<>(grid.keySet());
            TreeMap<String, Object> candidate = new TreeMap<>();
            for (int i = names.size() - 1; i >= 0; i--) {
                List<Object> values = grid.get(names.get(i));
                candidate.put(names.get(i), values.get(rest % values.size()));
                rest /= values.size();
            }
            return Collections.unmodifiableSortedMap(candidate);
        }
        throw new IndexOutOfBoundsException("parameter grid index " + index + " is not below its size " + size());
    }

    /** Every candidate in enumeration order. */
    public List<SortedMap<String, Object>> candidates() {
        List<SortedMap<String, Object>> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(get(i));
        }
        return List.copyOf(all);
    }

    /** The parameter names of every grid, sorted, without repeats. */
    public List<String> names() {
        return grids.stream().flatMap(g -> g.keySet().stream()).distinct().sorted().toList();
    }

    @Override
    public String toString() {
        return grids.size() == 1 ? grids.get(0).toString() : grids.toString();
    }
}

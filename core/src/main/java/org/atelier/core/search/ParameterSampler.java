package org.atelier.core.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.atelier.core.AtelierException;

/**
 * The candidates of a random search, as scikit-learn's {@code ParameterSampler}: {@code nIter}
 * draws, each parameter drawn in sorted name order from its {@link ParamDistribution}. When every
 * parameter is a {@link ParamDistribution.Choice}, candidates are drawn from their grid without
 * replacement (as sklearn does), and at most the grid's size of them; otherwise with replacement.
 * The same distributions, count and seed give the same candidates on every machine.
 */
public final class ParameterSampler {

    private final SortedMap<String, ParamDistribution> distributions;
    private final int nIter;
    private final long seed;

    private ParameterSampler(SortedMap<String, ParamDistribution> distributions, int nIter, long seed) {
        this.distributions = distributions;
        this.nIter = nIter;
        this.seed = seed;
    }

    /**
     * A sampler.
     *
     * @param distributions each parameter's distribution
     * @param nIter how many candidates to draw, at least 1
     * @param seed the seed (sklearn's {@code random_state})
     * @return the sampler
     */
    public static ParameterSampler of(Map<String, ? extends ParamDistribution> distributions, int nIter, long seed) {
        if (nIter < 1) {
            throw new AtelierException("a random search needs n_iter ≥ 1 candidates, got " + nIter);
        }
        return new ParameterSampler(Collections.unmodifiableSortedMap(new TreeMap<>(distributions)), nIter, seed);
    }

    /** The distributions, by sorted name. */
    public SortedMap<String, ParamDistribution> distributions() {
        return distributions;
    }

    /** How many candidates were asked for. */
    public int nIter() {
        return nIter;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The candidates, in draw order: {@code nIter} of them, or the grid's size if only lists are given and it is smaller. */
    public List<SortedMap<String, Object>> candidates() {
        Random random = new Random(seed);
        if (distributions.values().stream().allMatch(d -> d instanceof ParamDistribution.Choice)) {
            return withoutReplacement(random);
        }
        List<SortedMap<String, Object>> all = new ArrayList<>(nIter);
        for (int i = 0; i < nIter; i++) {
            TreeMap<String, Object> candidate = new TreeMap<>();
            distributions.forEach((name, distribution) -> candidate.put(name, distribution.sample(random)));
            all.add(Collections.unmodifiableSortedMap(candidate));
        }
        return List.copyOf(all);
    }

    /** Distinct grid points, chosen by a partial Fisher–Yates shuffle of their indices. */
    private List<SortedMap<String, Object>> withoutReplacement(Random random) {
        Map<String, List<?>> lists = new LinkedHashMap<>();
        distributions.forEach((name, d) -> lists.put(name, ((ParamDistribution.Choice) d).values()));
        ParameterGrid grid = ParameterGrid.of(lists);
        int[] indices = new int[grid.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        int count = Math.min(nIter, indices.length);
        List<SortedMap<String, Object>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(indices.length - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
            all.add(grid.get(indices[i]));
        }
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return nIter + " draws from " + distributions + " (seed " + seed + ")";
    }
}

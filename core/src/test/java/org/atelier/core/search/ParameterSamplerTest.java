package org.atelier.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Random-search candidates: distributions that draw what they promise, reproducible for a seed. */
class ParameterSamplerTest {

    private static final Map<String, ParamDistribution> SPACE = Map.of(
            "learning_rate", ParamDistribution.logUniform(1e-4, 1),
            "batch_size", ParamDistribution.choice(List.of(32, 64, 128)),
            "epochs", ParamDistribution.intUniform(2, 8),
            "dropout", ParamDistribution.uniform(0, 0.5));

    @Test
    void logUniformPutsAQuarterOfTheDrawsInEachOfFourDecades() {
        ParamDistribution rate = ParamDistribution.logUniform(1e-4, 1);
        Random random = new Random(3);
        int n = 40_000;
        double[] draws = new double[n];
        int[] decades = new int[4];
        for (int i = 0; i < n; i++) {
            draws[i] = (Double) rate.sample(random);
            assertTrue(draws[i] >= 1e-4 && draws[i] < 1, "out of bounds: " + draws[i]);
            decades[(int) Math.floor(Math.log10(draws[i]) + 4)]++;
        }
        // Binomial(40 000, 1/4): standard deviation 87; 5 of them is 435. A plain uniform puts 90 % in the top decade.
        for (int count : decades) {
            assertEquals(n / 4.0, count, 435, java.util.Arrays.toString(decades));
        }
        // The median of a log-uniform on [1e-4, 1) is the geometric mean of the bounds, 1e-2 (±0.05 in log10 is 5 sd).
        java.util.Arrays.sort(draws);
        assertEquals(-2, Math.log10(draws[n / 2]), 0.05);
    }

    @Test
    void intUniformDrawsEveryWholeNumberIncludingBothBounds() {
        ParamDistribution epochs = ParamDistribution.intUniform(2, 8);
        Random random = new Random(5);
        int[] counts = new int[9];
        for (int i = 0; i < 7_000; i++) {
            counts[(Integer) epochs.sample(random)]++;
        }
        for (int e = 2; e <= 8; e++) {
            assertEquals(1000, counts[e], 150, "epochs " + e);
        }
        assertEquals(0, counts[0] + counts[1]);
    }

    @Test
    void theSameSeedGivesTheSameCandidatesAndAnotherSeedOthers() {
        List<SortedMap<String, Object>> first = ParameterSampler.of(SPACE, 10, 42).candidates();
        assertEquals(first, ParameterSampler.of(SPACE, 10, 42).candidates());
        assertNotEquals(first, ParameterSampler.of(SPACE, 10, 43).candidates());
        assertEquals(10, first.size());
        assertEquals(List.of("batch_size", "dropout", "epochs", "learning_rate"), List.copyOf(first.get(0).keySet()));
        // a longer search starts with the shorter one's candidates
        assertEquals(first, ParameterSampler.of(SPACE, 15, 42).candidates().subList(0, 10));
    }

    @Test
    void listsOnlyAreDrawnWithoutReplacementAndAtMostTheGridSize() {
        Map<String, ParamDistribution> lists = Map.of("a", ParamDistribution.choice(List.of(1, 2, 3)),
                "b", ParamDistribution.choice(List.of(4, 5)));
        List<SortedMap<String, Object>> four = ParameterSampler.of(lists, 4, 0).candidates();
        assertEquals(4, new HashSet<>(four).size(), "distinct: " + four);
        List<SortedMap<String, Object>> all = ParameterSampler.of(lists, 100, 0).candidates();
        assertEquals(new HashSet<>(ParameterGrid.of(Map.of("a", List.of(1, 2, 3), "b", List.of(4, 5))).candidates()),
                new HashSet<>(all));
        assertEquals(6, all.size());
    }
}

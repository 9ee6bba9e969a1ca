package org.atelier.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.junit.jupiter.api.Test;

/**
 * The grid enumerates as scikit-learn's {@code ParameterGrid}. The expected lists were printed by
 * scikit-learn 1.2.1 (Debian {@code python3-sklearn}):
 * <pre>
 * /usr/bin/python3 -c "from sklearn.model_selection import ParameterGrid
 * g = {'learning_rate': [0.01, 0.1], 'batch_size': [32, 128], 'epochs': [3, 6], 'hidden_units': [128, 512]}
 * print(len(ParameterGrid(g)), list(ParameterGrid(g)), ParameterGrid(g)[5])
 * print(list(ParameterGrid([{'a': [1, 2], 'b': [3]}, {'c': [4, 5, 6]}])))"
 * </pre>
 */
class ParameterGridTest {

    /** The grid in an insertion order that is not sorted, to show that the names are sorted. */
    private static ParameterGrid keras() {
        Map<String, List<?>> grid = new LinkedHashMap<>();
        grid.put("learning_rate", List.of(0.01, 0.1));
        grid.put("batch_size", List.of(32, 128));
        grid.put("epochs", List.of(3, 6));
        grid.put("hidden_units", List.of(128, 512));
        return ParameterGrid.of(grid);
    }

    @Test
    void enumeratesInScikitLearnsOrderAndSize() {
        ParameterGrid grid = keras();
        assertEquals(16, grid.size());
        // (batch_size, epochs, hidden_units, learning_rate) of sklearn's list, in its order
        List<List<Object>> sklearn = List.of(
                List.of(32, 3, 128, 0.01), List.of(32, 3, 128, 0.1), List.of(32, 3, 512, 0.01), List.of(32, 3, 512, 0.1),
                List.of(32, 6, 128, 0.01), List.of(32, 6, 128, 0.1), List.of(32, 6, 512, 0.01), List.of(32, 6, 512, 0.1),
                List.of(128, 3, 128, 0.01), List.of(128, 3, 128, 0.1), List.of(128, 3, 512, 0.01),
                List.of(128, 3, 512, 0.1), List.of(128, 6, 128, 0.01), List.of(128, 6, 128, 0.1),
                List.of(128, 6, 512, 0.01), List.of(128, 6, 512, 0.1));
        List<List<Object>> ours = grid.candidates().stream().map(c -> List.copyOf(c.values())).toList();
        assertEquals(sklearn, ours);
        assertEquals(List.of("batch_size", "epochs", "hidden_units", "learning_rate"),
                List.copyOf(grid.candidates().get(0).keySet()));
        // sklearn: ParameterGrid(g)[5] == {'learning_rate': 0.1, 'hidden_units': 128, 'epochs': 6, 'batch_size': 32}
        assertEquals(Map.of("learning_rate", 0.1, "hidden_units", 128, "epochs", 6, "batch_size", 32), grid.get(5));
    }

    @Test
    void severalGridsFollowEachOther() {
        ParameterGrid grid = ParameterGrid.of(List.of(Map.of("b", List.of(3), "a", List.of(1, 2)), Map.of("c", List.of(4, 5, 6))));
        // sklearn: [{'a': 1, 'b': 3}, {'a': 2, 'b': 3}, {'c': 4}, {'c': 5}, {'c': 6}]
        assertEquals(List.of(Map.of("a", 1, "b", 3), Map.of("a", 2, "b", 3), Map.of("c", 4), Map.of("c", 5), Map.of("c", 6)),
                grid.candidates());
        assertEquals(List.of("a", "b", "c"), grid.names());
        assertThrows(IndexOutOfBoundsException.class, () -> grid.get(5));
    }

    @Test
    void anEmptyValueListIsRefused() {
        AtelierException e = assertThrows(AtelierException.class, () -> ParameterGrid.of(Map.of("epochs", List.of())));
        assertEquals("parameter grid: 'epochs' has no values; give it at least one", e.getMessage());
    }
}

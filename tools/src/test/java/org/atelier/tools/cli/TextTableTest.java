package org.atelier.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsTwoSpacesApartLastOneUnpaddedWidestCellNeverWrapped() {
        String table = TextTable.render(List.of(
                List.of("name", "default", "description"),
                List.of("hidden_sizes", "10,20", "widths n (mean ± std, an integer ≥ 1)"),
                List.of("n", "", "x")), "  ");
        assertEquals("""
                  name          default  description
                  hidden_sizes  10,20    widths n (mean ± std, an integer ≥ 1)
                  n                      x
                """, table);
    }

    @Test
    void noRowsNoLines() {
        assertEquals("", TextTable.render(List.of(), ""));
    }
}

package org.atelier.tools.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;

/** Aligned plain-text columns for terminal output, laid out by picocli's {@link Help.TextTable}. */
final class TextTable {

    /** Spaces between two columns. */
    private static final int GAP = 2;

    private TextTable() {}

    /**
     * Renders rows as left-aligned columns two spaces apart; the last column is not padded.
     *
     * @param rows the rows, all of the same length
     * @param indent spaces put before every line
     * @return the lines, each ending with a newline
     */
    static String render(List<List<String>> rows, String indent) {
        if (rows.isEmpty()) {
            return ""; // picocli's table needs at least one column
        }
        int columns = rows.get(0).size();
        Column[] layout = new Column[columns];
        for (int c = 0; c < columns; c++) {
            int column = c;
            int width = rows.stream().mapToInt(row -> row.get(column).length()).max().orElse(0);
            int lead = c == 0 ? indent.length() : 0;
            layout[c] = new Column(lead + width + (c == columns - 1 ? 0 : GAP), lead, Column.Overflow.SPAN);
        }
        Help.TextTable table = Help.TextTable.forColumns(Help.defaultColorScheme(Help.Ansi.OFF), layout);
        // picocli counts some symbols (e.g. ±) as two cells wide, which would wrap the widest cell.
        table.setAdjustLineBreaksForWideCJKCharacters(false);
        rows.forEach(row -> table.addRowValues(row.toArray(String[]::new)));
        return table.toString().lines().map(line -> line.stripTrailing() + "\n").collect(Collectors.joining());
    }
}

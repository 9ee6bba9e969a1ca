package org.atelier.tools.cli;

import java.util.List;

/** Aligned plain-text columns for terminal output. */
final class TextTable {

    private TextTable() {}

    /**
     * Renders rows as left-aligned columns two spaces apart; the last column is not padded.
     *
     * @param rows the rows, all of the same length
     * @param indent text put before every line
     * @return the lines, each ending with a newline
     */
    static String render(List<List<String>> rows, String indent) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? row.get(c) : pad(row.get(c), widths[c] + 2));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}

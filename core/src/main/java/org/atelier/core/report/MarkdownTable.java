package org.atelier.core.report;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw table as a GitHub-flavoured Markdown pipe table: numeric columns are
 * right-aligned, integer columns print as integers, floating-point columns with a fixed number of
 * decimals (see {@link NumberText}), missing values as empty cells.
 */
public final class MarkdownTable {

    private MarkdownTable() {}

    /**
     * Renders a table with {@link NumberText#DEFAULT_DECIMALS} decimals.
     *
     * @param table the table
     * @return the Markdown text, ending with a newline
     */
    public static String render(Table table) {
        return render(table, NumberText.DEFAULT_DECIMALS);
    }

    /**
     * Renders a table.
     *
     * @param table the table
     * @param decimals decimals for floating-point columns
     * @return the Markdown text, ending with a newline
     */
    public static String render(Table table, int decimals) {
        List<Column<?>> columns = table.columns();
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>();
        List<String> rule = new ArrayList<>();
        for (Column<?> column : columns) {
            header.add(escape(column.name()));
            rule.add(isNumeric(column) ? "---:" : "---");
        }
        appendRow(text, header);
        appendRow(text, rule);
        for (int row = 0; row < table.rowCount(); row++) {
            List<String> cells = new ArrayList<>();
            for (Column<?> column : columns) {
                cells.add(cell(column, row, decimals));
            }
            appendRow(text, cells);
        }
        return text.toString();
    }

    private static String cell(Column<?> column, int row, int decimals) {
        if (column.isMissing(row)) {
            return "";
        }
        Object value = column.get(row);
        if (value instanceof Number number) {
            return NumberText.format(number, decimals);
        }
        return escape(String.valueOf(value));
    }

    private static boolean isNumeric(Column<?> column) {
        return column instanceof NumericColumn<?>;
    }

    private static void appendRow(StringBuilder text, List<String> cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** Pipes would end a cell and line breaks would end the table row. */
    static String escape(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}

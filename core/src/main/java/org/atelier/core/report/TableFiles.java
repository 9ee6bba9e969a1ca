package org.atelier.core.report;

import java.io.StringWriter;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * Writes Tablesaw tables to CSV and Markdown files, atomically (see {@link AtomicFiles}): the
 * table writer of {@link RunDirectory} and of {@code History.writeCsv}.
 */
public final class TableFiles {

    private TableFiles() {}

    /**
     * Writes a table as CSV (header row, comma-separated, full precision).
     *
     * @param table the table
     * @param target the file to create or replace
     * @return the target
     */
    public static Path writeCsv(Table table, Path target) {
        StringWriter csv = new StringWriter();
        table.write().csv(csv);
        return AtomicFiles.writeString(target, csv.toString());
    }

    /**
     * Writes a table as a Markdown pipe table.
     *
     * @param table the table
     * @param target the file to create or replace
     * @param decimals decimals for floating-point columns
     * @return the target
     */
    public static Path writeMarkdown(Table table, Path target, int decimals) {
        return AtomicFiles.writeString(target, MarkdownTable.render(table, decimals));
    }
}

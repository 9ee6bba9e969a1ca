package org.atelier.core.report;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Builds a Markdown document (an experiment's {@code report.md}) block by block; {@link
 * RunDirectory#markdown(RunFile, MarkdownReport)} writes it. Blocks are separated by blank lines;
 * every method returns this report for chaining.
 *
 * <pre>{@code
 * MarkdownReport report = new MarkdownReport()
 *     .heading(1, "softmax-regression")
 *     .paragraph("Test accuracy after 10 epochs.")
 *     .keyNumbers(Map.of("test_accuracy", 0.84))
 *     .image("Learning curves", LEARNING_CURVES); // a RunFile
 * runDirectory.markdown(REPORT, report);
 * }</pre>
 */
public final class MarkdownReport {

    private final StringBuilder text = new StringBuilder();

    /** Creates an empty report. */
    public MarkdownReport() {}

    /**
     * Adds a heading.
     *
     * @param level 1 to 6
     * @param title the heading text
     * @return this report
     */
    public MarkdownReport heading(int level, String title) {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("heading level must be 1..6, got " + level);
        }
        return block("#".repeat(level) + " " + oneLine(title) + "\n");
    }

    /**
     * Adds a paragraph of Markdown text (inline markup is kept as written).
     *
     * @param paragraph the text
     * @return this report
     */
    public MarkdownReport paragraph(String paragraph) {
        return block(paragraph.strip() + "\n");
    }

    /**
     * Adds a bullet list.
     *
     * @param items one line each
     * @return this report
     */
    public MarkdownReport bullets(List<String> items) {
        StringBuilder list = new StringBuilder();
        items.forEach(item -> list.append("- ").append(oneLine(item)).append('\n'));
        return block(list.toString());
    }

    /**
     * Adds an image that the run wrote; the report lies in the same run directory.
     *
     * @param altText the description shown where the image cannot be
     * @param image the image file, e.g. a {@code confusion-matrix.png} the run saved
     * @return this report
     */
    public MarkdownReport image(String altText, RunFile image) {
        String link = image.name().replace('\\', '/').replace(" ", "%20");
        return block("![" + oneLine(altText).replace("]", "\\]") + "](" + link + ")\n");
    }

    /**
     * Adds a table with {@link NumberText#DEFAULT_DECIMALS} decimals.
     *
     * @param table the table
     * @return this report
     */
    public MarkdownReport table(Table table) {
        return table(table, NumberText.DEFAULT_DECIMALS);
    }

    /**
     * Adds a table.
     *
     * @param table the table
     * @param decimals decimals for floating-point columns
     * @return this report
     */
    public MarkdownReport table(Table table, int decimals) {
        return block(MarkdownTable.render(table, decimals));
    }

    /**
     * Adds a two-column table "quantity | value", one row per entry, in the map's iteration order
     * (pass a {@link java.util.LinkedHashMap} to control it).
     *
     * @param numbers names to values; integers print as integers
     * @return this report
     */
    public MarkdownReport keyNumbers(Map<String, ? extends Number> numbers) {
        StringBuilder table = new StringBuilder("| quantity | value |\n| --- | ---: |\n");
        numbers.forEach((name, value) -> table.append("| ").append(MarkdownTable.escape(name)).append(" | ")
                .append(NumberText.format(value, NumberText.DEFAULT_DECIMALS)).append(" |\n"));
        return block(table.toString());
    }

    /** The document so far. */
    public String toMarkdown() {
        return text.toString();
    }

    private MarkdownReport block(String block) {
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(block);
        return this;
    }

    private static String oneLine(String text) {
        return text.replace("\r", " ").replace("\n", " ").strip();
    }
}

package org.atelier.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tech.tablesaw.api.Table;

/**
 * The report of one study run, assembled from numbered sections. A study's report class turns
 * each finding (a record its experiment computed) into one {@link Section}: the section's text,
 * its answer bullet and its metrics are written side by side from the same record, so a number
 * cannot disagree between {@code report.md}, its "answers at a glance" and {@code summary.json}.
 * {@link #write} renders the title, the answers (each pointing to its section) and the sections.
 *
 * <pre>{@code
 * StudyReport report = new StudyReport("Softmax regression on Fashion-MNIST");
 * report.section("Final model")
 *     .paragraph("…")
 *     .answer("**Test accuracy:** 84.4 %")
 *     .metric("test_accuracy", 0.844);
 * report.write(context.runDirectory(), REPORT, context::metric);
 * }</pre>
 */
public final class StudyReport {

    private final String title;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> preface = new ArrayList<>();

    /**
     * Starts a report.
     *
     * @param title its level-1 heading
     */
    public StudyReport(String title) {
        this.title = title;
    }

    /**
     * A paragraph before the answers, e.g. the warning that a smoke run's numbers mean nothing.
     *
     * @param paragraph Markdown text
     * @return this report
     */
    public StudyReport preface(String paragraph) {
        preface.add(paragraph);
        return this;
    }

    /**
     * Opens the next section; sections are numbered in the order they are opened.
     *
     * @param heading the heading without its number
     * @return the section
     */
    public Section section(String heading) {
        Section section = new Section(sections.size() + 1, heading);
        sections.add(section);
        return section;
    }

    /** Every metric of every section, in the order they were added. */
    public Map<String, Double> metrics() {
        Map<String, Double> all = new LinkedHashMap<>();
        sections.forEach(s -> all.putAll(s.metrics));
        return all;
    }

    /** The whole document as Markdown. */
    public String toMarkdown() {
        MarkdownReport document = new MarkdownReport().heading(1, title);
        preface.forEach(document::paragraph);
        List<String> answers = new ArrayList<>();
        sections.forEach(s -> s.answers.forEach(a -> answers.add(a + " (§" + s.number + ")")));
        if (!answers.isEmpty()) {
            document.heading(2, "Answers at a glance").bullets(answers);
        }
        StringBuilder text = new StringBuilder(document.toMarkdown());
        for (Section s : sections) {
            text.append('\n').append(new MarkdownReport().heading(2, s.number + ". " + s.heading).toMarkdown());
            if (!s.body.toMarkdown().isEmpty()) {
                text.append('\n').append(s.body.toMarkdown());
            }
        }
        return text.toString();
    }

    /**
     * Writes the report and hands every metric to {@code metrics} (an experiment passes {@code
     * context::metric}).
     *
     * @param directory the run directory
     * @param file the report's file, e.g. {@code report.md}
     * @param metrics receives each metric's name and value
     */
    public void write(RunDirectory directory, RunFile file, BiConsumer<String, Double> metrics) {
        metrics().forEach(metrics);
        directory.writeString(file, toMarkdown());
    }

    /** One numbered section: its text, its answer bullets and its metrics. */
    public static final class Section {
        private final int number;
        private final String heading;
        private final MarkdownReport body = new MarkdownReport();
        private final List<String> answers = new ArrayList<>();
        private final Map<String, Double> metrics = new LinkedHashMap<>();

        private Section(int number, String heading) {
            this.number = number;
            this.heading = heading;
        }

        /** The section's number, for cross references ("§3"). */
        public int number() {
            return number;
        }

        /** The section's body, for steps that add their own blocks (e.g. a test-set evaluation). */
        public MarkdownReport body() {
            return body;
        }

        /** Adds a paragraph. */
        public Section paragraph(String paragraph) {
            body.paragraph(paragraph);
            return this;
        }

        /** Adds an image the run wrote. */
        public Section image(String altText, RunFile image) {
            body.image(altText, image);
            return this;
        }

        /** Adds a table with the given number of decimals. */
        public Section table(Table table, int decimals) {
            body.table(table, decimals);
            return this;
        }

        /** Adds a list of named numbers. */
        public Section keyNumbers(Map<String, ? extends Number> numbers) {
            body.keyNumbers(numbers);
            return this;
        }

        /** Adds a bullet list. */
        public Section bullets(List<String> items) {
            body.bullets(items);
            return this;
        }

        /**
         * Adds an answer to "Answers at a glance"; the section's number is appended.
         *
         * @param answer one sentence of Markdown
         * @return this section
         */
        public Section answer(String answer) {
            answers.add(answer);
            return this;
        }

        /**
         * Adds a metric for {@code summary.json}; names follow {@code <quantity>_<variant>}.
         *
         * @param name the metric's name
         * @param value its value
         * @return this section
         */
        public Section metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }
    }
}

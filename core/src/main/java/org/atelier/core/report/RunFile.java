package org.atelier.core.report;

import java.util.Objects;

/**
 * A file a run writes, declared once: its name in the run directory and one line saying what it
 * holds. The same value is listed by an experiment's {@code outputs()} (what {@code ./atelier
 * describe} prints), handed to the {@link RunDirectory} method that writes the file, and named by
 * the report that links to it ({@link MarkdownReport#image(String, RunFile)}), so the name is
 * spelled in one place only.
 *
 * <pre>{@code
 * static final RunFile LOSS = new RunFile("loss.png", "training and validation loss per epoch");
 * ...
 * runDirectory.save(LOSS, chart);
 * report.image("learning curves", LOSS);
 * }</pre>
 *
 * @param name the file name relative to the run directory, e.g. {@code history.csv}; '/' separates
 *     folders
 * @param description one line saying what the file holds
 */
public record RunFile(String name, String description) {

    /**
     * Checks the declaration.
     *
     * @throws IllegalArgumentException if the name is blank or the description spans lines
     */
    public RunFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a run file needs a name");
        }
        if (description.contains("\n")) {
            throw new IllegalArgumentException("the description of " + name + " must be one line");
        }
    }
}

package org.atelier.core.experiment;

/**
 * A file an experiment writes into its run directory, as {@code ./atelier describe} lists it.
 *
 * @param file the file name relative to the run directory, e.g. {@code history.csv}
 * @param description one line saying what the file holds
 */
public record Output(String file, String description) {}

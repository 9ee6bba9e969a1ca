package org.atelier.core.data;

/**
 * A dataset split in two disjoint parts: one to fit on, one held out to measure on.
 *
 * @param train the samples to fit on
 * @param validation the held-out samples
 */
public record TrainValidation(LabeledData train, LabeledData validation) {}

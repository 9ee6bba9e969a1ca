/**
 * Descriptive statistics that charts, evaluations and study protocols share, e.g. the mean and
 * sample standard deviation of one metric over seeds ({@link org.atelier.core.stats.MeanStd}).
 * It depends on nothing else in the core, so every other package may use it.
 */
package org.atelier.core.stats;

/**
 * Protocol steps that studies share: statistics over independently seeded runs (mean ± standard
 * deviation per epoch), learning-rate sweeps with a stated selection rule, training several seeds
 * and keeping the best model, the "smallest size within one standard deviation of the best" rule,
 * when a run first reaches a validation loss, the loss a freshly initialized classifier should
 * start at, and the evaluation of a final model on a test set with its files.
 */
package org.atelier.core.study;

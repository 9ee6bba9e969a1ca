/**
 * Independent trials behind an executor. A trial (one seed of a variant, one sweep point, one
 * search trial) is a value: a serializable {@link org.atelier.core.trial.TrialSpec} (model
 * factory and arguments, data recipe and arguments, fit settings, seed, starting parameters) that
 * gives a serializable {@link org.atelier.core.trial.TrialResult} (history, metrics, path of its
 * {@code .params}). {@link org.atelier.core.trial.Trials#run} runs one in this JVM; a {@link
 * org.atelier.core.trial.TrialExecutor} runs a list: {@link
 * org.atelier.core.trial.InProcessTrialExecutor} one after another, {@link
 * org.atelier.core.trial.ChildJvmTrialExecutor} in worker JVMs side by side; executors that run
 * elsewhere plug in through {@link org.atelier.core.trial.TrialExecutorFactory}. Models, data
 * recipes, initializers and batch transforms are found by name in the {@link
 * org.atelier.core.trial.TrialRegistry}, which plugins extend through {@link
 * org.atelier.core.trial.TrialComponents}.
 */
package org.atelier.core.trial;

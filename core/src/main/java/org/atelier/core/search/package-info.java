/**
 * Hyper-parameter search as scikit-learn's {@code GridSearchCV} and {@code RandomizedSearchCV},
 * built on the trial executors: {@link org.atelier.core.search.ParameterGrid} and {@link
 * org.atelier.core.search.ParameterSampler} (with {@link org.atelier.core.search.ParamDistribution}s:
 * choice, uniform, log-uniform, whole numbers) give the candidates, a {@link
 * org.atelier.core.search.TrialTemplate} turns a candidate into a trial, {@link
 * org.atelier.core.search.CrossValidation} into one trial per split, and {@link
 * org.atelier.core.search.HyperparameterSearch} runs them through a {@code TrialRunner}, scores
 * them ({@link org.atelier.core.search.CvResults}, sklearn's {@code cv_results_}) and refits the
 * best ({@link org.atelier.core.search.SearchResult}).
 */
package org.atelier.core.search;

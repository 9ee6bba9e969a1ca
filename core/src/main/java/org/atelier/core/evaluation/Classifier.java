package org.atelier.core.evaluation;

import org.atelier.core.data.LabeledData;

/**
 * Something that learns from labelled samples and then classifies others: scikit-learn's {@code
 * fit}/{@code predict} pair, with the fitted state as its own object so that one classifier can be
 * fitted on many folds. {@link CrossValidation} and hold-out evaluations treat every classifier
 * (a network, k nearest neighbours, the majority-class baseline) alike through it.
 *
 * <p>Unlike scikit-learn's estimators, fitting returns a new {@link Fitted} instead of changing the
 * classifier: a fitted network holds native memory that must be freed ({@link Fitted#close()}),
 * and one classifier description can be fitted on several folds side by side.
 */
public interface Classifier {

    /** A short name for tables, e.g. {@code 5-NN}. */
    String name();

    /**
     * Learns from the training samples.
     *
     * @param train the samples to learn from, at least one
     * @return the fitted classifier; close it when done
     */
    Fitted fit(LabeledData train);

    /**
     * A classifier after fitting: classifies samples with the training samples' layout.
     *
     * <p>Closing frees what the fit holds (a model's parameters); the default does nothing.
     */
    interface Fitted extends AutoCloseable {

        /**
         * Predicts the class of every sample.
         *
         * @param data samples with the training samples' feature layout (their labels are not read)
         * @return one class index per sample
         */
        int[] predict(LabeledData data);

        @Override
        default void close() {}
    }

    /**
     * Standardizes the features before this classifier, the statistics fitted on each training part
     * only (scikit-learn's {@code make_pipeline(StandardScaler(), clf)}): the held-out samples are
     * scaled with the training part's mean and standard deviation, so nothing about them leaks into
     * the fit.
     *
     * @return the pipeline "standardize, then this classifier", named like this one
     */
    default Classifier standardized() {
        return new StandardizedClassifier(this);
    }

    /**
     * The accuracy of a fitted classifier on labelled samples.
     *
     * @param fitted the fitted classifier
     * @param data the samples and their true classes
     * @return actual against predicted classes
     */
    static ConfusionMatrix evaluate(Fitted fitted, LabeledData data) {
        return ConfusionMatrix.of(data.labels(), fitted.predict(data), data.classNames());
    }
}

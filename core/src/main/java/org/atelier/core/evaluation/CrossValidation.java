package org.atelier.core.evaluation;

import java.util.Arrays;
import java.util.List;
import org.atelier.core.data.Fold;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.stats.MeanStd;

/**
 * The accuracies of one classifier over (repeated) k-fold cross-validation: fitted on each fold's
 * training part, scored on its held-out part. Folds come from {@code
 * Splits.repeatedStratifiedKFold}; give every classifier the same folds, so that their scores
 * pair up fold by fold (as the corrected resampled t-test needs).
 *
 * @param classifier the classifier's name
 * @param folds k, folds per repetition
 * @param accuracies the held-out accuracy of every fold, repetition after repetition
 * @param trainSize the mean number of training samples per fold
 * @param testSize the mean number of held-out samples per fold
 */
public record CrossValidation(String classifier, int folds, double[] accuracies, double trainSize, double testSize) {

    /**
     * Cross-validates a classifier; anything that depends on the data (e.g. a scaler, inside
     * {@link Classifier#standardized()}) is fitted within each fold.
     *
     * @param classifier the classifier
     * @param data every sample
     * @param repetitions the folds of each repetition, all with the same k
     * @return the fold accuracies
     */
    public static CrossValidation run(Classifier classifier, LabeledData data, List<List<Fold>> repetitions) {
        int k = repetitions.get(0).size();
        int total = repetitions.stream().mapToInt(List::size).sum();
        if (repetitions.stream().anyMatch(r -> r.size() != k)) {
            throw new IllegalArgumentException("every repetition needs the same number of folds, " + k);
        }
        double[] accuracies = new double[total];
        long trainSamples = 0;
        long testSamples = 0;
        int i = 0;
        for (List<Fold> repetition : repetitions) {
            for (Fold fold : repetition) {
                TrainValidation parts = fold.split(data);
                try (Classifier.Fitted fitted = classifier.fit(parts.train())) {
                    accuracies[i++] = Classifier.evaluate(fitted, parts.validation()).accuracy();
                }
                trainSamples += fold.trainIndices().length;
                testSamples += fold.testIndices().length;
            }
        }
        return new CrossValidation(classifier.name(), k, accuracies, (double) trainSamples / total,
                (double) testSamples / total);
    }

    /** The number of repetitions. */
    public int repeats() {
        return accuracies.length / folds;
    }

    /** Mean and sample standard deviation of every fold's accuracy, over all repetitions. */
    public MeanStd all() {
        return MeanStd.of(accuracies);
    }

    /**
     * Mean and sample standard deviation of the k fold accuracies of one repetition: what a single
     * k-fold cross-validation reports.
     *
     * @param repetition the repetition, from 0
     * @return its statistics
     */
    public MeanStd repetition(int repetition) {
        return MeanStd.of(Arrays.copyOfRange(accuracies, repetition * folds, (repetition + 1) * folds));
    }

    /** The mean accuracy of each repetition: how much a k-fold estimate depends on the shuffle. */
    public double[] repetitionMeans() {
        double[] means = new double[repeats()];
        for (int r = 0; r < means.length; r++) {
            means[r] = repetition(r).mean();
        }
        return means;
    }
}

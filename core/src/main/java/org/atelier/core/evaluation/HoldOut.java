package org.atelier.core.evaluation;

import org.atelier.core.data.TrainValidation;

/**
 * One classifier fitted on a training part and scored on it and on the held-out part: the test
 * confusion matrix, the training accuracy (to compare with the test accuracy: a large gap is
 * over-fitting) and, per held-out sample, whether it was classified correctly (what a bootstrap
 * interval resamples and what McNemar's test pairs between two classifiers).
 *
 * @param classifier the classifier's name
 * @param test actual against predicted classes of the held-out part
 * @param trainAccuracy the accuracy on the training part itself
 * @param correct whether each held-out sample, in order, was classified correctly
 */
public record HoldOut(String classifier, ConfusionMatrix test, double trainAccuracy, boolean[] correct) {

    /**
     * Fits on the training part, then classifies both parts.
     *
     * @param classifier the classifier
     * @param split the training part ({@link TrainValidation#train()}) and the held-out part ({@link TrainValidation#validation()})
     * @return the scores
     */
    public static HoldOut of(Classifier classifier, TrainValidation split) {
        try (Classifier.Fitted fitted = classifier.fit(split.train())) {
            double trainAccuracy = Classifier.evaluate(fitted, split.train()).accuracy();
            int[] predicted = fitted.predict(split.validation());
            int[] actual = split.validation().labels();
            boolean[] correct = new boolean[actual.length];
            for (int i = 0; i < actual.length; i++) {
                correct[i] = predicted[i] == actual[i];
            }
            return new HoldOut(classifier.name(), ConfusionMatrix.of(actual, predicted, split.validation().classNames()),
                    trainAccuracy, correct);
        }
    }

    /** The test accuracy. */
    public double testAccuracy() {
        return test.accuracy();
    }

    /** The held-out samples' correctness as 1 (right) and 0 (wrong): their mean is the test accuracy. */
    public double[] correctness() {
        double[] values = new double[correct.length];
        for (int i = 0; i < correct.length; i++) {
            values[i] = correct[i] ? 1 : 0;
        }
        return values;
    }
}

package org.atelier.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.atelier.core.data.Fold;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

/** The baseline, k nearest neighbours, the scaling pipeline and cross-validation on data whose answers are known. */
class ClassifierTest {

    /**
     * Two classes told apart by feature 0 alone (at 0 or 1, small noise); feature 1 is noise a
     * thousand times larger. Unscaled distances see only the noise; standardized, feature 0 decides.
     */
    private static LabeledData oneInformativeFeature(int n, long seed) {
        Random random = new Random(seed);
        float[] features = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            features[2 * i] = labels[i] + (float) (0.05 * random.nextGaussian());
            features[2 * i + 1] = (float) (1000 * random.nextGaussian());
        }
        return new LabeledData("informative", new Shape(2), features, labels, List.of("a", "b"));
    }

    @Test
    void majorityPredictsTheLargestTrainingClass() {
        int[] labels = {0, 1, 1, 2, 2, 1, 0};
        LabeledData data = new LabeledData("m", new Shape(1), new float[labels.length], labels, List.of("x", "y", "z"));
        try (Classifier.Fitted fitted = new MajorityClassifier().fit(data)) {
            assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1}, fitted.predict(data));
            assertEquals(3.0 / 7, Classifier.evaluate(fitted, data).accuracy(), 1e-12);
        }
    }

    /** Cross-validated, the baseline scores exactly the majority's share of each held-out fold. */
    @Test
    void crossValidationScoresEveryFold() {
        LabeledData data = oneInformativeFeature(60, 1);
        int[] labels = new int[60];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3 == 0 ? 0 : 1; // 40 of class b, 20 of class a: b is every training part's majority
        }
        LabeledData unbalanced = new LabeledData("u", new Shape(2), data.featureValues(), labels, data.classNames());
        List<List<Fold>> folds = Splits.repeatedStratifiedKFold(unbalanced, 3, 2, 5);
        CrossValidation cv = CrossValidation.run(new MajorityClassifier(), unbalanced, folds);
        assertEquals(6, cv.accuracies().length);
        assertEquals(2, cv.repeats());
        assertEquals(40, cv.trainSize(), 1e-12);
        assertEquals(20, cv.testSize(), 1e-12);
        for (int i = 0; i < 6; i++) {
            Fold fold = folds.get(i / 3).get(i % 3);
            long b = Arrays.stream(fold.testIndices()).filter(j -> labels[j] == 1).count();
            assertEquals((double) b / fold.testIndices().length, cv.accuracies()[i], 1e-12, "fold " + i);
        }
        assertEquals(cv.all().mean(), (cv.repetitionMeans()[0] + cv.repetitionMeans()[1]) / 2, 1e-12);
    }

    /** Scaling fitted inside the pipeline rescues kNN from the large noise feature. */
    @OnEachEngine
    void standardizingDecidesWhatNearestMeans(String engine) {
        LabeledData data = oneInformativeFeature(200, 2);
        TrainValidation split = Splits.stratified(data, 0.25, 3);
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            Classifier knn = new NearestNeighborClassifier(manager, 5, 1);
            double raw;
            double scaled;
            try (Classifier.Fitted fitted = knn.fit(split.train())) {
                raw = Classifier.evaluate(fitted, split.validation()).accuracy();
            }
            try (Classifier.Fitted fitted = knn.standardized().fit(split.train())) {
                scaled = Classifier.evaluate(fitted, split.validation()).accuracy();
            }
            assertEquals("5-NN", knn.standardized().name());
            assertEquals(1.0, scaled, "standardized, feature 0 separates the classes");
            assertTrue(raw < 0.75, "unscaled, the noise feature dominates the distances: " + raw);
        }
    }
}

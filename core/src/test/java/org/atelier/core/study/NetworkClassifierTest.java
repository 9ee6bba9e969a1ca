package org.atelier.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.evaluation.Classifier;
import org.atelier.core.evaluation.CrossValidation;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.FitConfig;

/** A small network as a classifier: it learns separable blobs, repeats itself, and cross-validates. */
class NetworkClassifierTest {

    /** Three Gaussian blobs in 4-D, centres 4 standard deviations apart. */
    private static LabeledData blobs(int n) {
        Random random = new Random(4);
        float[] features = new float[4 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int d = 0; d < 4; d++) {
                features[4 * i + d] = (float) ((d == labels[i] ? 4 : 0) + random.nextGaussian());
            }
        }
        return new LabeledData("blobs", new Shape(4), features, labels, List.of("p", "q", "r"));
    }

    private static NetworkClassifier mlp(String engine) {
        FitConfig config = FitConfig.builder().optAdam(0.01f).setBatchSize(16).setEpochs(30).optSeed(3)
                .optProgress(null).build();
        return new NetworkClassifier("MLP", TestBackends.backend(engine), () -> Models.mlp(new int[] {8}, 3), config);
    }

    @OnEachEngine
    void learnsSeparableClassesReproducibly(String engine) {
        TrainValidation split = Splits.stratified(blobs(150), 0.2, 1);
        NetworkClassifier network = mlp(engine);
        double first;
        try (NetworkClassifier.FittedNetwork fitted = network.fit(split.train())) {
            first = Classifier.evaluate(fitted, split.validation()).accuracy();
            assertEquals(30, fitted.history().epochs().size());
            assertTrue(fitted.history().last().trainLoss() < fitted.history().epochs().get(0).trainLoss(), "loss falls");
        }
        assertTrue(first >= 0.9, "blobs 4 σ apart: " + first);
        try (Classifier.Fitted again = network.fit(split.train())) {
            assertEquals(first, Classifier.evaluate(again, split.validation()).accuracy(), 0, "same seed, same result");
        }
    }

    @OnEachEngine
    void crossValidatesWithScalingInsideEachFold(String engine) {
        LabeledData data = blobs(90);
        CrossValidation cv = CrossValidation.run(mlp(engine).standardized(), data,
                Splits.repeatedStratifiedKFold(data, 3, 1, 2));
        assertEquals(3, cv.accuracies().length);
        assertTrue(cv.all().mean() >= 0.85, "mean fold accuracy " + cv.all().mean());
    }
}

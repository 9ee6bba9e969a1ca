package org.atelier.core.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import java.nio.file.Path;
import java.util.List;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.Standardizer;
import org.atelier.core.data.Subset;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.Inference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One trial in process: the data recipe and its cache, kept parameters, refinement from them. */
class TrialsTest {

    @TempDir
    Path temp;

    private TrialEnvironment environment(String engine) {
        return new TrialEnvironment(engine, TestBackends.DEVICE, RealData.locator(Datasets.FASHION_MNIST).root(), temp);
    }

    @Test
    void theFashionRecipeIsStudyOnesPreparationAndIsLoadedOncePerProcess() {
        TrialEnvironment environment = environment("PyTorch");
        DataSpec spec = DataSpec.fashionMnist(7, true);
        TrialData data = Trials.data(spec, environment);
        assertSame(data, Trials.data(DataSpec.of("fashion-mnist").with("smoke", true).with("splitSeed", 7), environment),
                "the same arguments find the cached data");
        assertEquals(List.of(400, 200, 200), List.of(data.train().size(), data.validation().size(), data.test().size()));
        assertEquals(Datasets.FASHION_MNIST_CLASSES, data.classNames());

        // study 1: split 60 000 stratified (10 %), keep the heads, fit one mean and std on the training head
        LabeledData all = Datasets.fashionMnist(environment.data(), Subset.TRAIN);
        LabeledData train = Splits.stratified(all, 0.1, 7).train().head(400);
        Standardizer expected = Standardizer.fit(train, Standardizer.Mode.GLOBAL);
        assertArrayEquals(expected.mean(), data.standardizer().mean());
        assertArrayEquals(expected.std(), data.standardizer().std());
        assertArrayEquals(expected.apply(train).featureValues(), data.train().features().toFloatArray());
    }

    @OnEachEngine
    void aKeptModelLoadsBackAndARefinementStartsFromIt(String engine) {
        TrialEnvironment environment = environment(engine);
        FitSpec fit = FitSpec.builder().sgd(0.1).batchSize(32).maxEpochs(3).evaluateBeforeTraining(true)
                .earlyStopping(2, 0).restoreBest(true).build();
        TrialSpec first = TrialSpec.of("first", ModelSpec.mlp(10, 32), DataSpec.fashionMnist(42, true), fit, 5)
                .withSaveParams(true);
        TrialResult kept = Trials.run(first, environment);
        Path params = kept.params().orElseThrow();
        assertEquals(String.format("first-%04d.params", (int) kept.metric("best_epoch")), params.getFileName().toString());
        assertEquals(kept.metric("best_val_loss"), kept.metric("val_loss"), "restored: the kept parameters are the best epoch's");

        TrialSpec refinement = first.withId("first-refined").withInitialParams(params).withSaveParams(false)
                .withFit(fit.toBuilder().learningRate(0.01).build());
        TrialResult refined = Trials.run(refinement, environment);
        assertTrue(refined.succeeded(), refined.error());
        assertEquals(kept.metric("val_loss"), refined.history().initial().orElseThrow().valLoss(),
                "epoch 0 of the refinement evaluates exactly the kept parameters");
        assertTrue(refined.metric("val_loss") <= kept.metric("val_loss"));

        TrialData data = Trials.data(first.data(), environment);
        try (Model model = Trials.loadModel(first, params, environment)) {
            int[] predicted = Inference.classify(model.getBlock(), data.validation().features(), false).classes();
            float[] labels = data.validation().labels().toFloatArray();
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                correct += predicted[i] == (int) labels[i] ? 1 : 0;
            }
            assertEquals(kept.metric("val_accuracy"), correct / (double) labels.length, 1e-6,
                    "the loaded model is the kept one");
        }
    }
}

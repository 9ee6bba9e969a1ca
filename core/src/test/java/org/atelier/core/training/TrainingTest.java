package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

    private static final LabeledData BLOBS = SyntheticData.blobs(600, 8, 4, 1);

    @OnEachEngine
    void reducesLossOnASeparableProblem(String engine) {
        History history = fit(engine, Models.mlp(new int[] {16}, 4), BLOBS, null,
                base().setEpochs(10).setBatchSize(32).optSgd(0.1f).optEvaluateBeforeTraining(true));
        double initial = history.initial().orElseThrow().trainLoss();
        assertTrue(history.last().trainLoss() < initial / 4,
                "loss " + initial + " -> " + history.last().trainLoss());
        assertTrue(history.last().trainAccuracy() > 0.95, "accuracy " + history.last().trainAccuracy());
    }

    @OnEachEngine
    void sameSeedGivesTheSameHistory(String engine) {
        FitConfig.Builder config = base().setEpochs(3).setBatchSize(50).optSeed(7);
        LabeledData validation = SyntheticData.blobs(100, 8, 4, 2);
        History first = fit(engine, Models.mlp(new int[] {16}, 4), BLOBS, validation, config);
        History second = fit(engine, Models.mlp(new int[] {16}, 4), BLOBS, validation, config);
        assertEquals(numbers(first), numbers(second));
        History otherSeed = fit(engine, Models.mlp(new int[] {16}, 4), BLOBS, validation, config.optSeed(8));
        assertFalse(numbers(first).equals(numbers(otherSeed)), "a different seed should change the numbers");
    }

    /**
     * With weights w ~ N(0, 1/√n), zero biases and inputs of mean zero, the logits z = Wx of
     * different samples are independent N(0, s²) with s² = ‖x‖²/n, so the expected loss is
     * E[logsumexp(z)] − E[z_y] ≈ ln K + s²(1 − 1/K)/2. Centred pixels uniform in [−0.5, 0.5] give
     * s² ≈ 1/12: ln 10 + 0.0375. Averaged over 2000 samples the loss varies by about 0.005 between
     * weight draws (row norms of W vary by √(2/784) ≈ 5%), so 0.02 around the second-order value
     * is four standard errors and more; the ln 10 claim itself is checked to 0.06. (Positive
     * pixels add a logit offset shared by all samples, whose effect depends on the one weight draw;
     * without the 1/√n scaling, σ = 1, the loss would be about 9.)
     */
    @OnEachEngine
    void initialLossOfSoftmaxRegressionIsNearLn10(String engine) {
        LabeledData noise = SyntheticData.centredNoiseImages(2000, 10, 3);
        History history = fit(engine, Models.softmaxRegression(10), noise, null,
                base().setEpochs(1).optEvaluateBeforeTraining(true));
        double s2 = meanSquaredNorm(noise) / 784;
        double initial = history.initial().orElseThrow().trainLoss();
        assertEquals(Math.log(10) + 0.45 * s2, initial, 0.02, "initial loss " + initial);
        assertEquals(Math.log(10), initial, 0.06);
    }

    @OnEachEngine
    void fullBatchMakesOneStepPerEpoch(String engine) {
        History history = fit(engine, Models.softmaxRegression(4), BLOBS, null,
                base().setEpochs(3).setBatchSize(Integer.MAX_VALUE).optSgd(0.5f));
        assertEquals(List.of(1L, 2L, 3L), history.epochs().stream().map(EpochRecord::steps).toList());
        assertEquals(3, history.totalSteps());
    }

    /**
     * Validation labels are a shuffle of the training labels, so the better the model fits the
     * training mapping, the worse its validation loss: it rises after the first epochs.
     */
    @OnEachEngine
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement(String engine) {
        LabeledData validation = SyntheticData.shuffledLabels(SyntheticData.blobs(200, 8, 4, 5), 6);
        History history = fit(engine, Models.mlp(new int[] {16}, 4), BLOBS, validation,
                base().setEpochs(40).setBatchSize(32).optSgd(0.1f).optEvaluateBeforeTraining(true)
                        .optEarlyStopping(3, 0));
        assertTrue(history.stoppedEarly());
        assertEquals(history.bestEpoch() + 3, history.last().epoch());
        double best = history.best().valLoss();
        history.epochs().stream().filter(e -> e.epoch() > history.bestEpoch())
                .forEach(e -> assertTrue(e.valLoss() >= best, "epoch " + e.epoch() + " beat the best"));
    }

    @OnEachEngine
    void restoringTheBestEpochGivesItsValidationLossBack(String engine) {
        Backend backend = Backend.resolve(engine, "cpu");
        LabeledData validation = SyntheticData.shuffledLabels(SyntheticData.blobs(200, 8, 4, 5), 6);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("restore", backend.device(), backend.engineName())) {
            model.setBlock(Models.mlp(new int[] {16}, 4));
            LabeledArrays val = LabeledArrays.of(validation, manager);
            History history = Training.fit(model, LabeledArrays.of(BLOBS, manager), val,
                    base().setEpochs(8).setBatchSize(32).optSgd(0.1f).optRestoreBest(true).build());
            assertTrue(history.bestEpoch() < history.last().epoch(), "the test needs a best epoch before the last");
            Inference.Predictions predictions = Inference.classify(model.getBlock(), val.features(), true);
            double loss = 0;
            for (int i = 0; i < validation.size(); i++) {
                loss -= Math.log(predictions.probability(i, validation.labels()[i]));
            }
            assertEquals(history.best().valLoss(), loss / validation.size(), 1e-4);
        }
    }

    @OnEachEngine
    void savesTheParameters(String engine, @TempDir Path dir) throws Exception {
        fit(engine, Models.softmaxRegression(4), BLOBS, null, base().setEpochs(2).optSaveTo(dir));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("model-0002.params"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    static FitConfig.Builder base() {
        return FitConfig.builder().optProgress(null);
    }

    static History fit(String engine, Block block, LabeledData train, LabeledData validation, FitConfig.Builder config) {
        Backend backend = Backend.resolve(engine, "cpu");
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("model", backend.device(), backend.engineName())) {
            model.setBlock(block);
            LabeledArrays val = validation == null ? null : LabeledArrays.of(validation, manager);
            return Training.fit(model, LabeledArrays.of(train, manager), val, config.build());
        }
    }

    private static List<List<Double>> numbers(History history) {
        return history.epochs().stream()
                .map(e -> List.of(e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy()))
                .toList();
    }

    private static double meanSquaredNorm(LabeledData data) {
        double sum = 0;
        for (float v : data.featureValues()) {
            sum += v * v;
        }
        return sum / data.size();
    }
}

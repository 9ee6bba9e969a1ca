package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Transform;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;

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

    @OnEachEngine
    void historyAnswersByKerasKeys(String engine) {
        LabeledData validation = SyntheticData.blobs(100, 8, 4, 2);
        History history = fit(engine, Models.mlp(new int[] {16}, 4), BLOBS, validation,
                base().setEpochs(3).optSgd(0.05f).optEvaluateBeforeTraining(true));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy", "lr"), history.keys());
        double[] valAccuracy = history.get("val_accuracy");
        assertEquals(3, valAccuracy.length, "one value per trained epoch, epoch 0 aside");
        for (int epoch = 1; epoch <= 3; epoch++) {
            assertEquals(history.epochs().get(epoch).valAccuracy(), valAccuracy[epoch - 1]);
        }
        assertArrayEquals(new double[] {0.05f, 0.05f, 0.05f}, history.get("lr"));
        History noValidation = fit(engine, Models.softmaxRegression(4), BLOBS, null, base().setEpochs(1));
        assertEquals(List.of("loss", "accuracy", "lr"), noValidation.keys());
        assertThrows(IllegalArgumentException.class, () -> noValidation.get("val_loss"));
        assertThrows(IllegalArgumentException.class, () -> noValidation.get("acc"));
    }

    /** The transform sees every training batch once, whole, and never the evaluation passes. */
    @OnEachEngine
    void batchTransformSeesEveryTrainingBatchAndNothingElse(String engine) {
        List<Long> batchSizes = new ArrayList<>();
        Transform recorder = array -> {
            batchSizes.add(array.getShape().get(0));
            assertEquals(BLOBS.sampleShape(), array.getShape().slice(1));
            return array;
        };
        LabeledData validation = SyntheticData.blobs(100, 8, 4, 2);
        FitConfig.Builder config = base().setEpochs(2).setBatchSize(256).optSeed(3).optEvaluateBeforeTraining(true);
        History plain = fit(engine, Models.mlp(new int[] {16}, 4), BLOBS, validation, config);
        History recorded = fit(engine, Models.mlp(new int[] {16}, 4), BLOBS, validation,
                config.optBatchTransform(recorder));
        assertEquals(List.of(256L, 256L, 88L, 256L, 256L, 88L), batchSizes);
        assertEquals(plain.epochs().stream().map(EpochRecord::valLoss).toList(),
                recorded.epochs().stream().map(EpochRecord::valLoss).toList(), "an identity transform changes nothing");
        Transform zeros = NDArray::zerosLike;
        History blind = fit(engine, Models.mlp(new int[] {16}, 4), BLOBS, validation,
                base().setEpochs(5).setBatchSize(32).optBatchTransform(zeros));
        assertTrue(blind.last().trainAccuracy() < 0.5, "a model trained on zeroed batches cannot separate the blobs: "
                + blind.last().trainAccuracy());
    }

    @OnEachEngine
    void aBuiltOptimizersRateCannotBeChanged(String engine) {
        FitListener changer = new FitListener() {
            @Override
            public void onFitBegin(FitContext context) {
                context.setLearningRate(0.01);
            }
        };
        FitConfig.Builder config = base().optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(),
                Tracker.fixed(0.1f)).addListener(changer);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fit(engine, Models.softmaxRegression(4), BLOBS, null, config));
        assertTrue(e.getMessage().contains("optOptimizer(factory, schedule)"), e.getMessage());
    }

    static FitConfig.Builder base() {
        return FitConfig.builder().optProgress(null);
    }

    static History fit(String engine, Block block, LabeledData train, LabeledData validation, FitConfig.Builder config) {
        Backend backend = TestBackends.backend(engine);
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

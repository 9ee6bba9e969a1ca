package org.atelier.core.training.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.ScriptedFit;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;
import org.atelier.core.training.History;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.SyntheticData;
import org.atelier.core.training.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listeners that ship with the core: first on crafted histories (the counting rules, engine
 * free), then in real fits on each engine, where validation labels are a shuffle of the training
 * labels, so the better the model fits the training mapping, the worse its validation loss: it
 * rises after the first epochs.
 */
class ListenersTest {

    private static final LabeledData BLOBS = SyntheticData.blobs(600, 8, 4, 1);
    private static final LabeledData SHUFFLED = SyntheticData.shuffledLabels(SyntheticData.blobs(200, 8, 4, 5), 6);

    @Test
    void earlyStoppingStopsAtTheRightEpochOfACraftedHistory() {
        // best 0.5 at epoch 3; 0.49 at epoch 5 is not better by more than min delta 0.02
        EarlyStopping stopping = EarlyStopping.onValLoss(3, 0.02);
        ScriptedFit fit = new ScriptedFit(100, 0.1);
        int last = fit.run(stopping, 1.0, 0.8, 0.5, 0.6, 0.49, 0.7, 0.1, 0.1);
        assertEquals(6, last);
        assertEquals(6, stopping.stoppedEpoch());
        assertTrue(fit.stopRequested());
        EarlyStopping patient = EarlyStopping.onValLoss(10, 0);
        assertEquals(8, new ScriptedFit(100, 0.1).run(patient, 1.0, 0.8, 0.5, 0.6, 0.49, 0.7, 0.1, 0.1));
        assertEquals(0, patient.stoppedEpoch());
    }

    @Test
    void earlyStoppingOnAccuracyWaitsForARise() {
        EarlyStopping stopping = new EarlyStopping(Monitor.of("val_accuracy"), 2);
        // accuracies are 1 − loss: 0.5, 0.6, 0.6, 0.55 → no rise for two epochs after epoch 2
        assertEquals(4, new ScriptedFit(100, 0.1).run(stopping, 0.5, 0.4, 0.4, 0.45, 0.1));
    }

    @Test
    void aListenerIsResetByEachFit() {
        EarlyStopping stopping = EarlyStopping.onValLoss(2, 0);
        assertEquals(3, new ScriptedFit(100, 0.1).run(stopping, 0.5, 0.6, 0.7, 0.1));
        assertEquals(4, new ScriptedFit(100, 0.1).run(stopping, 0.9, 0.8, 0.7, 0.6));
    }

    @Test
    void reduceLrOnPlateauCountsAsKerasDoes() {
        ReduceLROnPlateau reduce = ReduceLROnPlateau.builder().factor(0.5).patience(2).cooldown(1).minDelta(0)
                .minRate(0.03).build();
        ScriptedFit fit = new ScriptedFit(100, 0.1);
        List<Double> rates = new ArrayList<>();
        FitListener both = new FitListener() {
            @Override
            public void onFitBegin(FitContext context) {
                reduce.onFitBegin(context);
            }

            @Override
            public void onEpochEnd(FitContext context, EpochRecord record) {
                reduce.onEpochEnd(context, record);
                rates.add(context.learningRate());
            }
        };
        // epoch 1 is the best; 2, 3 wait → halve; 4 is the cooldown epoch: its wait is reset, yet (as in
        // Keras, where the counter reaches 0 before the check) it counts as waiting again; 5 → halve,
        // floored at 0.03; later plateaus find the rate at the floor and leave it
        fit.run(both, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        assertEquals(List.of(0.1, 0.1, 0.05, 0.05, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03), rates);
        assertEquals(2, reduce.reductions());
    }

    @Test
    void monitorsRefuseUnknownKeysAndMissingValidation() {
        assertThrows(IllegalArgumentException.class, () -> Monitor.of("val_acc"));
        assertThrows(IllegalArgumentException.class, () -> new Monitor("loss", Monitor.Mode.MIN, -1));
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.onValLoss(0, 0));
        assertEquals(Monitor.Mode.MAX, Monitor.of("accuracy").mode());
        assertEquals(Monitor.Mode.MIN, Monitor.of("loss").mode());
    }

    @OnEachEngine
    void earlyStoppingEndsARealFitPatienceEpochsAfterTheBest(String engine) {
        History history = fit(engine, null, config().setEpochs(40).addListener(EarlyStopping.onValLoss(3, 0)));
        assertTrue(history.stoppedEarly());
        assertEquals(history.bestEpoch() + 3, history.last().epoch());
        double best = history.best().valLoss();
        history.epochs().stream().filter(e -> e.epoch() > history.bestEpoch())
                .forEach(e -> assertTrue(e.valLoss() >= best, "epoch " + e.epoch() + " beat the best"));
    }

    @OnEachEngine
    void earlyStoppingWithoutValidationDataIsRefused(String engine) {
        Backend backend = TestBackends.backend(engine);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("m", backend.device(), backend.engineName())) {
            model.setBlock(Models.softmaxRegression(4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Training.fit(model,
                    LabeledArrays.of(BLOBS, manager), null, config().addListener(EarlyStopping.onValLoss(3, 0)).build()));
            assertTrue(e.getMessage().contains("no validation data"), e.getMessage());
        }
    }

    /** The parameters the fit ends with are, bit for bit, those recorded at the end of the best epoch. */
    @OnEachEngine
    void restoreBestPutsBackTheBestEpochsParametersBitIdentical(String engine, @TempDir Path dir) throws Exception {
        ParameterRecorder recorder = new ParameterRecorder();
        BestEpochCheckpoint checkpoint = new BestEpochCheckpoint(dir, "blobs", Monitor.of("val_loss"));
        Map<String, float[]> restored = new HashMap<>();
        History history = fit(engine, restored, config().setEpochs(8).optEvaluateBeforeTraining(false).addListener(recorder)
                .addListener(new RestoreBestEpoch()).addListener(checkpoint));
        int best = history.bestEpoch();
        assertTrue(best > 0 && best < history.last().epoch(), "the test needs a best epoch inside the run: " + best);
        Map<String, float[]> atBest = recorder.byEpoch.get(best);
        assertEquals(atBest.keySet(), restored.keySet());
        atBest.forEach((name, values) -> assertArrayEquals(values, restored.get(name), name));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(String.format("blobs-%04d.params", best)),
                    files.map(p -> p.getFileName().toString()).toList(), "only the best epoch's checkpoint is kept");
        }
        assertEquals(atBest.keySet(), loadParameters(engine, checkpoint.saved()).keySet());
        loadParameters(engine, checkpoint.saved()).forEach((name, values) -> assertArrayEquals(atBest.get(name), values));
    }

    @OnEachEngine
    void reduceLrOnPlateauLowersTheRateOfARealFit(String engine) {
        ReduceLROnPlateau reduce = ReduceLROnPlateau.builder().factor(0.25).patience(2).minDelta(0).build();
        History history = fit(engine, null, config().setEpochs(12).optSgd(0.2f).addListener(reduce));
        double[] rates = history.get("lr");
        assertTrue(reduce.reductions() >= 1, "validation loss rises on shuffled labels, so the rate must drop");
        assertEquals(0.2, rates[0], 1e-7);
        int firstLower = 0;
        while (rates[firstLower] == rates[0]) {
            firstLower++;
        }
        assertEquals(0.05, rates[firstLower], 1e-7, "one reduction multiplies by the factor");
        // a record holds the rate of the epoch's updates; a reduction after the last epoch shows in none
        long changes = java.util.Arrays.stream(rates).distinct().count() - 1;
        assertTrue(changes == reduce.reductions() || changes == reduce.reductions() - 1,
                changes + " changes, " + reduce.reductions() + " reductions");
    }

    private static FitConfig.Builder config() {
        return FitConfig.builder().setEpochs(8).setBatchSize(32).optSgd(0.1f).optEvaluateBeforeTraining(true)
                .optSeed(11).optProgress(null);
    }

    /** Fits an MLP on the blobs against the shuffled validation labels; copies the final parameters into {@code end}. */
    private static History fit(String engine, Map<String, float[]> end, FitConfig.Builder config) {
        Backend backend = TestBackends.backend(engine);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("blobs", backend.device(), backend.engineName())) {
            model.setBlock(Models.mlp(new int[] {16}, 4));
            History history = Training.fit(model, LabeledArrays.of(BLOBS, manager), LabeledArrays.of(SHUFFLED, manager),
                    config.build());
            if (end != null) {
                end.putAll(values(model.getBlock()));
            }
            return history;
        }
    }

    private static Map<String, float[]> values(Block block) {
        Map<String, float[]> values = new HashMap<>();
        for (Parameter p : block.getParameters().values()) {
            values.put(p.getName() + "#" + values.size(), p.getArray().toFloatArray());
        }
        return values;
    }

    private static Map<String, float[]> loadParameters(String engine, Path file) throws Exception {
        Backend backend = TestBackends.backend(engine);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("blobs", backend.device(), backend.engineName())) {
            Block block = Models.mlp(new int[] {16}, 4);
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 8));
            model.setBlock(block);
            model.load(file.getParent(), "blobs");
            return values(model.getBlock());
        }
    }

    /** Copies every parameter to the host at the end of each epoch. */
    private static final class ParameterRecorder implements FitListener {
        final Map<Integer, Map<String, float[]>> byEpoch = new HashMap<>();

        @Override
        public void onEpochEnd(FitContext context, EpochRecord record) {
            byEpoch.put(record.epoch(), values(context.model().getBlock()));
        }
    }
}

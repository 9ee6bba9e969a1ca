package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.listener.EarlyStopping;
import org.atelier.core.training.listener.EvaluateEachEpoch;
import org.atelier.core.training.listener.ReduceLROnPlateau;
import org.atelier.core.training.listener.RestoreBestEpoch;
import org.atelier.core.transform.RandomErasing;
import org.atelier.core.transform.RandomFlipHorizontal;
import org.atelier.core.transform.TransformPipeline;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fit with a {@link TrainingBackup} that is stopped after epoch k and resumed in a fresh model
 * ends exactly where the uninterrupted fit ends: same history (but the wall times), same
 * parameters bit for bit, same listener results. The model has every kind of state a backup must
 * carry: batch-norm statistics, dropout (the engine's generator), a random batch transform, an
 * optimizer with state (Adam's moments and update counts, SGD's momentum), a learning rate reduced
 * by a listener, early stopping, the best epoch restored and a test curve.
 */
class TrainingBackupTest {

    private static final int EPOCHS = 7;

    @TempDir
    Path dir;

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        TestBackends.engines().forEach(engine -> {
            cases.add(new Object[] {engine, "adam", 3});
            cases.add(new Object[] {engine, "momentum", 1});
        });
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1}, stopped after epoch {2}")
    @MethodSource("cases")
    void resumedFitEqualsUninterruptedOne(String engine, String optimizer, int stopAfter) {
        Backend backend = TestBackends.backend(engine);
        LabeledData blobs = SyntheticData.blobs(600, 16, 4, 3);
        LabeledData held = SyntheticData.blobs(200, 16, 4, 4);
        try (NDManager manager = backend.newManager()) {
            LabeledArrays train = images(LabeledArrays.of(blobs, manager));
            LabeledArrays validation = images(LabeledArrays.of(held, manager));

            Path whole = dir.resolve("whole.backup");
            Outcome uninterrupted = fit(backend, train, validation, optimizer, whole, 0);
            assertFalse(Files.exists(whole), "a fit that ends deletes its backup");

            Path file = dir.resolve("stopped.backup");
            assertThrows(Interrupted.class, () -> fit(backend, train, validation, optimizer, file, stopAfter));
            TrainingBackup backup = TrainingBackup.at(file);
            assertEquals(new TrainingBackup.Progress(stopAfter, EPOCHS), backup.progress().orElseThrow());

            Outcome resumed = fit(backend, train, validation, optimizer, file, 0);
            assertFalse(Files.exists(file));
            assertEquals(withoutTimes(uninterrupted.history()), withoutTimes(resumed.history()));
            assertEquals(uninterrupted.history().stoppedEarly(), resumed.history().stoppedEarly());
            assertEquals(uninterrupted.parameters().keySet(), resumed.parameters().keySet());
            uninterrupted.parameters().forEach((name, value) -> assertEquals(value, resumed.parameters().get(name),
                    "parameter " + name));
            assertEquals(uninterrupted.bestEpoch(), resumed.bestEpoch());
            assertArrayEquals(uninterrupted.testLosses(), resumed.testLosses());
            assertTrue(uninterrupted.history().last().epoch() > stopAfter, "the fit trained on after the stop");
        }
    }

    @OnEachEngine
    void refusesBackupOfAnotherFitAndUnreadableFile(String engine) throws Exception {
        Backend backend = TestBackends.backend(engine);
        try (NDManager manager = backend.newManager()) {
            LabeledArrays train = images(LabeledArrays.of(SyntheticData.blobs(200, 16, 4, 3), manager));
            Path file = dir.resolve("other.backup");
            assertThrows(Interrupted.class, () -> fit(backend, train, null, "adam", file, 1, 7));
            AtelierException other = assertThrows(AtelierException.class,
                    () -> fit(backend, train, null, "adam", file, 0, 8));
            assertTrue(other.getMessage().contains("belongs to another fit (seed 7, not 8)"), other.getMessage());
            assertTrue(Files.exists(file), "a backup of another fit is left for the user to delete");

            Files.writeString(file, "not a backup");
            AtelierException unreadable = assertThrows(AtelierException.class,
                    () -> fit(backend, train, null, "adam", file, 0, 7));
            assertTrue(unreadable.getMessage().contains("delete it to train from the start"), unreadable.getMessage());
            assertTrue(TrainingBackup.at(file).progress().isEmpty());
        }
    }

    @OnEachEngine
    void eachEpochDrawsTheSameWhateverCameBefore(String engine) {
        // The batch order of epoch k does not depend on whether epochs 1..k-1 were drawn.
        Backend backend = TestBackends.backend(engine);
        try (NDManager manager = backend.newManager()) {
            LabeledArrays data = LabeledArrays.of(SyntheticData.blobs(50, 4, 2, 1), manager);
            TensorBatches batches = new TensorBatches(data, 50, 9L);
            float[] first = labelsOf(batches.getData(manager));
            float[] second = labelsOf(batches.getData(manager));
            assertFalse(java.util.Arrays.equals(first, second), "epochs are shuffled differently");
            assertArrayEquals(second, labelsOf(new TensorBatches(data, 50, 9L).epoch(manager, 2)));
        }
    }

    private static float[] labelsOf(Iterable<ai.djl.training.dataset.Batch> epoch) {
        ai.djl.training.dataset.Batch batch = epoch.iterator().next();
        try (batch) {
            return batch.getLabels().head().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        }
    }

    /** The 16 features of each sample as a 1×4×4 image, so that image transforms apply. */
    private static LabeledArrays images(LabeledArrays data) {
        return new LabeledArrays(data.features().reshape(-1, 1, 4, 4), data.labels());
    }

    /** What a fit ended with. */
    private record Outcome(History history, Map<String, StoredArray> parameters, int bestEpoch, double[] testLosses) {}

    private Outcome fit(Backend backend, LabeledArrays train, LabeledArrays validation, String optimizer, Path backup,
            int stopAfter) {
        return fit(backend, train, validation, optimizer, backup, stopAfter, 5);
    }

    private Outcome fit(Backend backend, LabeledArrays train, LabeledArrays validation, String optimizer, Path backup,
            int stopAfter, long seed) {
        SequentialBlock block = new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(16).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(4).build());
        FitConfig.Builder config = FitConfig.builder().setEpochs(EPOCHS).setBatchSize(32).optSeed(seed)
                .optProgress(null).optBackup(backup)
                .optBatchTransform(TransformPipeline.of(List.of(new RandomFlipHorizontal(0.5, seed),
                        new RandomErasing(0.5, 0.05, 0.3, seed + 1))));
        if ("adam".equals(optimizer)) {
            config.optAdam(0.01f);
        } else {
            config.optOptimizer(rate -> Optimizer.sgd().setLearningRateTracker(rate).optMomentum(0.9f).build(),
                    Tracker.fixed(0.05f));
        }
        RestoreBestEpoch restore = null;
        EvaluateEachEpoch test = null;
        if (validation != null) {
            restore = new RestoreBestEpoch();
            test = new EvaluateEachEpoch("test", validation);
            config.addListener(ReduceLROnPlateau.builder().patience(1).factor(0.5).minDelta(0.05).build())
                    .addListener(EarlyStopping.onValLoss(3, 0.02)).addListener(restore).addListener(test);
        }
        config.addListener(new Interruption(stopAfter));
        try (Model model = Model.newInstance("m", backend.device(), backend.engineName())) {
            model.setBlock(block);
            History history = Training.fit(model, train, validation, config.build());
            Map<String, StoredArray> parameters = new LinkedHashMap<>();
            for (var pair : block.getParameters()) {
                Parameter parameter = pair.getValue();
                parameters.put(pair.getKey(), StoredArray.of(parameter.getArray()));
            }
            return new Outcome(history, parameters, restore == null ? -1 : restore.bestEpoch(),
                    test == null ? new double[0] : test.curve().loss());
        }
    }

    /** The history with every wall time set to 0, the one thing that differs between equal fits. */
    private static List<EpochRecord> withoutTimes(History history) {
        return history.epochs().stream().map(e -> new EpochRecord(e.epoch(), e.trainLoss(), e.trainAccuracy(),
                e.valLoss(), e.valAccuracy(), e.learningRate(), 0, e.steps())).toList();
    }

    /** Stands for a process that stops: fails as epoch {@code stopAfter + 1} begins (never when 0). */
    private static final class Interruption implements FitListener {
        private final int stopAfter;

        Interruption(int stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void onEpochBegin(FitContext context, int epoch) {
            if (stopAfter > 0 && epoch == stopAfter + 1) {
                throw new Interrupted();
            }
        }
    }

    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("stopped for the test");
        }
    }
}

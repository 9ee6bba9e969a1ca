package org.atelier.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.tracker.Tracker;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.History;
import org.atelier.core.training.LabelSmoothingLoss;
import org.atelier.core.training.SplitCurve;
import org.atelier.core.training.listener.CosineSchedule;
import org.atelier.core.training.listener.EarlyStopping;
import org.atelier.core.training.listener.RestoreBestEpoch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs and results as values: serialization, validation, names, the fit configuration, progress lines. */
class TrialValuesTest {

    @TempDir
    Path temp;

    private static TrialSpec fullSpec() {
        FitSpec fit = FitSpec.builder().adam(1e-3).batchSize(128).maxEpochs(30).evaluateBeforeTraining(true)
                .initializer("xavier").earlyStopping(5, 1e-4).restoreBest(true)
                .batchTransform(TransformSpec.pipeline(List.of(TransformSpec.of("flip-horizontal", Map.of("p", "0.5")),
                        TransformSpec.of("random-crop", Map.of("padding", "2")))))
                .evaluateTest(true).trainLastLayers(1).build();
        return new TrialSpec("cnn-lr-0.001-seed-42", ModelSpec.cnn(10, 0.25),
                DataSpec.of("mnist").with("validation", 0.2).with("smoke", true), fit, 42,
                "/runs/x/trials/base-0004.params", true);
    }

    @Test
    void specsAndResultsSurviveTheRoundTripThroughAFile() throws Exception {
        TrialSpec spec = fullSpec();
        Path specFile = temp.resolve("0.spec");
        TrialFiles.write(specFile, spec);
        TrialSpec read = TrialFiles.read(specFile, TrialSpec.class);
        assertEquals(spec, read);
        assertNotSame(spec, read);

        History history = new History(List.of(
                new EpochRecord(0, 2.3, 0.1, Double.NaN, Double.NaN, 0.1, 0.5, 0),
                new EpochRecord(1, 0.4 + 1e-17, 0.85, 0.5, 0.8, 0.1, 1.25, 938)), true);
        TrialResult result = new TrialResult("a", history, Trials.metrics(history, false), "/tmp/a-0001.params", 3.5, null,
                new SplitCurve("test", new int[] {0, 1}, new double[] {2.3, Double.NaN}, new double[] {0.1, 0.8 + 1e-17}));
        TrialFiles.write(temp.resolve("0.result"), result);
        assertEquals(result, TrialFiles.read(temp.resolve("0.result"), TrialResult.class), "every double bit for bit, NaN too");
        TrialResult failed = TrialResult.failed("b", "unknown model factory 'x'", 0.25);
        TrialFiles.write(temp.resolve("1.result"), failed);
        assertEquals(failed, TrialFiles.read(temp.resolve("1.result"), TrialResult.class));
        assertThrows(java.io.IOException.class, () -> TrialFiles.read(specFile, TrialResult.class));
    }

    @Test
    void aPipelineSpecBuildsItsStepsInOrderEachWithItsOwnSeed() {
        TransformSpec spec = TransformSpec.pipeline(List.of(TransformSpec.of("random-crop", Map.of("padding", "3")),
                TransformSpec.of("flip-horizontal", Map.of())));
        assertEquals(Map.of("1", "random-crop", "1.padding", "3", "2", "flip-horizontal"), spec.args());
        var pipeline = (org.atelier.core.transform.TransformPipeline) TrialRegistry.instance().transform(spec.name())
                .create(spec.args(), 7);
        assertEquals(List.of(org.atelier.core.transform.RandomCrop.class,
                org.atelier.core.transform.RandomFlipHorizontal.class),
                pipeline.steps().stream().map(Object::getClass).toList());
        assertEquals(3, ((org.atelier.core.transform.RandomCrop) pipeline.steps().get(0)).padding());
        assertThrows(org.atelier.core.AtelierException.class, () -> TrialRegistry.instance().transform("pipeline")
                .create(Map.of("2", "flip-horizontal"), 7), "steps are numbered from 1");
    }

    @Test
    void onlyValueClassesAreDeserialized() throws Exception {
        Path file = temp.resolve("foreign");
        TrialFiles.write(file, new java.util.concurrent.atomic.AtomicLong(3));
        assertThrows(java.io.InvalidClassException.class, () -> TrialFiles.read(file, Object.class));
    }

    @Test
    void idsMustBeFileNameSafeAndUniqueInARun() {
        assertThrows(IllegalArgumentException.class, () -> fullSpec().withId("../escape"));
        assertThrows(IllegalArgumentException.class, () -> fullSpec().withId("a b"));
        assertThrows(IllegalArgumentException.class, () -> fullSpec().withId(".hidden"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Trials.requireUniqueIds(List.of(fullSpec(), fullSpec())));
        assertTrue(twice.getMessage().contains("'cnn-lr-0.001-seed-42'"), twice.getMessage());
    }

    @Test
    void unknownNamesAreOneLineWithTheChoices() {
        TrialRegistry registry = TrialRegistry.instance();
        assertEquals("unknown model factory 'resnet'; choices: cnn, cnn-batchnorm, deep-mlp, mlp, mlp-bn, softmax",
                assertThrows(AtelierException.class, () -> registry.model("resnet")).getMessage());
        String data = assertThrows(AtelierException.class, () -> registry.data("cifar")).getMessage();
        assertTrue(data.startsWith("unknown data recipe 'cifar'; choices: ") && data.contains("fashion-mnist, mnist"), data);
        assertEquals("unknown initializer 'he'; choices: glorot-uniform, he-normal, normal-fan-in, uniform-fan-in, xavier",
                assertThrows(AtelierException.class, () -> registry.initializer("he")).getMessage());
        assertEquals("unknown batch transform 'flip'; choices: flip-horizontal, pipeline, random-affine, random-crop, random-erasing",
                assertThrows(AtelierException.class, () -> registry.transform("flip")).getMessage());
        assertTrue(registry.transform("flip-horizontal").create(Map.of("p", "0.25"), 1).toString().contains("0.25"));
        assertEquals("RandomCrop(padding=3)", registry.transform("random-crop").create(Map.of("padding", "3"), 1).toString());
        assertEquals("RandomErasing(p=0.25, min_area=0.1, max_area=0.2)", registry.transform("random-erasing")
                .create(Map.of("p", "0.25", "min_area", "0.1", "max_area", "0.2"), 1).toString());
        assertEquals("RandomAffine(max_degrees=10.0, max_shift=0.05)", registry.transform("random-affine")
                .create(Map.of("max_degrees", "10", "max_shift", "0.05"), 1).toString());
        assertEquals("unknown optimizer 'rmsprop'; choices: sgd, adam", assertThrows(AtelierException.class,
                () -> new FitSpec("rmsprop", 0.1, 64, 1, false, null, null, false, null)).getMessage());
        assertEquals("model mlp takes hidden-layer widths, whole numbers ≥ 1; got 'wide'", assertThrows(
                AtelierException.class, () -> registry.model("mlp").create(List.of("wide"), 10)).getMessage());
        assertEquals("unknown argument 'valdation' for data recipe fashion-mnist; known: fold, foldKind, folds, smoke,"
                + " splitSeed, standardize, validation", assertThrows(AtelierException.class, () -> registry.data("fashion-mnist")
                        .load(Map.of("valdation", "0.1"), null)).getMessage());
    }

    @Test
    void pluginsCannotRegisterANameTwice() {
        TrialComponents copy = new TrialComponents() {
            @Override
            public Map<String, ModelFactory> models() {
                return Map.of("mlp", (args, classes) -> null);
            }
        };
        String message = assertThrows(AtelierException.class, () -> TrialRegistry.of(List.of(copy))).getMessage();
        assertTrue(message.startsWith("two plugins register the model factory 'mlp'"), message);
    }

    @Test
    void theFitConfigurationHasTheSettingsAndListenersInOrder() {
        FitSpec fit = FitSpec.builder().sgd(0.05).batchSize(100).maxEpochs(12).evaluateBeforeTraining(true)
                .earlyStopping(3, 0.001).restoreBest(true).build();
        FitConfig config = fit.toFitConfig(9);
        assertEquals(List.of(100, 12, 9L, true), List.of(config.batchSize(), config.epochs(), config.seed(),
                config.evaluateBeforeTraining()));
        assertEquals(0.05f, config.learningRate().getNewValue(0));
        assertEquals(2, config.listeners().size(), "no progress printer in a trial");
        EarlyStopping stopping = assertInstanceOf(EarlyStopping.class, config.listeners().get(0));
        assertEquals(3, stopping.patience());
        assertEquals(0.001, stopping.monitor().minDelta());
        assertInstanceOf(RestoreBestEpoch.class, config.listeners().get(1));
        assertEquals(fit, fit.toBuilder().build());
        assertFalse(FitSpec.builder().build().toFitConfig(1).evaluateBeforeTraining());
    }

    @Test
    void smoothingWeightDecayAndCosineBecomeTheLossTheOptimizerAndTheFirstListener() {
        FitSpec fit = FitSpec.builder().adam(0.002).maxEpochs(4).weightDecay(0.05).labelSmoothing(0.1).cosine(0.01, 1)
                .earlyStopping(3, 0).build();
        FitConfig config = fit.toFitConfig(5);
        assertEquals(0.1, assertInstanceOf(LabelSmoothingLoss.class, config.loss()).smoothing(), 1e-12);
        assertInstanceOf(AdamW.class, config.newOptimizer(Tracker.fixed(0.002f)));
        assertInstanceOf(CosineSchedule.class, config.listeners().get(0));
        assertInstanceOf(EarlyStopping.class, config.listeners().get(1));
        assertEquals(fit, fit.toBuilder().build());
        assertTrue(fit.toString().contains("weight decay 0.05, label smoothing 0.1, cosine decay"), fit.toString());
        FitConfig plain = FitSpec.builder().adam(0.002).build().toFitConfig(5);
        assertFalse(plain.loss() instanceof LabelSmoothingLoss);
        assertInstanceOf(Adam.class, plain.newOptimizer(Tracker.fixed(0.002f)));
        assertThrows(IllegalArgumentException.class, () -> FitSpec.builder().labelSmoothing(1).build());
        assertThrows(IllegalArgumentException.class, () -> FitSpec.builder().weightDecay(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> FitSpec.builder().cosine(0, 0).build());
    }

    @Test
    void progressLinesCountTrialsAndEstimateTheTimeLeft() {
        History history = new History(List.of(new EpochRecord(1, 0.5, 0.8, 0.41234, 0.85, 0.1, 12.3, 10)), false);
        TrialResult done = new TrialResult("minibatch-lr-0.1-seed-42", history, Trials.metrics(history, false), null,
                12.34, null);
        assertEquals("trial 3/12 done: minibatch-lr-0.1-seed-42 (val loss 0.4123, 12.3 s), ETA 1m40s",
                TrialProgress.line(done, 3, 0, 12, 100.0 * 3 / 9));
        assertEquals("trial 2/2 FAILED: b (unknown model factory 'x', 0.3 s), 1 failed, all done in 2h05m",
                TrialProgress.line(TrialResult.failed("b", "unknown model factory 'x'", 0.25), 2, 1, 2, 7500));
        assertEquals("trial 4/12 done: minibatch-lr-0.1-seed-42 (val loss 0.4123, 12.3 s), 2 failed, ETA 1m20s",
                TrialProgress.line(done, 4, 2, 12, 40.0), "the failures so far stay in every later line");
        assertEquals("45s", TrialProgress.duration(45.2));
        History unvalidated = new History(List.of(new EpochRecord(1, 0.31234, 0.8, Double.NaN, Double.NaN, 0.1, 12.3,
                10)), false);
        TrialResult trainedOnAll = new TrialResult("final-seed-42", unvalidated, Trials.metrics(unvalidated, false), null,
                12.34, null);
        assertEquals("trial 1/3 done: final-seed-42 (train loss 0.3123, 12.3 s), ETA 20s",
                TrialProgress.line(trainedOnAll, 1, 0, 3, 10), "no validation data: the training loss, not NaN");
        assertEquals("trial 1/3 done: minibatch-lr-0.1-seed-42 (val loss 0.4123, 12.3 s), ETA 20s",
                TrialProgress.line(done, 1, 0, 3, 200, 20, 2), "20 epochs took 200 s, 2 are left");
    }

    @Test
    void theEstimateWeighsEachTrialByItsPlannedEpochs() {
        FitSpec twenty = FitSpec.builder().sgd(0.1).batchSize(32).maxEpochs(20).build();
        FitSpec two = twenty.toBuilder().maxEpochs(2).build();
        List<TrialSpec> specs = List.of(TrialSpec.of("final", ModelSpec.mlp(10, 32), DataSpec.fashionMnist(42, true),
                twenty, 1), TrialSpec.of("short-1", ModelSpec.mlp(10, 32), DataSpec.fashionMnist(42, true), two, 1),
                TrialSpec.of("short-2", ModelSpec.mlp(10, 32), DataSpec.fashionMnist(42, true), two, 1));
        TrialProgress progress = TrialProgress.of(null, specs, result -> { });
        History history = new History(List.of(new EpochRecord(1, 0.5, 0.8, 0.41234, 0.85, 0.1, 12.3, 10)), false);
        progress.finished(new TrialResult("final", history, Trials.metrics(history, false), null, 1, null));
        assertEquals(4.0 / 20, progress.timeLeftPerTimeSoFar(), 1e-12, "4 of 24 planned epochs left after 20");
        progress.finished(new TrialResult("short-2", history, Trials.metrics(history, false), null, 1, null));
        assertEquals(2.0 / 22, progress.timeLeftPerTimeSoFar(), 1e-12);
        TrialProgress unweighted = new TrialProgress(null, 3);
        unweighted.finished(new TrialResult("final", history, Trials.metrics(history, false), null, 1, null));
        assertEquals(2.0, unweighted.timeLeftPerTimeSoFar(), 1e-12, "one trial, one unit, without the specs");
        assertEquals(2, progress.done());
    }

    @Test
    void workersDivideTheCoresUnlessThereIsOneOrThisJvmPinsThreads() {
        TrialEnvironment environment = new TrialEnvironment("PyTorch", "cpu", temp, temp);
        String threads = String.valueOf(ChildJvmTrialExecutor.threadsPerWorker(2));
        JvmCommand divided = new ChildJvmTrialExecutor(2).workerCommand(temp, environment, false);
        assertTrue(divided.command().contains("-Dai.djl.pytorch.num_threads=" + threads), divided.toString());
        assertTrue(divided.command().contains("-Dai.djl.pytorch.num_interop_threads=" + threads), divided.toString());
        assertEquals(Map.of("OMP_NUM_THREADS", threads, "MKL_NUM_THREADS", threads), divided.environment());
        List<String> tail = divided.command().subList(divided.command().indexOf(TrialWorker.class.getName()),
                divided.command().size());
        assertEquals(List.of(TrialWorker.class.getName(), temp.toString(), "--engine", "PyTorch", "--device", "cpu",
                "--data-dir", temp.toString(), "--out", temp.toString()), tail);
        assertEquals(divided.command().get(divided.command().indexOf("-cp") + 1), System.getProperty("java.class.path"));

        for (JvmCommand inherited : List.of(new ChildJvmTrialExecutor(1).workerCommand(temp, environment, false),
                new ChildJvmTrialExecutor(2).workerCommand(temp, environment, true))) {
            assertEquals(Map.of(), inherited.environment());
            assertFalse(inherited.command().stream().anyMatch(o -> o.startsWith("-Dai.djl.pytorch.num_threads")
                    && System.getProperty("ai.djl.pytorch.num_threads") == null), inherited.toString());
        }
        assertEquals(1, ChildJvmTrialExecutor.threadsPerWorker(Runtime.getRuntime().availableProcessors() * 2));
    }

    @Test
    void failedTrialsStopStepsThatNeedThemAll() {
        History history = new History(List.of(new EpochRecord(1, 0.5, 0.8, 0.4, 0.85, 0.1, 1, 10)), false);
        List<TrialResult> results = List.of(new TrialResult("a", history, Map.of(), null, 1, null),
                TrialResult.failed("b", "out of memory", 1));
        assertEquals("1 of 2 trials failed: b (out of memory)",
                assertThrows(AtelierException.class, () -> TrialResult.requireSucceeded(results)).getMessage());
    }
}

package org.atelier.core.prediction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atelier.core.AtelierException;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Standardizer;
import org.atelier.core.engine.Backend;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.Inference;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.Training;
import org.atelier.core.trial.JvmCommand;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelTest {

    private static final int TEST_IMAGES = 300;

    @TempDir
    Path dir;

    /** Images whose class is the brighter of two halves, so that a short fit learns something. */
    private static LabeledData halves(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] pixels = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            for (int p = 0; p < 784; p++) {
                boolean left = p % 28 < 14;
                pixels[i * 784 + p] = random.nextFloat() * (left == (labels[i] == 0) ? 1f : 0.6f);
            }
        }
        return new LabeledData("halves", new ai.djl.ndarray.types.Shape(1, 28, 28), pixels, labels, List.of("left", "right"));
    }

    /**
     * Trains a CNN with batch normalization and dropout (so running statistics and inference mode
     * matter), saves it, loads it in a fresh JVM on the same engine (bit-identical probabilities on
     * 300 held-out images) and on the other engine (same classes, probabilities within 1e-4).
     */
    @OnEachEngine
    void loadsInAFreshJvmWithBitIdenticalPredictions(String engine) throws Exception {
        Backend backend = TestBackends.backend(engine);
        LabeledData train = halves(512, 1);
        LabeledData test = halves(TEST_IMAGES, 2);
        Standardizer standardizer = Standardizer.fit(train, Standardizer.Mode.GLOBAL);
        ModelSpec spec = ModelSpec.cnnBatchNorm(2, 0.5);
        Path modelDir = dir.resolve("models").resolve("cnn");
        float[] expected;
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("cnn", backend.device(), backend.engineName())) {
            model.setBlock(TrialRegistry.instance().model(spec.factory()).create(spec.args(), 2));
            Training.fit(model, LabeledArrays.of(standardizer.apply(train), manager), null,
                    FitConfig.builder().setEpochs(2).setBatchSize(64).optAdam(0.01f).optSeed(3).optProgress(null).build());
            expected = Inference.classify(model.getBlock(), standardizer.apply(test).features(manager), true)
                    .probabilities();
            model.setProperty("Epoch", "2");
            ModelManifest saved = SavedModel.save(model, modelDir, ModelManifest.of("cnn", "CNN with batch norm", spec,
                    new long[] {1, 28, 28}, ModelManifest.MNIST_DIGIT, Normalization.of(standardizer), test.classNames()));
            assertEquals("cnn-0002.params", saved.parametersFile());
            assertEquals(backend.engineName(), saved.engine());
        }
        assertEquals(0.9, accuracy(expected, test), 0.1, "the fit learned the halves");
        Path inputs = dir.resolve("inputs.bin");
        LoadInFreshJvm.writeInputs(inputs, test.featureValues(), test.size());

        float[] sameEngine = loadInChild(modelDir, engine, inputs);
        assertEquals(expected.length, sameEngine.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(sameEngine[i]),
                    "probability " + i + " differs: " + expected[i] + " vs " + sameEngine[i]);
        }
        String other = engine.equalsIgnoreCase("PyTorch") ? "MXNet" : "PyTorch";
        if (TestBackends.engines().anyMatch(other::equalsIgnoreCase)) {
            float[] otherEngine = loadInChild(modelDir, other, inputs);
            assertArrayEquals(expected, otherEngine, 1e-4f, "the other engine computes the same model");
            assertEquals(accuracy(expected, test), accuracy(otherEngine, test));
        }
    }

    private static double accuracy(float[] probabilities, LabeledData data) {
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            int predicted = probabilities[2 * i] >= probabilities[2 * i + 1] ? 0 : 1;
            correct += predicted == data.labels()[i] ? 1 : 0;
        }
        return correct / (double) data.size();
    }

    private float[] loadInChild(Path modelDir, String engine, Path inputs) throws IOException, InterruptedException {
        Path out = dir.resolve("probabilities-" + engine + ".bin");
        Path log = dir.resolve("child-" + engine + ".log");
        Process child = JvmCommand.of(LoadInFreshJvm.class.getName(),
                List.of(modelDir.toString(), engine, inputs.toString(), out.toString()))
                .processBuilder().redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM finished in time");
        assertEquals(0, child.exitValue(), () -> "child failed: " + readQuietly(log));
        return LoadInFreshJvm.readProbabilities(out);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void refusesDamagedOrIncompleteDirectories() throws Exception {
        Backend backend = TestBackends.backend(TestBackends.engines().findFirst().orElseThrow());
        ModelSpec spec = ModelSpec.mlp(3, 8);
        Path modelDir = dir.resolve("mlp");
        try (Model model = Model.newInstance("mlp", backend.device(), backend.engineName())) {
            model.setBlock(TrialRegistry.instance().model(spec.factory()).create(spec.args(), 3));
            model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                    new ai.djl.ndarray.types.Shape(1, 4));
            SavedModel.save(model, modelDir, ModelManifest.of("mlp", "MLP", spec, new long[] {4}, "none",
                    Normalization.none(), List.of("a", "b", "c")));
        }
        try (SavedModel loaded = SavedModel.load(modelDir, backend)) {
            assertEquals(List.of("a", "b", "c"), loaded.classNames());
            assertEquals(3, loaded.classify(new float[8], 2).numClasses());
        }
        assertProblem(dir.resolve("nothing"), "holds no model.json", backend);
        Path params = modelDir.resolve("mlp-0000.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 1] ^= 1;
        Files.write(params, bytes);
        assertProblem(modelDir, "does not match the SHA-256", backend);
        Files.delete(params);
        assertProblem(modelDir, "lacks its parameter file mlp-0000.params", backend);
        Files.writeString(modelDir.resolve(SavedModel.MANIFEST), "{\"format\": \"atelier-model\", \"format_version\": 1}");
        assertProblem(modelDir, "is incomplete", backend);
        Files.writeString(modelDir.resolve(SavedModel.MANIFEST), "{\"format\": \"atelier-model\", \"format_version\": 7}");
        assertProblem(modelDir, "has format version 7", backend);
        Files.writeString(modelDir.resolve(SavedModel.MANIFEST), "not json {");
        assertProblem(modelDir, "cannot read", backend);
    }

    private static void assertProblem(Path modelDir, String part, Backend backend) {
        AtelierException e = assertThrows(AtelierException.class, () -> SavedModel.load(modelDir, backend).close());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void runIndexNamesTheDefaultAndRefusesUnknownModels() throws Exception {
        Path run = dir.resolve("run");
        new RunModels("b", List.of(new RunModels.Entry("a", "model A", "val 0.9"),
                new RunModels.Entry("b", "model B", "val 0.95"))).write(run);
        assertEquals(run.resolve("models").resolve("b"), RunModels.resolve(run, null));
        assertEquals(run.resolve("models").resolve("a"), RunModels.resolve(run, "a"));
        AtelierException unknown = assertThrows(AtelierException.class, () -> RunModels.resolve(run, "c"));
        assertTrue(unknown.getMessage().endsWith("saved no model 'c'; choices: a, b"), unknown.getMessage());
        Files.createDirectories(dir.resolve("empty-run"));
        AtelierException none = assertThrows(AtelierException.class, () -> RunModels.resolve(dir.resolve("empty-run"), null));
        assertTrue(none.getMessage().contains("holds no saved models"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RunModels("z", List.of(new RunModels.Entry("a", "A", ""))));
    }
}

package org.atelier.core.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.training.SplitCurve;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning as trials: a model pre-trained on MNIST is loaded into a Fashion-MNIST trial that
 * trains only its output layer. Frozen parameters must come out bit for bit as they went in, the
 * output layer must change, and the test curve is recorded epoch by epoch.
 */
class FineTuningTrialTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void frozenParametersStayBitForBitAndOnlyTheOutputLayerLearns(String engine) {
        TrialEnvironment environment = new TrialEnvironment(engine, "cpu",
                RealData.locator(Datasets.FASHION_MNIST).root(), temp);
        FitSpec fit = FitSpec.builder().sgd(0.05).batchSize(32).maxEpochs(2).evaluateBeforeTraining(true).build();
        TrialSpec pretrain = TrialSpec.of("pretrain", ModelSpec.cnn(10, 0.5), DataSpec.of(Datasets.MNIST)
                .with("smoke", true), fit.toBuilder().restoreBest(true).build(), 3).withSaveParams(true);
        TrialResult pretrained = Trials.run(pretrain, environment);
        assertTrue(pretrained.succeeded(), pretrained.error());
        Path start = pretrained.params().orElseThrow();

        TrialSpec finetune = TrialSpec.of("finetune", ModelSpec.cnn(10, 0.5), DataSpec.fashionMnist(42, true),
                fit.toBuilder().trainLastLayers(1).evaluateTest(true).build(), 4).withInitialParams(start)
                .withSaveParams(true);
        TrialResult tuned = Trials.run(finetune, environment);
        assertTrue(tuned.succeeded(), tuned.error());

        Map<String, float[]> before = parameters(finetune, start, environment);
        Map<String, float[]> after = parameters(finetune, tuned.params().orElseThrow(), environment);
        for (String name : before.keySet()) {
            if (name.startsWith("12Linear")) {
                assertFalse(java.util.Arrays.equals(before.get(name), after.get(name)), name + " (fc2) was trained");
            } else {
                assertArrayEquals(before.get(name), after.get(name), name + " is frozen: unchanged bit for bit");
            }
        }

        SplitCurve test = tuned.requireTestCurve();
        assertArrayEquals(new int[] {0, 1, 2}, test.epochs());
        for (double accuracy : test.accuracy()) {
            assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        }
        assertTrue(test.bestAccuracyEpoch() >= 1);
        assertEquals(null, pretrained.testCurve(), "no test curve unless asked for");
    }

    private static Map<String, float[]> parameters(TrialSpec spec, Path file, TrialEnvironment environment) {
        Map<String, float[]> values = new LinkedHashMap<>();
        try (Model model = Trials.loadModel(spec, file, environment)) {
            for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        assertEquals(8, values.size(), "weights and biases of conv1, conv2, fc1, fc2: " + values.keySet());
        return values;
    }
}

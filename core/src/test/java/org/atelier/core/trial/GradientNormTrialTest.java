package org.atelier.core.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.atelier.core.data.Datasets;
import org.atelier.core.models.DeepMlp;
import org.atelier.core.models.DeepMlp.Nonlinearity;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.listener.GradientNormTrace;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial that samples gradient norms ({@link FitSpec#gradientNormEvery}) returns them with its
 * result, and they survive what results go through: the worker's serialization filter and the
 * cache that {@code --resume} reads.
 */
class GradientNormTrialTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void theTraceTravelsWithTheResult(String engine) throws Exception {
        TrialEnvironment environment = new TrialEnvironment(engine, TestBackends.DEVICE,
                RealData.locator(Datasets.FASHION_MNIST).root(), temp);
        FitSpec fit = FitSpec.builder().sgd(0.05).batchSize(50).maxEpochs(2).evaluateBeforeTraining(true)
                .initializer(FitSpec.UNIFORM_FAN_IN).gradientNormEvery(3).build();
        TrialSpec spec = TrialSpec.of("sigmoid-6", ModelSpec.deepMlp(10, new DeepMlp(6, 16, Nonlinearity.SIGMOID,
                false, false)), DataSpec.fashionMnist(42, true), fit, 7);
        TrialResult result = Trials.run(spec, environment);
        assertTrue(result.succeeded(), result.error());
        GradientNormTrace trace = result.requireGradientNorms();
        assertEquals(7, trace.layerCount(), "6 hidden layers and the output layer");
        // 400 smoke images, batch 50: 8 updates per epoch, 16 in all, sampled at 0, 3, …, 15
        assertArrayEquals(new long[] {0, 3, 6, 9, 12, 15}, trace.steps());
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2}, trace.epochs());
        double[] atInit = trace.atInitialization();
        assertTrue(atInit[0] < atInit[6] / 100, "6 sigmoid layers: the first layer's gradient is < 1 % of the output's");

        Path file = temp.resolve("result.bin");
        TrialFiles.write(file, result);
        assertEquals(trace, TrialFiles.read(file, TrialResult.class).gradientNorms(), "through the workers' filter");

        TrialCache cache = new TrialCache(temp);
        cache.keep(spec, result);
        assertEquals(trace, cache.find(spec).orElseThrow().gradientNorms(), "reused on --resume");
        assertNull(Trials.run(spec.withFit(fit.toBuilder().gradientNormEvery(0).build()), environment).gradientNorms(),
                "no sampling, no trace");
    }
}

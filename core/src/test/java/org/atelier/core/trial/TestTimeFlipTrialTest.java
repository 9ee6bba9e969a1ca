package org.atelier.core.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial with test-time flipping ({@link FitSpec#testTimeFlip()}) records the flipped test curve
 * and, from the same forward passes, the unflipped one; the same trial without flipping trains
 * the same model (same seed, same batches) and records exactly that unflipped curve.
 */
class TestTimeFlipTrialTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void recordsBothCurvesOfOneTraining(String engine) throws Exception {
        TrialEnvironment environment = new TrialEnvironment(engine, TestBackends.DEVICE,
                RealData.locator(Datasets.FASHION_MNIST).root(), temp);
        FitSpec plainFit = FitSpec.builder().adam(0.002).batchSize(64).maxEpochs(2).evaluateTest(true)
                .batchTransform(TransformSpec.of("flip-horizontal", Map.of())).build();
        DataSpec data = DataSpec.fashionMnist(42, true).with("validation", 0);
        ModelSpec model = ModelSpec.mlp(10, new int[] {32}, true, 0.1);
        TrialResult flipped = Trials.run(TrialSpec.of("flipped", model, data,
                plainFit.toBuilder().testTimeFlip(true).build(), 3), environment);
        TrialResult plain = Trials.run(TrialSpec.of("plain", model, data, plainFit, 3), environment);
        assertTrue(flipped.succeeded(), flipped.error());
        assertTrue(plain.succeeded(), plain.error());

        // the training is the same: the unflipped curve is the plain trial's, bit for bit
        assertArrayEquals(plain.requireTestCurve().loss(), flipped.unflipped().requireTestCurve().loss());
        assertArrayEquals(plain.requireTestCurve().accuracy(), flipped.unflipped().requireTestCurve().accuracy());
        assertEquals(plain.history().last().trainLoss(), flipped.history().last().trainLoss());
        // and the flipped curve is another evaluation of it
        assertNotEquals(plain.requireTestCurve().loss()[1], flipped.requireTestCurve().loss()[1]);
        assertNull(flipped.unflipped().unflippedTestCurve());
        assertThrows(IllegalStateException.class, plain::unflipped);

        // both curves survive the trip through a result file, as from a worker JVM
        Path file = temp.resolve("flipped.result");
        TrialFiles.write(file, flipped);
        TrialResult read = TrialFiles.read(file, TrialResult.class);
        assertArrayEquals(flipped.unflippedTestCurve().accuracy(), read.unflippedTestCurve().accuracy());
        assertFalse(read.withParamsFile("x").unflippedTestCurve() == null, "withParamsFile keeps the curve");
    }
}

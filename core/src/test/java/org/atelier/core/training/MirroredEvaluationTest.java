package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.listener.EvaluateEachEpoch;
import org.atelier.core.trial.FitSpec;
import org.junit.jupiter.api.Test;

/**
 * {@link Evaluation#ofMirrored}: the loss and accuracy of the averaged class probabilities of each
 * image and its mirror image, checked against the definition computed in double on the host from
 * the model's own logits; and through {@link EvaluateEachEpoch} in a fit.
 */
class MirroredEvaluationTest {

    private static final int N = 300;
    private static final int CLASSES = 3;

    @OnEachEngine
    void averagesTheProbabilitiesOfEachImageAndItsMirrorImage(String engine) {
        Backend backend = TestBackends.backend(engine);
        LabeledData data = SyntheticData.centredNoiseImages(N, CLASSES, 4);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("m", backend.device(), backend.engineName())) {
            LabeledArrays arrays = LabeledArrays.of(data, manager);
            SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(CLASSES).build());
            model.setBlock(block);
            EvaluateEachEpoch plain = new EvaluateEachEpoch("test", arrays);
            EvaluateEachEpoch mirrored = new EvaluateEachEpoch("test", arrays, true);
            FitConfig config = FitConfig.builder().setEpochs(2).setBatchSize(50).optSeed(7).optProgress(null)
                    .optAdam(0.01f).addListener(plain).addListener(mirrored).build();
            Training.fit(model, arrays, null, config);

            // the definition, from the trained model's logits of the images and of their mirror images
            float[] a = logits(block, arrays.features(), manager);
            float[] b = logits(block, arrays.features().flip(3), manager);
            double lossSum = 0;
            int correct = 0;
            double plainLossSum = 0;
            for (int i = 0; i < N; i++) {
                double[] pa = softmax(a, i);
                double[] pb = softmax(b, i);
                int best = 0;
                double[] mean = new double[CLASSES];
                for (int k = 0; k < CLASSES; k++) {
                    mean[k] = (pa[k] + pb[k]) / 2;
                    best = mean[k] > mean[best] ? k : best;
                }
                lossSum -= Math.log(mean[data.labels()[i]]);
                plainLossSum -= Math.log(pa[data.labels()[i]]);
                correct += best == data.labels()[i] ? 1 : 0;
            }
            double[] losses = mirrored.curve().loss();
            double[] accuracies = mirrored.curve().accuracy();
            assertEquals(2, losses.length);
            assertEquals(lossSum / N, losses[1], 1e-5);
            assertEquals(correct, Math.round(accuracies[1] * N), "correctly classified images");
            assertEquals(plainLossSum / N, plain.curve().loss()[1], 1e-5);
            // the plain curve recorded alongside is the plain evaluation's, to the bit
            assertArrayEquals(plain.curve().loss(), mirrored.plainCurve().loss());
            assertArrayEquals(plain.curve().accuracy(), mirrored.plainCurve().accuracy());
            assertThrows(IllegalStateException.class, plain::plainCurve);
            // random images are not symmetric: the mirrored evaluation is a different number
            assertNotEquals(plain.curve().loss()[1], losses[1], 1e-4);
        }
    }

    @OnEachEngine
    void aSymmetricImageEvaluatesAsItself(String engine) {
        Backend backend = TestBackends.backend(engine);
        LabeledData noise = SyntheticData.centredNoiseImages(40, CLASSES, 5);
        float[] symmetric = noise.featureValues().clone();
        for (int i = 0; i < symmetric.length; i++) {
            int column = i % 28;
            symmetric[i] = symmetric[i - column + Math.min(column, 27 - column)];
        }
        LabeledData data = new LabeledData("symmetric", noise.sampleShape(), symmetric, noise.labels(),
                noise.classNames());
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("m", backend.device(), backend.engineName())) {
            LabeledArrays arrays = LabeledArrays.of(data, manager);
            model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(CLASSES).build()));
            EvaluateEachEpoch plain = new EvaluateEachEpoch("test", arrays);
            EvaluateEachEpoch mirrored = new EvaluateEachEpoch("test", arrays, true);
            Training.fit(model, arrays, null, FitConfig.builder().setEpochs(1).setBatchSize(20).optSeed(1)
                    .optProgress(null).addListener(plain).addListener(mirrored).build());
            assertEquals(plain.curve().loss()[0], mirrored.curve().loss()[0], 1e-5);
            assertEquals(plain.curve().accuracy()[0], mirrored.curve().accuracy()[0]);
        }
    }

    @OnEachEngine
    void flatFeaturesAreRefused(String engine) {
        Backend backend = TestBackends.backend(engine);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("m", backend.device(), backend.engineName())) {
            LabeledArrays flat = LabeledArrays.of(SyntheticData.blobs(20, 4, 2, 1), manager);
            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(2).build()));
            EvaluateEachEpoch mirrored = new EvaluateEachEpoch("test", flat, true);
            FitConfig config = FitConfig.builder().setEpochs(1).setBatchSize(10).optProgress(null)
                    .addListener(mirrored).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Training.fit(model, flat, null, config));
            assertTrue(e.getMessage().contains("mirroring needs images"), e.getMessage());
        }
    }

    @Test
    void aFitSpecFlipsOnlyTheTestSetItWatches() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitSpec.builder().testTimeFlip(true).build());
        assertTrue(e.getMessage().contains("evaluateTest"), e.getMessage());
        FitSpec spec = FitSpec.builder().evaluateTest(true).testTimeFlip(true).build();
        assertTrue(spec.testTimeFlip());
        assertTrue(spec.toBuilder().build().testTimeFlip(), "toBuilder keeps it");
        assertTrue(spec.toString().contains("mirror"), spec.toString());
    }

    private static float[] logits(SequentialBlock block, NDArray features, NDManager manager) {
        NDList out = block.forward(new ParameterStore(manager, false), new NDList(features), false);
        return out.singletonOrThrow().toFloatArray();
    }

    private static double[] softmax(float[] logits, int row) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < CLASSES; k++) {
            max = Math.max(max, logits[row * CLASSES + k]);
        }
        double sum = 0;
        double[] p = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            p[k] = Math.exp(logits[row * CLASSES + k] - max);
            sum += p[k];
        }
        for (int k = 0; k < CLASSES; k++) {
            p[k] /= sum;
        }
        return p;
    }
}

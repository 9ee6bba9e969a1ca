package org.atelier.core.training.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.FloatBuffer;
import java.util.List;
import org.atelier.core.engine.Backend;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.Training;
import org.junit.jupiter.api.Test;

/**
 * {@link GradientNorms} against gradients derived by hand for a tiny network (3 inputs → 2 sigmoid
 * units → 3 classes, softmax cross-entropy averaged over a batch of 4), read from DJL's own
 * {@code EasyTrain} and from {@code Training.fit}, on both engines.
 */
class GradientNormsTest {

    private static final float[][] X = {{0.5f, -1f, 2f}, {1.5f, 0.2f, -0.3f}, {-0.7f, 0.9f, 0.1f}, {0f, -0.4f, 1.2f}};
    private static final int[] Y = {2, 0, 1, 2};
    private static final float[][] W1 = {{0.3f, -0.8f, 0.5f}, {1.1f, 0.4f, -0.6f}};
    private static final float[] B1 = {0.1f, -0.2f};
    private static final float[][] W2 = {{0.7f, -1.2f}, {-0.5f, 0.9f}, {1.3f, 0.2f}};
    private static final float[] B2 = {0.05f, 0f, -0.05f};

    /** The Frobenius norms of dL/dW1 and dL/dW2, derived by hand in double precision. */
    static double[] handNorms() {
        int n = X.length;
        double[][] a1 = new double[n][2];
        double[][] dz2 = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < 2; h++) {
                double z = B1[h];
                for (int d = 0; d < 3; d++) {
                    z += W1[h][d] * X[i][d];
                }
                a1[i][h] = 1 / (1 + Math.exp(-z));
            }
            double[] logits = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                logits[c] = B2[c] + W2[c][0] * a1[i][0] + W2[c][1] * a1[i][1];
                max = Math.max(max, logits[c]);
            }
            double total = 0;
            for (int c = 0; c < 3; c++) {
                total += Math.exp(logits[c] - max);
            }
            for (int c = 0; c < 3; c++) {
                double p = Math.exp(logits[c] - max) / total;
                dz2[i][c] = (p - (Y[i] == c ? 1 : 0)) / n; // the loss is the batch mean
            }
        }
        double[][] dW2 = new double[3][2];
        double[][] dW1 = new double[2][3];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < 2; h++) {
                double da1 = 0;
                for (int c = 0; c < 3; c++) {
                    dW2[c][h] += dz2[i][c] * a1[i][h];
                    da1 += dz2[i][c] * W2[c][h];
                }
                double dz1 = da1 * a1[i][h] * (1 - a1[i][h]);
                for (int d = 0; d < 3; d++) {
                    dW1[h][d] += dz1 * X[i][d];
                }
            }
        }
        return new double[] {frobenius(dW1), frobenius(dW2)};
    }

    private static double frobenius(double[][] m) {
        double sum = 0;
        for (double[] row : m) {
            for (double v : row) {
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }

    private static SequentialBlock tinyNetwork() {
        return new SequentialBlock().add(Linear.builder().setUnits(2).build()).add(Activation.sigmoidBlock())
                .add(Linear.builder().setUnits(3).build());
    }

    /** Sets the block's parameters to W1, B1, W2, B2 (in DJL's order: weight, bias per layer). */
    private static void setHandWeights(SequentialBlock block) {
        List<Parameter> parameters = block.getParameters().values();
        float[][] values = {flat(W1), B1, flat(W2), B2};
        for (int i = 0; i < values.length; i++) {
            parameters.get(i).getArray().set(FloatBuffer.wrap(values[i]));
        }
    }

    private static float[] flat(float[][] rows) {
        float[] all = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, all, r * rows[0].length, rows[r].length);
        }
        return all;
    }

    private static NDArray features(NDManager manager, int copies) {
        float[] one = flat(X);
        float[] all = new float[one.length * copies];
        for (int k = 0; k < copies; k++) {
            System.arraycopy(one, 0, all, k * one.length, one.length);
        }
        return manager.create(all, new Shape((long) X.length * copies, 3));
    }

    private static NDArray labels(NDManager manager, int copies) {
        float[] all = new float[Y.length * copies];
        for (int i = 0; i < all.length; i++) {
            all[i] = Y[i % Y.length];
        }
        return manager.create(all);
    }

    private static DefaultTrainingConfig easyTrainConfig(Backend backend, GradientNorms norms) {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build())
                .optDevices(new Device[] {backend.device()}).addTrainingListeners(norms);
    }

    /**
     * Trains the tiny network, set to the hand weights, with DJL's own loop on {@code copies}
     * batches of the hand example: one {@code EasyTrain.trainBatch} and step per batch, or {@code
     * EasyTrain.fit} for {@code epochs} epochs.
     */
    private static void easyTrain(String engine, GradientNorms norms, int copies, int epochs) throws Exception {
        Backend backend = TestBackends.backend(engine);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("tiny", backend.device(), backend.engineName())) {
            model.setBlock(tinyNetwork());
            try (Trainer trainer = model.newTrainer(easyTrainConfig(backend, norms))) {
                trainer.initialize(new Shape(X.length, 3));
                setHandWeights((SequentialBlock) model.getBlock());
                ArrayDataset data = new ArrayDataset.Builder().setData(features(manager, copies))
                        .optLabels(labels(manager, copies)).setSampling(X.length, false).build();
                if (epochs > 0) {
                    EasyTrain.fit(trainer, epochs, data, null);
                    return;
                }
                for (Batch batch : trainer.iterateDataset(data)) {
                    try (batch) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                    }
                }
            }
        }
    }

    /** One batch through EasyTrain.trainBatch: the recorded norms are the hand-derived ones. */
    @OnEachEngine
    void easyTrainBatchGivesTheHandDerivedNorms(String engine) throws Exception {
        GradientNorms norms = new GradientNorms(1);
        easyTrain(engine, norms, 1, 0);
        GradientNormTrace trace = norms.trace();
        assertEquals(2, trace.layerCount(), "two weight matrices; biases are not layers");
        assertEquals(List.of("2×3", "3×2"), trace.shapes());
        double[] expected = handNorms();
        double[] actual = trace.atInitialization();
        for (int layer = 0; layer < 2; layer++) {
            assertEquals(expected[layer], actual[layer], 1e-5 * expected[layer], "layer " + layer);
        }
    }

    /**
     * EasyTrain.fit over 2 epochs of 4 batches (each the hand example; only the first update sees
     * the initial weights), sampled every 3 updates: steps 0, 3, 6 in epochs 1, 1, 2.
     */
    @OnEachEngine
    void easyTrainFitIsSampledEveryKSteps(String engine) throws Exception {
        GradientNorms norms = new GradientNorms(3);
        easyTrain(engine, norms, 4, 2);
        GradientNormTrace trace = norms.trace();
        assertArrayEquals(new long[] {0, 3, 6}, trace.steps());
        assertArrayEquals(new int[] {1, 1, 2}, trace.epochs());
        assertEquals(handNorms()[1], trace.atInitialization()[1], 1e-5 * handNorms()[1]);
        assertEquals(2, trace.epochMeans().length);
        double geometric = Math.sqrt(trace.norms()[0][0] * trace.norms()[1][0]);
        assertEquals(geometric, trace.epochMeans()[0][0], 1e-12 * geometric);
    }

    /**
     * The core's loop with an epoch-0 evaluation, full batch: the first sample holds the initial
     * gradient (read before the update zeroes it) and epochs are not shifted by epoch 0.
     */
    @OnEachEngine
    void trainingFitReadsTheGradientBeforeTheUpdate(String engine) {
        Backend backend = TestBackends.backend(engine);
        GradientNorms norms = new GradientNorms(1);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("tiny", backend.device(), backend.engineName())) {
            SequentialBlock block = tinyNetwork();
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(X.length, 3));
            setHandWeights(block);
            model.setBlock(block);
            LabeledArrays train = new LabeledArrays(features(manager, 1), labels(manager, 1));
            Training.fit(model, train, null, FitConfig.builder().setEpochs(3).setBatchSize(X.length).optSgd(0.5f)
                    .optEvaluateBeforeTraining(true).optProgress(null).addTrainingListener(norms).build());
        }
        GradientNormTrace trace = norms.trace();
        assertArrayEquals(new long[] {0, 1, 2}, trace.steps());
        assertArrayEquals(new int[] {1, 2, 3}, trace.epochs());
        double[] expected = handNorms();
        for (int layer = 0; layer < 2; layer++) {
            assertEquals(expected[layer], trace.atInitialization()[layer], 1e-5 * expected[layer], "layer " + layer);
        }
        assertEquals(false, trace.norms()[1][1] == trace.norms()[0][1], "the second update sees updated weights");
    }

    @Test
    void refusesAPeriodBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new GradientNorms(0));
    }

    @Test
    void aTraceWithoutTheFirstUpdateHasNoInitialNorms() {
        GradientNormTrace trace = new GradientNormTrace(List.of("w"), List.of("2×3"), new int[] {1}, new long[] {5},
                new double[][] {{0.5}});
        assertThrows(IllegalStateException.class, trace::atInitialization);
        assertThrows(IllegalArgumentException.class, () -> new GradientNormTrace(List.of("w"), List.of("2×3"),
                new int[] {1}, new long[] {0}, new double[][] {{0.5, 0.1}}));
    }
}

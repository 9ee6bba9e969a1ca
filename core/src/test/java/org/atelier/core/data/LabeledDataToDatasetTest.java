package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;

/** Atelier's in-memory data as a DJL {@code ArrayDataset}, batched by DJL and trained on by {@code EasyTrain}. */
class LabeledDataToDatasetTest {

    @OnEachEngine
    void batchesHoldTheSamplesAndClassIndicesInOrder(String engine) throws Exception {
        float[] pixels = new float[5 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i / 20f;
        }
        LabeledData data = new LabeledData("tiny", new Shape(1, 2, 2), pixels, new int[] {2, 0, 1, 1, 0}, List.of("a", "b", "c"));
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            ArrayDataset dataset = data.toDataset(manager, 2, false);
            assertEquals(5, dataset.size());
            List<float[]> labels = new ArrayList<>();
            List<Shape> shapes = new ArrayList<>();
            float[] firstBatch = null;
            for (Batch batch : dataset.getData(manager)) {
                try (batch) {
                    shapes.add(batch.getData().singletonOrThrow().getShape());
                    labels.add(batch.getLabels().singletonOrThrow().toFloatArray());
                    firstBatch = firstBatch == null ? batch.getData().singletonOrThrow().toFloatArray() : firstBatch;
                }
            }
            assertEquals(List.of(new Shape(2, 1, 2, 2), new Shape(2, 1, 2, 2), new Shape(1, 1, 2, 2)), shapes);
            assertArrayEquals(Arrays.copyOf(pixels, 8), firstBatch);
            assertArrayEquals(new float[] {2, 0, 1, 1, 0}, concat(labels));
        }
    }

    /** Softmax regression on 500 Fashion-MNIST images, DJL's loop from end to end: the second epoch's mean loss is lower. */
    @OnEachEngine
    void easyTrainFitsAModelOnFashionMnist(String engine) throws Exception {
        LabeledData train = Datasets.fashionMnist(RealData.locator(Datasets.FASHION_MNIST), Subset.TRAIN).head(500);
        Backend backend = TestBackends.backend(engine);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())
                .optDevices(new Device[] {backend.device()})
                .addTrainingListeners(new EvaluatorTrainingListener());
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("easy-train", backend.device(), backend.engineName())) {
            model.setBlock(Models.softmaxRegression(10));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.setMetrics(new Metrics());
                trainer.initialize(new Shape(1, 1, 28, 28));
                EasyTrain.fit(trainer, 2, train.toDataset(manager, 32, true), null);
                List<Float> epochLosses = trainer.getMetrics()
                        .getMetric(EvaluatorTrainingListener.metricName(trainer.getLoss(), EvaluatorTrainingListener.TRAIN_EPOCH))
                        .stream().map(metric -> metric.getValue().floatValue()).toList();
                assertEquals(2, epochLosses.size());
                assertTrue(epochLosses.get(1) < epochLosses.get(0), "epoch losses " + epochLosses);
                assertTrue(epochLosses.get(0) < Math.log(10), "the first epoch already learns: " + epochLosses);
            }
        }
    }

    private static float[] concat(List<float[]> parts) {
        float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}

package org.atelier.tools.bench;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.models.Initializers;
import org.atelier.core.training.LabeledArrays;

/**
 * The baseline: the training loop a DJL user writes from the documentation, i.e. an {@link
 * ArrayDataset} with random sampling, {@link EasyTrain#fit}, an {@link Accuracy} evaluator and
 * DJL's basic listeners, with the same model, optimizer and batch size as the facade.
 */
final class PlainDjlLoop {

    private PlainDjlLoop() {}

    /**
     * Trains a fresh model for {@code warmup + timed} epochs and times each of the timed ones.
     *
     * @param model the model, its block not yet initialized
     * @param train the training data
     * @param batchSize samples per update
     * @param learningRate SGD learning rate
     * @param warmup untimed epochs first (JIT, native allocator warm-up)
     * @param timed timed epochs
     * @return the timed epochs' seconds
     */
    static Timings time(Model model, LabeledArrays train, int batchSize, float learningRate, int warmup, int timed) {
        ArrayDataset dataset = new ArrayDataset.Builder()
                .setData(train.features()).optLabels(train.labels())
                .setSampling(batchSize, true).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(learningRate)).build())
                .optInitializer(Initializers.normalFanIn(), Parameter.Type.WEIGHT)
                .addEvaluator(new Accuracy())
                .addTrainingListeners(TrainingListener.Defaults.basic());
        List<Double> seconds = new ArrayList<>();
        try (Trainer trainer = model.newTrainer(config)) {
            Shape sample = train.features().getShape().slice(1);
            trainer.initialize(new Shape(batchSize).addAll(sample));
            for (int epoch = 0; epoch < warmup + timed; epoch++) {
                long start = System.nanoTime();
                EasyTrain.fit(trainer, 1, dataset, null);
                if (epoch >= warmup) {
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException("the baseline loop failed to read a batch", e);
        }
        return new Timings(seconds);
    }
}

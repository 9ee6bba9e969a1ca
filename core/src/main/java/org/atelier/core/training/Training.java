package org.atelier.core.training;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListener.BatchData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code fit} on top of DJL's {@link Trainer}: trains a model on in-memory arrays and
 * returns its {@link History}.
 *
 * <p>The loop is DJL's ({@code Trainer.forward}, {@code GradientCollector}, the optimizer; the
 * same calls as {@code EasyTrain.trainBatch}), with four differences that make it faster: loss
 * and accuracy are summed on the device and read once per epoch (DJL's evaluator listeners read
 * them after every batch); no evaluator recomputes the loss; batches are gathered from one
 * in-memory array ({@link TensorBatches}) and freed with their batch; the optimizer updates the
 * parameters without first copying every gradient ({@link ParameterUpdate}).
 */
public final class Training {

    private Training() {}

    /**
     * Trains a model.
     *
     * @param model the model, its block initialized here unless it already is (fine-tuning)
     * @param train the training data
     * @param validation the validation data, or null
     * @param config loss, optimizer, batch size, epochs, seed, early stopping, listeners
     * @return the history, one record per epoch (plus epoch 0 if requested)
     */
    public static History fit(Model model, LabeledArrays train, LabeledArrays validation, FitConfig config) {
        if (validation == null && (config.patience() > 0 || config.restoreBest())) {
            throw new IllegalArgumentException("early stopping and restoring the best epoch monitor val_loss;"
                    + " pass validation data");
        }
        model.getNDManager().getEngine().setRandomSeed(Math.toIntExact(config.seed() & 0x7fffffffL));
        try (Trainer trainer = model.newTrainer(trainingConfig(config))) {
            if (!model.getBlock().isInitialized()) {
                trainer.initialize(batchShape(train, config.batchSize()));
            }
            return new Run(trainer, train, validation, config).execute();
        }
    }

    private static DefaultTrainingConfig trainingConfig(FitConfig config) {
        return new DefaultTrainingConfig(config.loss())
                .optOptimizer(config.optimizer())
                .optInitializer(config.initializer(), Parameter.Type.WEIGHT)
                .addTrainingListeners(config.trainingListeners().toArray(TrainingListener[]::new));
    }

    private static Shape batchShape(LabeledArrays data, int batchSize) {
        Shape sample = data.features().getShape().slice(1);
        return new Shape(Math.min(batchSize, data.size())).addAll(sample);
    }

    /** One call of {@code fit}: the state that lives from the first epoch to the last. */
    private static final class Run {
        private final Trainer trainer;
        private final LabeledArrays train;
        private final LabeledArrays validation;
        private final FitConfig config;
        private final TensorBatches batches;
        private final List<EpochRecord> records = new ArrayList<>();
        private final boolean notifyDjl;
        private final ParameterUpdate update;
        private long steps;

        Run(Trainer trainer, LabeledArrays train, LabeledArrays validation, FitConfig config) {
            this.trainer = trainer;
            this.train = train;
            this.validation = validation;
            this.config = config;
            this.batches = new TensorBatches(train, config.batchSize(), config.seed());
            this.notifyDjl = !config.trainingListeners().isEmpty();
            this.update = new ParameterUpdate(trainer.getModel().getBlock(), config.optimizer());
        }

        History execute() {
            config.listeners().forEach(l -> l.onFitBegin(config.epochs(), batches.batchesPerEpoch()));
            boolean stoppedEarly;
            try (ParameterSnapshot best = new ParameterSnapshot(trainer.getModel().getBlock(), trainer.getManager())) {
                if (config.evaluateBeforeTraining()) {
                    finishEpoch(evaluateInitial(), best);
                }
                stoppedEarly = trainEpochs(best);
                if (config.restoreBest() && best.isTaken()) {
                    best.restore();
                }
            }
            History history = new History(records, stoppedEarly);
            saveParameters(history);
            config.listeners().forEach(l -> l.onFitEnd(history));
            return history;
        }

        /** Runs epochs until the maximum or until early stopping; returns whether it stopped early. */
        private boolean trainEpochs(ParameterSnapshot best) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                int number = epoch;
                config.listeners().forEach(l -> l.onEpochBegin(number));
                finishEpoch(trainEpoch(epoch), best);
                if (config.patience() > 0 && epochsSinceBest() >= config.patience() && epoch < config.epochs()) {
                    return true;
                }
            }
            return false;
        }

        private void finishEpoch(EpochRecord record, ParameterSnapshot best) {
            // the snapshot follows History.best(): the lowest validation loss, min delta aside
            boolean newBest = records.stream().noneMatch(r -> r.valLoss() <= record.valLoss());
            records.add(record);
            if (config.restoreBest() && newBest) {
                best.take();
            }
            config.listeners().forEach(l -> l.onEpochEnd(record));
            if (notifyDjl) {
                trainer.notifyListeners(l -> l.onEpoch(trainer));
            }
        }

        /** Epochs recorded since the last one that improved validation loss by more than min delta. */
        private int epochsSinceBest() {
            if (validation == null) {
                return 0;
            }
            double best = Double.POSITIVE_INFINITY;
            int since = 0;
            for (EpochRecord r : records) {
                if (r.valLoss() < best - config.minDelta()) {
                    best = r.valLoss();
                    since = 0;
                } else {
                    since++;
                }
            }
            return since;
        }

        private EpochRecord evaluateInitial() {
            long start = System.nanoTime();
            Evaluation onTrain = Evaluation.of(trainer, train, false);
            return record(0, onTrain.loss(), onTrain.accuracy(), start);
        }

        private EpochRecord trainEpoch(int epoch) {
            long start = System.nanoTime();
            try (NDManager epochManager = trainer.getManager().newSubManager();
                    EpochAccumulator totals = new EpochAccumulator(epochManager, epoch, batches.batchesPerEpoch())) {
                for (Batch batch : batches.getData(epochManager)) {
                    try (batch) {
                        trainBatch(batch, totals);
                    }
                    steps++;
                    config.listeners().forEach(l -> l.onBatchEnd(totals));
                }
                return record(epoch, totals.lossSum() / totals.batch(), totals.accuracy(), start);
            }
        }

        private void trainBatch(Batch batch, EpochAccumulator totals) {
            NDList data = batch.getData();
            NDList labels = batch.getLabels();
            NDList predictions;
            NDArray loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                predictions = trainer.forward(data, labels);
                loss = trainer.getLoss().evaluate(labels, predictions);
                collector.backward(loss);
            }
            update.step();
            totals.add(loss, 1f, predictions, labels);
            if (notifyDjl) {
                BatchData batchData = new BatchData(batch, Map.of(labels.head().getDevice(), labels),
                        Map.of(predictions.head().getDevice(), predictions));
                trainer.notifyListeners(l -> l.onTrainingBatch(trainer, batchData));
            }
        }

        /** Completes a record with validation numbers (if any), learning rate, time and steps. */
        private EpochRecord record(int epoch, double trainLoss, double trainAccuracy, long start) {
            double valLoss = Double.NaN;
            double valAccuracy = Double.NaN;
            if (validation != null) {
                Evaluation onValidation = Evaluation.of(trainer, validation, notifyDjl);
                valLoss = onValidation.loss();
                valAccuracy = onValidation.accuracy();
            }
            double learningRate = config.learningRate() == null
                    ? Double.NaN : config.learningRate().getNewValue(Math.toIntExact(steps));
            return new EpochRecord(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, learningRate,
                    (System.nanoTime() - start) / 1e9, steps);
        }

        private void saveParameters(History history) {
            if (config.saveTo() != null) {
                int epoch = config.restoreBest() ? history.bestEpoch() : history.last().epoch();
                ModelFiles.saveParameters(trainer.getModel(), config.saveTo(), trainer.getModel().getName(), epoch);
            }
        }
    }
}

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
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.Transform;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.atelier.core.AtelierException;
import org.atelier.core.engine.Backend;
import org.atelier.core.transform.Reseedable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>This class is only the loop. What happens between epochs (early stopping, restoring the best
 * epoch, checkpoints, learning-rate changes, progress) is done by {@link FitListener}s through the
 * {@link FitContext} that each hook receives; an optional batch transform (augmentation) is applied
 * to every training batch before its forward pass.
 *
 * <p>Each epoch's randomness is derived from the seed and the epoch's number ({@link EpochSeeds}):
 * the engine's generator (dropout) and a {@link Reseedable} batch transform are reset when the epoch
 * begins, and the batch order is drawn from the pair. So epoch {@code k} draws the same whatever
 * happened before it, which is what lets a fit with a {@link TrainingBackup} stop after any epoch
 * and resume to the same end as an uninterrupted fit.
 */
public final class Training {

    private static final Logger LOGGER = LoggerFactory.getLogger(Training.class);

    private Training() {}

    /**
     * Trains a model.
     *
     * @param model the model, its block initialized here unless it already is (fine-tuning)
     * @param train the training data
     * @param validation the validation data, or null
     * @param config loss, optimizer, batch size, epochs, seed, batch transform, listeners
     * @return the history, one record per epoch (plus epoch 0 if requested)
     */
    public static History fit(Model model, LabeledArrays train, LabeledArrays validation, FitConfig config) {
        Backend.seed(model.getNDManager().getEngine(), config.seed());
        AdjustableRate rate = config.learningRate() == null ? null : new AdjustableRate(config.learningRate());
        Optimizer optimizer = config.newOptimizer(rate);
        try (Trainer trainer = model.newTrainer(trainingConfig(config, optimizer))) {
            if (!model.getBlock().isInitialized()) {
                trainer.initialize(batchShape(train, config.batchSize()));
            }
            if (config.freeze() != null) {
                config.freeze().accept(model.getBlock());
            }
            return new Run(trainer, train, validation, config, optimizer, rate).execute();
        }
    }

    private static DefaultTrainingConfig trainingConfig(FitConfig config, Optimizer optimizer) {
        return new DefaultTrainingConfig(config.loss())
                .optOptimizer(optimizer)
                .optInitializer(config.initializer(), Parameter.Type.WEIGHT)
                .addTrainingListeners(config.trainingListeners().toArray(TrainingListener[]::new));
    }

    private static Shape batchShape(LabeledArrays data, int batchSize) {
        Shape sample = data.features().getShape().slice(1);
        return new Shape(Math.min(batchSize, data.size())).addAll(sample);
    }

    /** One call of {@code fit}: the state that lives from the first epoch to the last, and the context listeners see. */
    private static final class Run implements FitContext {
        private final Trainer trainer;
        private final LabeledArrays train;
        private final LabeledArrays validation;
        private final FitConfig config;
        private final TensorBatches batches;
        private final List<EpochRecord> records = new ArrayList<>();
        private final List<EpochRecord> recordsView = Collections.unmodifiableList(records);
        private final boolean notifyDjl;
        private final ParameterUpdate update;
        private final AdjustableRate rate;
        private final Transform batchTransform;
        private final Optimizer optimizer;
        private final TrainingBackup backup;
        private List<TrainingBackup.ListenerState> restoredListeners = List.of();
        private long lastBackup;
        private long steps;
        private boolean stopRequested;

        Run(Trainer trainer, LabeledArrays train, LabeledArrays validation, FitConfig config, Optimizer optimizer,
                AdjustableRate rate) {
            this.trainer = trainer;
            this.train = train;
            this.validation = validation;
            this.config = config;
            this.batches = new TensorBatches(train, config.batchSize(), config.seed());
            this.notifyDjl = !config.trainingListeners().isEmpty();
            this.update = new ParameterUpdate(trainer.getModel().getBlock(), optimizer);
            this.rate = rate;
            this.batchTransform = config.batchTransform();
            this.optimizer = optimizer;
            this.backup = config.backup();
            if (backup != null && batchTransform != null && !(batchTransform instanceof Reseedable)) {
                LOGGER.warn("the batch transform {} is not Reseedable: a fit resumed from {} continues its random"
                        + " draws from a fresh generator, so it does not equal an uninterrupted fit", batchTransform,
                        backup.file());
            }
        }

        History execute() {
            if (backup != null) {
                backup.prepare();
            }
            int epoch = backup == null ? 0 : restore();
            boolean resumed = epoch > 0;
            listeners(l -> l.onFitBegin(this));
            if (resumed) {
                restoreListeners();
            } else if (config.evaluateBeforeTraining()) {
                finishEpoch(evaluateInitial());
            }
            while (!stopRequested && epoch < config.epochs()) {
                int number = ++epoch;
                reseed(number);
                listeners(l -> l.onEpochBegin(this, number));
                finishEpoch(trainEpoch(number));
                if (backupDue()) {
                    backup.write(state(number));
                    lastBackup = System.nanoTime();
                }
            }
            History history = new History(records, epoch < config.epochs());
            listeners(l -> l.onFitEnd(this, history));
            if (backup != null) {
                backup.delete();
            }
            return history;
        }

        /** Whether a backup is written after this epoch: the first of this fit, then once the interval passed. */
        private boolean backupDue() {
            return backup != null && (lastBackup == 0
                    || System.nanoTime() - lastBackup >= config.backupInterval().toNanos());
        }

        /**
         * Resets the epoch's random generators from the seed and the epoch ({@link EpochSeeds}): the
         * engine's (dropout) and the batch transform's; {@link TensorBatches#epoch} does the same for
         * the batch order. What an epoch draws therefore never depends on the epochs before it.
         */
        private void reseed(int epoch) {
            Backend.seed(trainer.getManager().getEngine(), EpochSeeds.of(config.seed(), epoch, EpochSeeds.ENGINE));
            if (batchTransform instanceof Reseedable reseedable) {
                reseedable.reseed(EpochSeeds.of(config.seed(), epoch, EpochSeeds.TRANSFORM));
            }
        }

        /** What the backup keeps after {@code epoch}. */
        private TrainingBackup.State state(int epoch) {
            Map<String, String> names = new HashMap<>();
            Map<String, StoredArray> values = new LinkedHashMap<>();
            parameters().forEach((name, parameter) -> {
                names.put(parameter.getId(), name);
                values.put(name, StoredArray.of(parameter.getArray()));
            });
            List<TrainingBackup.ListenerState> states = new ArrayList<>();
            for (FitListener listener : config.listeners()) {
                states.add(new TrainingBackup.ListenerState(listener.getClass().getName(), listener.backupState(this)));
            }
            return new TrainingBackup.State(epoch, config.epochs(), config.seed(), batches.batchesPerEpoch(),
                    List.copyOf(records), steps, stopRequested, rate == null ? null : rate.fixed(), values,
                    OptimizerState.of(optimizer, names), states);
        }

        /** Restores the backup if there is one; returns the epoch it holds, 0 if none. */
        private int restore() {
            Optional<TrainingBackup.State> found = backup.read();
            if (found.isEmpty()) {
                return 0;
            }
            TrainingBackup.State state = found.get();
            Map<String, Parameter> parameters = parameters();
            checkBelongs(state, parameters);
            state.parameters().forEach((name, value) -> value.copyInto(parameters.get(name).getArray()));
            state.optimizer().restore(optimizer, parameters);
            records.addAll(state.records());
            steps = state.steps();
            stopRequested = state.stopRequested();
            if (rate != null) {
                rate.restoreFixed(state.rate());
            }
            restoredListeners = state.listeners();
            return state.epoch();
        }

        private void checkBelongs(TrainingBackup.State state, Map<String, Parameter> parameters) {
            List<String> differences = new ArrayList<>();
            if (state.seed() != config.seed()) {
                differences.add("seed " + state.seed() + ", not " + config.seed());
            }
            if (state.maxEpochs() != config.epochs()) {
                differences.add(state.maxEpochs() + " epochs, not " + config.epochs());
            }
            if (state.batchesPerEpoch() != batches.batchesPerEpoch()) {
                differences.add(state.batchesPerEpoch() + " batches per epoch, not " + batches.batchesPerEpoch());
            }
            if (!state.parameters().keySet().equals(parameters.keySet())) {
                differences.add("parameters " + state.parameters().keySet() + ", not " + parameters.keySet());
            } else {
                state.parameters().forEach((name, value) -> {
                    if (!value.toShape().equals(parameters.get(name).getArray().getShape())) {
                        differences.add("parameter " + name + " of shape " + value.toShape());
                    }
                });
            }
            List<String> types = config.listeners().stream().map(l -> l.getClass().getName()).toList();
            if (!state.listeners().stream().map(TrainingBackup.ListenerState::type).toList().equals(types)) {
                differences.add("other listeners");
            }
            if (!differences.isEmpty()) {
                throw new AtelierException("the training backup " + backup.file() + " belongs to another fit ("
                        + String.join("; ", differences) + "); delete it to train from the start");
            }
        }

        private void restoreListeners() {
            for (int i = 0; i < restoredListeners.size(); i++) {
                Serializable state = restoredListeners.get(i).state();
                if (state != null) {
                    config.listeners().get(i).restoreState(this, state);
                }
            }
        }

        /** Every parameter of the block by its name, in the block's order. */
        private Map<String, Parameter> parameters() {
            Map<String, Parameter> byName = new LinkedHashMap<>();
            trainer.getModel().getBlock().getParameters().forEach(pair -> byName.put(pair.getKey(), pair.getValue()));
            return byName;
        }

        private void listeners(Consumer<FitListener> call) {
            config.listeners().forEach(call);
        }

        private void finishEpoch(EpochRecord record) {
            records.add(record);
            listeners(l -> l.onEpochEnd(this, record));
            if (notifyDjl) {
                trainer.notifyListeners(l -> l.onEpoch(trainer));
            }
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
                for (Batch batch : batches.epoch(epochManager, epoch)) {
                    try (batch) {
                        trainBatch(batch, totals);
                    }
                    steps++;
                    listeners(l -> l.onBatchEnd(this, totals));
                }
                return record(epoch, totals.lossSum() / totals.batch(), totals.accuracy(), start);
            }
        }

        private void trainBatch(Batch batch, EpochAccumulator totals) {
            NDList data = batch.getData();
            if (batchTransform != null) {
                // the result belongs to the batch's manager, as the batch does, and is freed with it
                data = new NDList(batchTransform.transform(data.head()));
            }
            NDList labels = batch.getLabels();
            NDList predictions;
            NDArray loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                predictions = trainer.forward(data, labels);
                loss = trainer.getLoss().evaluate(labels, predictions);
                collector.backward(loss);
            }
            if (notifyDjl) {
                // As EasyTrain does: after the backward pass, before the update, so that a listener
                // can read the gradients (GradientNorms) before the optimizer zeroes them.
                BatchData batchData = new BatchData(batch, Map.of(labels.head().getDevice(), labels),
                        Map.of(predictions.head().getDevice(), predictions));
                trainer.notifyListeners(l -> l.onTrainingBatch(trainer, batchData));
            }
            update.step();
            totals.add(loss, 1f, predictions, labels);
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
            return new EpochRecord(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, learningRate(),
                    (System.nanoTime() - start) / 1e9, steps);
        }

        @Override
        public Model model() {
            return trainer.getModel();
        }

        @Override
        public Trainer trainer() {
            return trainer;
        }

        @Override
        public int maxEpochs() {
            return config.epochs();
        }

        @Override
        public int batchesPerEpoch() {
            return batches.batchesPerEpoch();
        }

        @Override
        public boolean hasValidation() {
            return validation != null;
        }

        @Override
        public List<EpochRecord> records() {
            return recordsView;
        }

        @Override
        public double learningRate() {
            return rate == null ? Double.NaN : rate.getNewValue(Math.toIntExact(steps));
        }

        @Override
        public void setLearningRate(double newRate) {
            if (!config.rateAdjustable()) {
                throw new IllegalStateException("the learning rate of an optimizer given built cannot be changed;"
                        + " configure it with optSgd, optAdam or optOptimizer(factory, schedule)");
            }
            if (!(newRate > 0) || Double.isInfinite(newRate)) {
                throw new IllegalArgumentException("a learning rate must be positive and finite, got " + newRate);
            }
            rate.set((float) newRate);
        }

        @Override
        public void stopTraining() {
            stopRequested = true;
        }

        @Override
        public boolean stopRequested() {
            return stopRequested;
        }
    }
}

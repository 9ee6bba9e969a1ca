package org.atelier.core.training;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.models.Initializers;

/**
 * Everything {@link Training#fit} needs besides the model and the data. Build with {@link #builder()}.
 */
public final class FitConfig {

    private final Loss loss;
    private final Optimizer optimizer;
    private final Tracker learningRate;
    private final Initializer initializer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final boolean evaluateBeforeTraining;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;
    private final Path saveTo;
    private final List<FitListener> listeners;
    private final List<TrainingListener> trainingListeners;

    private FitConfig(Builder b) {
        loss = b.loss;
        optimizer = b.optimizer;
        learningRate = b.learningRate;
        initializer = b.initializer;
        batchSize = b.batchSize;
        epochs = b.epochs;
        seed = b.seed;
        evaluateBeforeTraining = b.evaluateBeforeTraining;
        patience = b.patience;
        minDelta = b.minDelta;
        restoreBest = b.restoreBest;
        saveTo = b.saveTo;
        listeners = List.copyOf(b.listeners);
        trainingListeners = List.copyOf(b.trainingListeners);
    }

    /** A builder with the defaults: softmax cross-entropy, SGD with learning rate 0.1, batch 64, seed 0, progress on stderr. */
    public static Builder builder() {
        return new Builder();
    }

    /** The loss minimized. */
    public Loss loss() {
        return loss;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The optimizer's learning-rate schedule if known (recorded in the history), else null. */
    public Tracker learningRate() {
        return learningRate;
    }

    /** The initializer of weight parameters (biases start at zero). */
    public Initializer initializer() {
        return initializer;
    }

    /** Samples per update; at least the training-set size means full-batch gradient descent. */
    public int batchSize() {
        return batchSize;
    }

    /** The maximum number of epochs. */
    public int epochs() {
        return epochs;
    }

    /** The seed of parameter initialization, dropout and the batch order. */
    public long seed() {
        return seed;
    }

    /** Whether epoch 0 (loss and accuracy before the first update) is recorded. */
    public boolean evaluateBeforeTraining() {
        return evaluateBeforeTraining;
    }

    /** Epochs without validation-loss improvement after which training stops; 0 = never stop early. */
    public int patience() {
        return patience;
    }

    /** The decrease of validation loss that counts as an improvement. */
    public double minDelta() {
        return minDelta;
    }

    /** Whether the parameters of the best validation epoch are put back at the end. */
    public boolean restoreBest() {
        return restoreBest;
    }

    /** The directory the final parameters are saved to as DJL {@code .params}, or null. */
    public Path saveTo() {
        return saveTo;
    }

    /** The Atelier listeners, progress output included. */
    public List<FitListener> listeners() {
        return listeners;
    }

    /** Extra DJL training listeners, told of every batch, validation batch and epoch. */
    public List<TrainingListener> trainingListeners() {
        return trainingListeners;
    }

    /** Builds a {@link FitConfig}, DJL style: {@code set…} for what matters, {@code opt…} for the rest. */
    public static final class Builder {
        private Loss loss = Loss.softmaxCrossEntropyLoss();
        private Tracker learningRate = Tracker.fixed(0.1f);
        private Optimizer optimizer = Optimizer.sgd().setLearningRateTracker(learningRate).build();
        private Initializer initializer = Initializers.normalFanIn();
        private int batchSize = 64;
        private int epochs = 1;
        private long seed;
        private boolean evaluateBeforeTraining;
        private int patience;
        private double minDelta;
        private boolean restoreBest;
        private Path saveTo;
        private FitListener progress = ProgressPrinter.auto(System.err);
        private final List<FitListener> listeners = new ArrayList<>();
        private final List<TrainingListener> trainingListeners = new ArrayList<>();

        private Builder() {}

        /** Sets the number of epochs (the maximum, with early stopping). */
        public Builder setEpochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Sets the batch size; {@code Integer.MAX_VALUE} (or any size ≥ N) means full-batch gradient descent. */
        public Builder setBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Sets the loss; the default is softmax cross-entropy on logits with class-index labels. */
        public Builder optLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** Plain SGD with a fixed learning rate (the default, with 0.1). */
        public Builder optSgd(float learningRate) {
            return optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(learningRate)).build(),
                    Tracker.fixed(learningRate));
        }

        /** Adam with a fixed learning rate and DJL's default betas. */
        public Builder optAdam(float learningRate) {
            return optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build(),
                    Tracker.fixed(learningRate));
        }

        /**
         * Any DJL optimizer.
         *
         * @param optimizer the optimizer
         * @param learningRate its learning-rate schedule, recorded in the history; null if unknown
         * @return this builder
         */
        public Builder optOptimizer(Optimizer optimizer, Tracker learningRate) {
            this.optimizer = optimizer;
            this.learningRate = learningRate;
            return this;
        }

        /** Sets the initializer of weight parameters; the default is N(0, 1/√fan_in). */
        public Builder optInitializer(Initializer initializer) {
            this.initializer = initializer;
            return this;
        }

        /** Sets the seed of initialization, dropout and batch order (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Records epoch 0: training and validation loss and accuracy before the first update. */
        public Builder optEvaluateBeforeTraining(boolean evaluate) {
            this.evaluateBeforeTraining = evaluate;
            return this;
        }

        /**
         * Stops when the validation loss has not decreased by more than {@code minDelta} for
         * {@code patience} epochs in a row (Keras's {@code EarlyStopping(monitor="val_loss")}).
         */
        public Builder optEarlyStopping(int patience, double minDelta) {
            if (patience < 1 || minDelta < 0) {
                throw new IllegalArgumentException("early stopping needs patience ≥ 1 and min delta ≥ 0, got "
                        + patience + " and " + minDelta);
            }
            this.patience = patience;
            this.minDelta = minDelta;
            return this;
        }

        /** Puts back the parameters of the epoch with the lowest validation loss when training ends. */
        public Builder optRestoreBest(boolean restore) {
            this.restoreBest = restore;
            return this;
        }

        /** Saves the final (or, with {@link #optRestoreBest}, the best) parameters to this directory. */
        public Builder optSaveTo(Path directory) {
            this.saveTo = directory;
            return this;
        }

        /** Sends progress to {@code progress} instead of a {@link ProgressPrinter} on stderr; null silences it. */
        public Builder optProgress(FitListener progress) {
            this.progress = progress;
            return this;
        }

        /** Adds an Atelier listener. */
        public Builder addListener(FitListener listener) {
            listeners.add(listener);
            return this;
        }

        /** Adds a DJL training listener (note: DJL's own evaluator listeners sync the device every batch). */
        public Builder addTrainingListener(TrainingListener listener) {
            trainingListeners.add(listener);
            return this;
        }

        /** Builds the configuration. */
        public FitConfig build() {
            if (progress != null && !listeners.contains(progress)) {
                listeners.add(0, progress);
            }
            return new FitConfig(this);
        }
    }
}

package org.atelier.core.training;

import ai.djl.nn.Block;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Transform;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.atelier.core.models.Initializers;

/**
 * Everything {@link Training#fit} needs besides the model and the data: loss, optimizer, batch
 * size, epochs, seed, the transform of training batches and the listeners. What happens between
 * epochs (early stopping, restoring the best epoch, checkpoints, learning-rate changes) is not
 * configured here but by listeners ({@code org.atelier.core.training.listener}). Build with
 * {@link #builder()}.
 */
public final class FitConfig {

    private final Loss loss;
    private final Function<Tracker, Optimizer> optimizer;
    private final Tracker learningRate;
    private final boolean rateAdjustable;
    private final Initializer initializer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final boolean evaluateBeforeTraining;
    private final Transform batchTransform;
    private final Consumer<Block> freeze;
    private final List<FitListener> listeners;
    private final List<TrainingListener> trainingListeners;
    private final TrainingBackup backup;
    private final Duration backupInterval;

    private FitConfig(Builder b) {
        loss = b.loss;
        optimizer = b.optimizer;
        learningRate = b.learningRate;
        rateAdjustable = b.rateAdjustable;
        initializer = b.initializer;
        batchSize = b.batchSize;
        epochs = b.epochs;
        seed = b.seed;
        evaluateBeforeTraining = b.evaluateBeforeTraining;
        batchTransform = b.batchTransform;
        freeze = b.freeze;
        List<FitListener> all = new ArrayList<>(b.listeners);
        if (b.progress != null) {
            all.add(b.progress);
        }
        listeners = List.copyOf(all);
        trainingListeners = List.copyOf(b.trainingListeners);
        backup = b.backup;
        backupInterval = b.backupInterval;
    }

    /**
     * A builder with the defaults: softmax cross-entropy, SGD with learning rate 0.1, batch 64, seed 0,
     * progress on stderr ({@link ProgressPrinter#auto}; {@link Builder#optVerbose} sets Keras's levels).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The loss minimized. */
    public Loss loss() {
        return loss;
    }

    /**
     * A new optimizer for one fit, reading its learning rate from {@code rate}: each fit gets its
     * own, so optimizer state (momentum, Adam's moments) never leaks from one fit into the next.
     *
     * @param rate the tracker the optimizer must use for its learning rate
     * @return the optimizer
     */
    public Optimizer newOptimizer(Tracker rate) {
        return optimizer.apply(rate);
    }

    /** The learning-rate schedule, or null if the optimizer was given built and its rate is unknown. */
    public Tracker learningRate() {
        return learningRate;
    }

    /** Whether listeners can change the learning rate: false for an optimizer given built. */
    public boolean rateAdjustable() {
        return rateAdjustable;
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

    /** The transform of every training batch's features before the forward pass, or null. */
    public Transform batchTransform() {
        return batchTransform;
    }

    /** What freezes parameters once the trainer is made, or null when every parameter trains. */
    public Consumer<Block> freeze() {
        return freeze;
    }

    /** The listeners in the order they are called, the progress printer last. */
    public List<FitListener> listeners() {
        return listeners;
    }

    /** Extra DJL training listeners, told of every batch, validation batch and epoch. */
    public List<TrainingListener> trainingListeners() {
        return trainingListeners;
    }

    /** The backup the fit resumes from and rewrites after epochs, or null for none. */
    public TrainingBackup backup() {
        return backup;
    }

    /** The least time between two backups; zero: after every epoch. */
    public Duration backupInterval() {
        return backupInterval;
    }

    /** Builds a {@link FitConfig}, DJL style: {@code set…} for what matters, {@code opt…} for the rest. */
    public static final class Builder {
        private Loss loss = Loss.softmaxCrossEntropyLoss();
        private Tracker learningRate = Tracker.fixed(0.1f);
        private Function<Tracker, Optimizer> optimizer = Builder::sgd;
        private boolean rateAdjustable = true;
        private Initializer initializer = Initializers.normalFanIn();
        private int batchSize = 64;
        private int epochs = 1;
        private long seed;
        private boolean evaluateBeforeTraining;
        private Transform batchTransform;
        private Consumer<Block> freeze;
        private FitListener progress = ProgressPrinter.auto(System.err);
        private final List<FitListener> listeners = new ArrayList<>();
        private final List<TrainingListener> trainingListeners = new ArrayList<>();
        private TrainingBackup backup;
        private Duration backupInterval = Duration.ZERO;

        private Builder() {}

        private static Optimizer sgd(Tracker rate) {
            return Optimizer.sgd().setLearningRateTracker(rate).build();
        }

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
            return optOptimizer(Builder::sgd, Tracker.fixed(learningRate));
        }

        /** Adam with a fixed learning rate and DJL's default betas. */
        public Builder optAdam(float learningRate) {
            return optOptimizer(rate -> Optimizer.adam().optLearningRateTracker(rate).build(), Tracker.fixed(learningRate));
        }

        /**
         * Any DJL optimizer, built anew for each fit around the learning rate it is handed, so that
         * listeners can change the rate ({@link FitContext#setLearningRate}).
         *
         * @param optimizer builds the optimizer with the given learning-rate tracker, e.g. {@code
         *     rate -> Optimizer.sgd().setLearningRateTracker(rate).optMomentum(0.9f).build()}
         * @param schedule the learning-rate schedule handed to it (until a listener sets a rate)
         * @return this builder
         */
        public Builder optOptimizer(Function<Tracker, Optimizer> optimizer, Tracker schedule) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            this.learningRate = Objects.requireNonNull(schedule, "a learning-rate schedule is needed, e.g. Tracker.fixed(0.1f)");
            this.rateAdjustable = true;
            return this;
        }

        /**
         * A DJL optimizer built elsewhere. Its learning rate cannot be changed by listeners, and
         * its state is shared by every fit of this configuration.
         *
         * @param optimizer the optimizer
         * @param learningRate its learning-rate schedule, recorded in the history; null if unknown
         * @return this builder
         */
        public Builder optOptimizer(Optimizer optimizer, Tracker learningRate) {
            this.optimizer = ignored -> optimizer;
            this.learningRate = learningRate;
            this.rateAdjustable = false;
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
         * Transforms the features of every training batch after it is gathered, on the batch's
         * device, before the forward pass; validation data is never transformed. The transform
         * sees the whole batch, e.g. {@code (N, C, H, W)}; the ones in {@code
         * org.atelier.core.transform} are vectorized and seeded, and compose with DJL's {@code
         * Pipeline}.
         *
         * @param transform the transform, or null for none
         * @return this builder
         */
        public Builder optBatchTransform(Transform transform) {
            this.batchTransform = transform;
            return this;
        }

        /**
         * Freezes parameters before the first update: {@code freeze} receives the model's block
         * after the trainer is made and the block initialized, and calls DJL's {@link
         * Block#freezeParameters(boolean)} on the parts that must not change (e.g. {@code
         * org.atelier.core.models.Layers.trainOnlyLast}). It cannot be done before {@code fit}:
         * DJL's PyTorch model unfreezes every parameter of a loaded model when it makes a trainer.
         * Frozen parameters get no gradient and no update.
         *
         * @param freeze the freezing step, or null to train every parameter
         * @return this builder
         */
        public Builder optFreeze(Consumer<Block> freeze) {
            this.freeze = freeze;
            return this;
        }

        /**
         * Prints progress on stderr at Keras's {@code verbose} level: 0 nothing, 1 a progress bar
         * per epoch (redrawn in place on a terminal; elsewhere printed once, finished), 2 one line
         * per epoch ({@link Verbosity}). Without this call the fit prints the bar on a terminal and
         * one line per epoch elsewhere.
         *
         * @param level 0, 1 or 2
         * @return this builder
         * @throws org.atelier.core.AtelierException for any other level
         */
        public Builder optVerbose(int level) {
            return optVerbose(level, System.err);
        }

        /**
         * Prints progress at Keras's {@code verbose} level, as {@link #optVerbose(int)}, to {@code out}.
         *
         * @param level 0, 1 or 2
         * @param out where to print
         * @return this builder
         * @throws org.atelier.core.AtelierException for any other level
         */
        public Builder optVerbose(int level, PrintStream out) {
            Verbosity verbosity = Verbosity.of(level);
            this.progress = verbosity == Verbosity.SILENT ? null : ProgressPrinter.of(out, verbosity);
            return this;
        }

        /** Sends progress to {@code progress} instead of a {@link ProgressPrinter} on stderr; null silences it. */
        public Builder optProgress(FitListener progress) {
            this.progress = progress;
            return this;
        }

        /** Adds a listener; listeners are called in the order they were added. */
        public Builder addListener(FitListener listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * Adds a DJL training listener (note: DJL's own evaluator listeners sync the device every
         * batch). As under {@code EasyTrain}, its {@code onTrainingBatch} runs after the backward
         * pass and before the update, so it can read the gradients.
         */
        public Builder addTrainingListener(TrainingListener listener) {
            trainingListeners.add(listener);
            return this;
        }

        /**
         * Keeps a backup of the fit in a file, rewritten after every epoch, and resumes from it:
         * Keras's {@code BackupAndRestore(backup_dir)}. A fit that finds the file continues after
         * the epoch it holds, with the parameters, optimizer state, learning rate, history and
         * listener states of then, and ends exactly as an uninterrupted fit with the same seed
         * would; a fit that ends normally deletes the file ({@link TrainingBackup}). Unlike Keras,
         * this is an option of the fit rather than a callback, because resuming sets the loop's own
         * state (update count, optimizer moments), which listeners do not reach.
         *
         * <p>Exactness needs every random step to be reproducible per epoch: the batch order and
         * the engine's generator are reset at each epoch's start anyway; a batch transform must be
         * {@link org.atelier.core.transform.Reseedable} (the core's are), and a DJL training
         * listener's state ({@link #addTrainingListener}) is not kept.
         *
         * @param file the backup file; its directory is created when the fit begins; null for no backup
         * @return this builder
         */
        public Builder optBackup(Path file) {
            return optBackup(file, Duration.ZERO);
        }

        /**
         * Keeps a backup as {@link #optBackup(Path)} does, but not after every epoch: after the
         * first, then after each epoch that ends at least {@code interval} after the last backup was
         * written (Keras's {@code save_freq}, in time rather than batches). Writing costs a copy of
         * the parameters and the optimizer's state (three times the parameters with Adam); epochs of
         * a few milliseconds would spend most of their time on it, while a resumed fit is exact from
         * any epoch. A fit stopped then repeats at most the epochs of one interval.
         *
         * @param file the backup file; null for no backup
         * @param interval the least time between two backups; zero for every epoch
         * @return this builder
         */
        public Builder optBackup(Path file, Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the interval between backups must be ≥ 0, got " + interval);
            }
            this.backup = file == null ? null : TrainingBackup.at(file);
            this.backupInterval = interval;
            return this;
        }

        /** Builds the configuration. */
        public FitConfig build() {
            return new FitConfig(this);
        }
    }
}

package org.atelier.core.trial;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.atelier.core.AtelierException;
import org.atelier.core.models.Layers;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.FitListener;
import org.atelier.core.training.listener.EarlyStopping;
import org.atelier.core.training.listener.RestoreBestEpoch;

/**
 * How a trial fits its model, as a serializable value: what {@link FitConfig} holds, by name
 * rather than by object, so that the settings travel to another JVM. {@link #toFitConfig} builds
 * the configuration with its listeners. Build with {@link #builder()}.
 *
 * @param optimizer {@code sgd} or {@code adam}
 * @param learningRate the fixed learning rate, positive
 * @param batchSize samples per update; at least the training-set size means full batch
 * @param maxEpochs the most epochs
 * @param evaluateBeforeTraining whether epoch 0 (before the first update) is recorded
 * @param initializer the weight initializer's name ({@code normal-fan-in} or {@code xavier}, or one a plugin registers)
 * @param earlyStopping early stopping on the validation loss, or null for none
 * @param restoreBest whether training ends with the parameters of the epoch of lowest validation loss
 * @param batchTransform the transform of every training batch, or null for none
 * @param evaluateTest whether the test set is evaluated after every epoch (the trial's {@link
 *     TrialResult#testCurve()}); it only watches, nothing selects on it
 * @param trainLastLayers 0 to train every parameter, else how many of the model's last
 *     parameterized layers train while the others are frozen ({@code Layers.trainOnlyLast}, e.g. 1:
 *     only the output layer)
 */
public record FitSpec(String optimizer, double learningRate, int batchSize, int maxEpochs,
        boolean evaluateBeforeTraining, String initializer, EarlyStop earlyStopping, boolean restoreBest,
        TransformSpec batchTransform, boolean evaluateTest, int trainLastLayers) implements Serializable {

    /** The optimizers by name. */
    public static final String SGD = "sgd";
    /** Adam with DJL's default betas. */
    public static final String ADAM = "adam";
    /** The least time between two training backups of a trial ({@link #toFitConfig(long, Path, FitListener...)}). */
    public static final Duration BACKUP_INTERVAL = Duration.ofSeconds(5);
    /** The default initializer's name: {@code Initializers.normalFanIn()}. */
    public static final String NORMAL_FAN_IN = "normal-fan-in";

    /**
     * Early stopping on the validation loss ({@link EarlyStopping#onValLoss}).
     *
     * @param patience epochs without improvement, ≥ 1
     * @param minDelta the decrease that counts as an improvement, ≥ 0
     */
    public record EarlyStop(int patience, double minDelta) implements Serializable {
        /** Checks the values. */
        public EarlyStop {
            if (patience < 1 || !(minDelta >= 0)) {
                throw new IllegalArgumentException("early stopping needs patience ≥ 1 and min delta ≥ 0, got "
                        + patience + " and " + minDelta);
            }
        }
    }

    /** Checks the values that need no registry (names are checked where the trial runs). */
    public FitSpec {
        if (!SGD.equals(optimizer) && !ADAM.equals(optimizer)) {
            throw new AtelierException("unknown optimizer '" + optimizer + "'; choices: " + SGD + ", " + ADAM);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be positive and finite, got " + learningRate);
        }
        if (batchSize < 1 || maxEpochs < 1) {
            throw new IllegalArgumentException("batch size and epochs must be at least 1, got " + batchSize + " and "
                    + maxEpochs);
        }
        if (initializer == null) {
            initializer = NORMAL_FAN_IN;
        }
        if (trainLastLayers < 0) {
            throw new IllegalArgumentException("the number of trained last layers must be ≥ 0 (0: all), got "
                    + trainLastLayers);
        }
    }

    /** A spec that trains every parameter and does not watch the test set. */
    public FitSpec(String optimizer, double learningRate, int batchSize, int maxEpochs, boolean evaluateBeforeTraining,
            String initializer, EarlyStop earlyStopping, boolean restoreBest, TransformSpec batchTransform) {
        this(optimizer, learningRate, batchSize, maxEpochs, evaluateBeforeTraining, initializer, earlyStopping,
                restoreBest, batchTransform, false, 0);
    }

    /** A builder: SGD with rate 0.1, batch 64, one epoch, normal-fan-in weights, no listeners. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to derive a variant (e.g. a smaller rate). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.batchSize = batchSize;
        b.maxEpochs = maxEpochs;
        b.evaluateBeforeTraining = evaluateBeforeTraining;
        b.initializer = initializer;
        b.earlyStopping = earlyStopping;
        b.restoreBest = restoreBest;
        b.batchTransform = batchTransform;
        b.evaluateTest = evaluateTest;
        b.trainLastLayers = trainLastLayers;
        return b;
    }

    /**
     * The fit configuration of one trial: the optimizer at the fixed rate, the initializer, epoch
     * 0 if requested, no progress bar, then the listeners in this order: early stopping, restoring
     * the best epoch, {@code extra}. Names are looked up in the {@link TrialRegistry}.
     *
     * @param seed the seed of initialization, dropout, batch order and the batch transform
     * @param extra more listeners, e.g. a progress line
     * @return the configuration
     * @throws AtelierException for an unknown initializer or transform name
     */
    public FitConfig toFitConfig(long seed, FitListener... extra) {
        return toFitConfig(seed, null, extra);
    }

    /**
     * The fit configuration of one trial, as {@link #toFitConfig(long, FitListener...)}, with a
     * backup that the fit resumes from ({@code FitConfig.Builder.optBackup}), written after the
     * first epoch and then after each epoch that ends at least {@link #BACKUP_INTERVAL} after the
     * last backup: every epoch of a real training, while the millisecond epochs of a smoke run do
     * not spend their time writing backups.
     *
     * @param seed the seed of initialization, dropout, batch order and the batch transform
     * @param backup the backup file, or null for none
     * @param extra more listeners, e.g. a progress line
     * @return the configuration
     * @throws AtelierException for an unknown initializer or transform name
     */
    public FitConfig toFitConfig(long seed, Path backup, FitListener... extra) {
        TrialRegistry registry = TrialRegistry.instance();
        FitConfig.Builder config = FitConfig.builder().setEpochs(maxEpochs).setBatchSize(batchSize)
                .optInitializer(registry.initializer(initializer).get()).optSeed(seed)
                .optEvaluateBeforeTraining(evaluateBeforeTraining).optProgress(null).optBackup(backup, BACKUP_INTERVAL);
        if (SGD.equals(optimizer)) {
            config.optSgd((float) learningRate);
        } else {
            config.optAdam((float) learningRate);
        }
        if (earlyStopping != null) {
            config.addListener(EarlyStopping.onValLoss(earlyStopping.patience(), earlyStopping.minDelta()));
        }
        if (restoreBest) {
            config.addListener(new RestoreBestEpoch());
        }
        if (batchTransform != null) {
            config.optBatchTransform(registry.transform(batchTransform.name()).create(batchTransform.args(), seed));
        }
        if (trainLastLayers > 0) {
            config.optFreeze(block -> Layers.trainOnlyLast(block, trainLastLayers));
        }
        for (FitListener listener : extra) {
            config.addListener(listener);
        }
        return config.build();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s lr %s, batch %d, ≤ %d epochs%s%s", optimizer, learningRate, batchSize,
                maxEpochs, earlyStopping == null ? "" : ", early stopping " + earlyStopping.patience() + "/"
                        + earlyStopping.minDelta(), restoreBest ? ", best epoch restored" : "")
                + (trainLastLayers > 0 ? ", only the last " + trainLastLayers + " layer(s) trained" : "");
    }

    /** Builds a {@link FitSpec}. */
    public static final class Builder {
        private String optimizer = SGD;
        private double learningRate = 0.1;
        private int batchSize = 64;
        private int maxEpochs = 1;
        private boolean evaluateBeforeTraining;
        private String initializer = NORMAL_FAN_IN;
        private EarlyStop earlyStopping;
        private boolean restoreBest;
        private TransformSpec batchTransform;
        private boolean evaluateTest;
        private int trainLastLayers;

        private Builder() {}

        /** Plain SGD with a fixed rate (the default, with 0.1). */
        public Builder sgd(double rate) {
            this.optimizer = SGD;
            this.learningRate = rate;
            return this;
        }

        /** Adam with a fixed rate. */
        public Builder adam(double rate) {
            this.optimizer = ADAM;
            this.learningRate = rate;
            return this;
        }

        /** Sets the learning rate, keeping the optimizer. */
        public Builder learningRate(double rate) {
            this.learningRate = rate;
            return this;
        }

        /** Sets the batch size. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets the most epochs. */
        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /** Records epoch 0 (before the first update). */
        public Builder evaluateBeforeTraining(boolean evaluate) {
            this.evaluateBeforeTraining = evaluate;
            return this;
        }

        /** Sets the weight initializer by name. */
        public Builder initializer(String name) {
            this.initializer = name;
            return this;
        }

        /** Stops when the validation loss has not improved by more than {@code minDelta} for {@code patience} epochs. */
        public Builder earlyStopping(int patience, double minDelta) {
            this.earlyStopping = new EarlyStop(patience, minDelta);
            return this;
        }

        /** Turns early stopping off. */
        public Builder noEarlyStopping() {
            this.earlyStopping = null;
            return this;
        }

        /** Whether training ends with the best epoch's parameters. */
        public Builder restoreBest(boolean restore) {
            this.restoreBest = restore;
            return this;
        }

        /** Sets the batch transform (null for none). */
        public Builder batchTransform(TransformSpec transform) {
            this.batchTransform = transform;
            return this;
        }

        /** Whether the test set is evaluated after every epoch (it only watches; default false). */
        public Builder evaluateTest(boolean evaluate) {
            this.evaluateTest = evaluate;
            return this;
        }

        /** Trains only the model's last {@code layers} parameterized layers, the others frozen (0: all train, the default). */
        public Builder trainLastLayers(int layers) {
            this.trainLastLayers = layers;
            return this;
        }

        /** Builds the spec. */
        public FitSpec build() {
            return new FitSpec(optimizer, learningRate, batchSize, maxEpochs, evaluateBeforeTraining, initializer,
                    earlyStopping, restoreBest, batchTransform, evaluateTest, trainLastLayers);
        }
    }
}

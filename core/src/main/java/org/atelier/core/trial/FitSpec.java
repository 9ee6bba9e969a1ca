package org.atelier.core.trial;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.atelier.core.AtelierException;
import org.atelier.core.models.Layers;
import org.atelier.core.training.Evaluation;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.FitListener;
import org.atelier.core.training.LabelSmoothingLoss;
import org.atelier.core.training.listener.CosineSchedule;
import org.atelier.core.training.listener.EarlyStopping;
import org.atelier.core.training.listener.GradientNorms;
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
 * @param gradientNormEvery 0 for none, else every how many updates {@link GradientNorms} samples the
 *     per-layer weight-gradient norms (the trial's {@link TrialResult#gradientNorms()})
 * @param weightDecay decoupled weight decay per unit learning rate (with Adam: DJL's AdamW), 0 for none
 * @param labelSmoothing ε of the smoothed cross-entropy ({@link LabelSmoothingLoss}), 0 for the plain one
 * @param cosine cosine decay of the learning rate over the fit ({@link CosineSchedule}), or null
 *     for a fixed rate
 * @param testTimeFlip whether the test set is evaluated with test-time augmentation: each image
 *     and its mirror image, their predicted probabilities averaged ({@link Evaluation#ofMirrored});
 *     needs {@code evaluateTest}
 */
public record FitSpec(String optimizer, double learningRate, int batchSize, int maxEpochs,
        boolean evaluateBeforeTraining, String initializer, EarlyStop earlyStopping, boolean restoreBest,
        TransformSpec batchTransform, boolean evaluateTest, int trainLastLayers, int gradientNormEvery,
        double weightDecay, double labelSmoothing, Cosine cosine, boolean testTimeFlip) implements Serializable {

    /** The optimizers by name. */
    public static final String SGD = "sgd";
    /** Adam with DJL's default betas. */
    public static final String ADAM = "adam";
    /** The least time between two training backups of a trial ({@link #toFitConfig(long, Path, FitListener...)}). */
    public static final Duration BACKUP_INTERVAL = Duration.ofSeconds(5);
    /** The default initializer's name: {@code Initializers.normalFanIn()}. */
    public static final String NORMAL_FAN_IN = "normal-fan-in";
    /** Glorot and Bengio's uniform ("Xavier") initialization: {@code Initializers.glorotUniform()}. */
    public static final String GLOROT_UNIFORM = "glorot-uniform";
    /** He et al.'s normal initialization for ReLU layers: {@code Initializers.heNormal()}. */
    public static final String HE_NORMAL = "he-normal";
    /** PyTorch's default for {@code nn.Linear} weights, U(±1/√fan_in): {@code Initializers.uniformFanIn()}. */
    public static final String UNIFORM_FAN_IN = "uniform-fan-in";

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

    /**
     * Cosine decay of the learning rate from {@code learningRate} after a linear warm-up ({@link CosineSchedule}).
     *
     * @param finalFactor the last update's rate as a share of the peak, in (0, 1]
     * @param warmUpEpochs epochs of linear warm-up from 0, ≥ 0
     */
    public record Cosine(double finalFactor, double warmUpEpochs) implements Serializable {
        /** Checks the values. */
        public Cosine {
            if (!(finalFactor > 0 && finalFactor <= 1) || !(warmUpEpochs >= 0) || Double.isInfinite(warmUpEpochs)) {
                throw new IllegalArgumentException("a cosine schedule needs a final factor in (0, 1] and warm-up epochs"
                        + " ≥ 0, got " + finalFactor + " and " + warmUpEpochs);
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
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be ≥ 0 and finite, got " + weightDecay);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (trainLastLayers < 0) {
            throw new IllegalArgumentException("the number of trained last layers must be ≥ 0 (0: all), got "
                    + trainLastLayers);
        }
        if (testTimeFlip && !evaluateTest) {
            throw new IllegalArgumentException("test-time flipping applies to the test set evaluated each epoch;"
                    + " set evaluateTest too");
        }
        if (gradientNormEvery < 0) {
            throw new IllegalArgumentException("gradient norms are sampled every n ≥ 1 steps (0: not at all), got "
                    + gradientNormEvery);
        }
    }

    /** A spec with the plain loss, no weight decay and a fixed learning rate. */
    public FitSpec(String optimizer, double learningRate, int batchSize, int maxEpochs, boolean evaluateBeforeTraining,
            String initializer, EarlyStop earlyStopping, boolean restoreBest, TransformSpec batchTransform,
            boolean evaluateTest, int trainLastLayers) {
        this(optimizer, learningRate, batchSize, maxEpochs, evaluateBeforeTraining, initializer, earlyStopping,
                restoreBest, batchTransform, evaluateTest, trainLastLayers, 0, 0, 0, null, false);
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
        b.gradientNormEvery = gradientNormEvery;
        b.weightDecay = weightDecay;
        b.labelSmoothing = labelSmoothing;
        b.cosine = cosine;
        b.testTimeFlip = testTimeFlip;
        return b;
    }

    /**
     * The fit configuration of one trial: the loss (smoothed if asked), the optimizer at the rate
     * (with decoupled weight decay if asked), the initializer, epoch 0 if requested, no progress
     * bar, then the listeners in this order: the cosine schedule, early stopping, restoring the
     * best epoch, {@code extra}; with {@link #gradientNormEvery} a {@link GradientNorms} DJL
     * training listener. Names are looked up in the {@link TrialRegistry}.
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
        config.optOptimizer(this::optimizer, Tracker.fixed((float) learningRate));
        if (labelSmoothing > 0) {
            config.optLoss(new LabelSmoothingLoss(labelSmoothing));
        }
        if (cosine != null) {
            config.addListener(new CosineSchedule(learningRate, cosine.finalFactor(), cosine.warmUpEpochs()));
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
        if (gradientNormEvery > 0) {
            config.addTrainingListener(new GradientNorms(gradientNormEvery));
        }
        return config.build();
    }

    /**
     * The optimizer around a learning-rate tracker: DJL's SGD or Adam, or with weight decay DJL's
     * AdamW (decoupled: each weight shrinks by {@code 1 − rate · decay} before Adam's step, as
     * {@code torch.optim.AdamW}; checked on PyTorch and MXNet) or SGD with DJL's weight decay
     * (for SGD decoupled decay and L2 regularization are the same update).
     */
    private Optimizer optimizer(Tracker rate) {
        float decay = (float) weightDecay;
        if (SGD.equals(optimizer)) {
            return Optimizer.sgd().setLearningRateTracker(rate).optWeightDecays(decay).build();
        }
        return weightDecay == 0 ? Optimizer.adam().optLearningRateTracker(rate).build()
                : Optimizer.adamW().optLearningRateTracker(rate).optWeightDecays(decay).build();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s lr %s, batch %d, ≤ %d epochs%s%s", optimizer, learningRate, batchSize,
                maxEpochs, earlyStopping == null ? "" : ", early stopping " + earlyStopping.patience() + "/"
                        + earlyStopping.minDelta(), restoreBest ? ", best epoch restored" : "")
                + (trainLastLayers > 0 ? ", only the last " + trainLastLayers + " layer(s) trained" : "")
                + (weightDecay > 0 ? ", weight decay " + weightDecay : "")
                + (labelSmoothing > 0 ? ", label smoothing " + labelSmoothing : "")
                + (cosine == null ? "" : ", cosine decay to " + cosine.finalFactor() + "× after "
                        + cosine.warmUpEpochs() + " warm-up epochs")
                + (testTimeFlip ? ", test images averaged with their mirror images" : "");
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
        private int gradientNormEvery;
        private double weightDecay;
        private double labelSmoothing;
        private Cosine cosine;
        private boolean testTimeFlip;

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

        /** Samples the per-layer weight-gradient norms every {@code steps} updates (0: not at all, the default). */
        public Builder gradientNormEvery(int steps) {
            this.gradientNormEvery = steps;
            return this;
        }

        /** Decoupled weight decay per unit learning rate (0: none, the default); with Adam this is AdamW. */
        public Builder weightDecay(double decay) {
            this.weightDecay = decay;
            return this;
        }

        /** ε of the smoothed cross-entropy (0: the plain loss, the default). */
        public Builder labelSmoothing(double smoothing) {
            this.labelSmoothing = smoothing;
            return this;
        }

        /** Cosine decay of the rate over the fit, after {@code warmUpEpochs} of linear warm-up, to {@code finalFactor} × the rate. */
        public Builder cosine(double finalFactor, double warmUpEpochs) {
            this.cosine = new Cosine(finalFactor, warmUpEpochs);
            return this;
        }

        /** A fixed learning rate (the default). */
        public Builder fixedRate() {
            this.cosine = null;
            return this;
        }

        /**
         * Whether the test set watched each epoch ({@link #evaluateTest}) is evaluated with
         * test-time augmentation: the predicted probabilities of each image and of its mirror
         * image averaged (default false).
         */
        public Builder testTimeFlip(boolean flip) {
            this.testTimeFlip = flip;
            return this;
        }

        /** Builds the spec. */
        public FitSpec build() {
            return new FitSpec(optimizer, learningRate, batchSize, maxEpochs, evaluateBeforeTraining, initializer,
                    earlyStopping, restoreBest, batchTransform, evaluateTest, trainLastLayers, gradientNormEvery, weightDecay,
                    labelSmoothing, cosine, testTimeFlip);
        }
    }
}

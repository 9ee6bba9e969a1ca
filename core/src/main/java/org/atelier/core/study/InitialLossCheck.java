package org.atelier.core.study;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.Initializer;
import java.util.List;
import java.util.function.Supplier;
import org.atelier.core.engine.Backend;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.InitialLoss;
import org.atelier.core.training.Inference;
import org.atelier.core.training.LabeledArrays;

/**
 * The loss before the first update, measured by initializing a model the way training does (same
 * engine seeding, same initializer, biases zero) and evaluating it on the training set, with the
 * logits' variance that the expectation {@link InitialLoss#expected} needs.
 *
 * @param losses the initial training loss of each seed
 * @param logitVariance the variance of the initial logits over samples, classes and seeds
 * @param firstLogits the initial logits of the first seed, flattened (for a histogram)
 */
public record InitialLossCheck(double[] losses, double logitVariance, float[] firstLogits) {

    /**
     * Measures the initial loss for several seeds.
     *
     * @param backend the engine (seeded like {@code Training.fit} seeds it)
     * @param block creates the model's block
     * @param initializer the weight initializer
     * @param seeds one initialization each
     * @param data the samples the loss is measured on
     * @return the measurements
     */
    public static InitialLossCheck measure(Backend backend, Supplier<SequentialBlock> block, Initializer initializer,
            List<Long> seeds, LabeledArrays data) {
        double[] losses = new double[seeds.size()];
        double squares = 0;
        float[] first = null;
        for (int i = 0; i < seeds.size(); i++) {
            try (NDManager manager = data.features().getManager().newSubManager()) {
                NDArray logits = initialLogits(backend, block.get(), initializer, seeds.get(i), data, manager);
                losses[i] = InitialLoss.crossEntropy(logits, data.labels());
                // the logits have mean 0 by symmetry of the initialization, so E[z²] is their variance
                squares += logits.square().mean().toType(DataType.FLOAT64, false).getDouble();
                if (i == 0) {
                    first = logits.toFloatArray();
                }
            }
        }
        return new InitialLossCheck(losses, squares / seeds.size(), first);
    }

    /**
     * The logits of a freshly initialized model.
     *
     * @param backend the engine, seeded here with {@code seed}
     * @param block a new, uninitialized block
     * @param initializer the weight initializer
     * @param seed the initialization seed
     * @param data the samples
     * @param manager owns the parameters and the result
     * @return the logits {@code (N, K)}
     */
    public static NDArray initialLogits(Backend backend, SequentialBlock block, Initializer initializer, long seed,
            LabeledArrays data, NDManager manager) {
        // Training.fit seeds the engine the same way before initializing, so seed s here gives the
        // same weights as seed s in training.
        backend.seed(seed);
        block.setInitializer(initializer, Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, data.features().getShape());
        return Inference.innerOutput(block, block.getChildren().size(), data.features(), manager);
    }

    /** The initial loss over the seeds. */
    public MeanStd loss() {
        return MeanStd.of(losses);
    }

    /**
     * The second-order expectation from the measured logit variance.
     *
     * @param classes the number of classes
     * @return ln K + (1 − 1/K)·s²/2
     */
    public double expected(int classes) {
        return InitialLoss.expected(classes, logitVariance);
    }
}

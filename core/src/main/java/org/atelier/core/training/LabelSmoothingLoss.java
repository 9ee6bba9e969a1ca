package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy against smoothed targets (Szegedy et al. 2016): the true class gets
 * {@code 1 - ε + ε/K}, every other class {@code ε/K}. Equivalently {@code (1 - ε)·CE(y) + ε·mean_k
 * (−log p_k)}: besides the usual loss, a pull of every logit towards the others, so the network
 * stops pushing the winning logit to infinity once a sample is right; this acts as a regularizer
 * and usually calibrates the probabilities better.
 *
 * <p>Same conventions as DJL's {@code Loss.softmaxCrossEntropyLoss()} (logits in, class indices as
 * labels, mean over the batch); ε = 0 gives exactly its value. DJL has no smoothing option on its
 * softmax cross-entropy, hence this class; the formula is PyTorch's {@code
 * CrossEntropyLoss(label_smoothing=ε)} and Keras's {@code CategoricalCrossentropy(label_smoothing=ε)}.
 * The loss reported for training and validation is the smoothed one; with ε &gt; 0 it cannot
 * reach 0, so compare losses only between runs with the same ε (accuracy is unaffected).
 */
public final class LabelSmoothingLoss extends Loss {

    private final double smoothing;

    /**
     * A smoothed softmax cross-entropy.
     *
     * @param smoothing ε in [0, 1): the probability mass spread evenly over all classes
     */
    public LabelSmoothingLoss(double smoothing) {
        super("SmoothedSoftmaxCrossEntropy");
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + smoothing);
        }
        this.smoothing = smoothing;
    }

    /** ε, the smoothing. */
    public double smoothing() {
        return smoothing;
    }

    /**
     * The mean over the batch of the smoothed cross-entropy.
     *
     * @param labels class indices, shape {@code (N)} or {@code (N, 1)}
     * @param predictions logits, shape {@code (N, K)}
     * @return a scalar
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray logProbabilities = logits.logSoftmax(-1);
        // DJL's softmax cross-entropy picks the true class the same way, on every engine
        NDArray label = labels.singletonOrThrow();
        NDIndex pick = new NDIndex().addAllDim(logits.getShape().dimension() - 1).addPickDim(label);
        NDArray nll = logProbabilities.get(pick).reshape(-1).neg();
        if (smoothing == 0) {
            return nll.mean();
        }
        NDArray uniform = logProbabilities.mean(new int[] {-1}).neg();
        return nll.mul((float) (1 - smoothing)).add(uniform.mul((float) smoothing)).mean();
    }
}

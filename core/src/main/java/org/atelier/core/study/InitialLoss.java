package org.atelier.core.study;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/**
 * Where the cross-entropy loss of a freshly initialized classifier should start.
 *
 * <p>With weights w ~ N(0, σ²) and bias 0, each logit z_k = Σ_i w_ki x_i of a sample x is
 * Gaussian with variance s² = σ²‖x‖², independently across the K classes. The loss is
 * logsumexp(z) − z_y; a second-order expansion of logsumexp around z = 0 gives
 * E[loss] ≈ ln K + (1 − 1/K)·s²/2. As σ → 0 the prediction becomes uniform and the loss ln K;
 * as s² grows the softmax saturates and the loss grows like the spread of the largest logit.
 */
public final class InitialLoss {

    private InitialLoss() {}

    /**
     * The loss of a uniform prediction, ln K.
     *
     * @param classes K
     * @return ln K
     */
    public static double uniform(int classes) {
        return Math.log(classes);
    }

    /**
     * The second-order expectation ln K + (1 − 1/K)·s²/2.
     *
     * @param classes K
     * @param meanLogitVariance s², averaged over the samples
     * @return the expected initial loss
     */
    public static double expected(int classes, double meanLogitVariance) {
        return Math.log(classes) + (1 - 1.0 / classes) * meanLogitVariance / 2;
    }

    /**
     * The variance of a logit under the initialization, averaged over samples: σ²·mean‖x‖².
     *
     * @param features the samples {@code (N, ...)}
     * @param weightStd σ, the standard deviation of the weights
     * @return the mean logit variance s²
     */
    public static double meanLogitVariance(NDArray features, double weightStd) {
        try (NDManager scope = features.getManager().newSubManager()) {
            return logitVariances(features, weightStd, scope).mean().toType(DataType.FLOAT64, false).getDouble();
        }
    }

    /**
     * A bound on how far the true expectation lies below the second-order one, averaged over the
     * samples: 0.025·mean(s⁴) with s² = σ²‖x‖² per sample.
     *
     * <p>The expansion drops negative higher-order terms. Monte-Carlo for K = 10 gives true minus
     * second-order of −0.006, −0.024, −0.093, −0.198, −0.329 at s² = 0.5, 1, 2, 3, 4: about
     * −0.024·s⁴ up to s² = 3 and less than that beyond, so 0.025·s⁴ bounds it. Because the error
     * grows with s⁴, samples with a large norm (bright images) dominate it.
     *
     * @param features the samples {@code (N, ...)}
     * @param weightStd σ
     * @return the bound, ≥ 0
     */
    public static double higherOrderBound(NDArray features, double weightStd) {
        try (NDManager scope = features.getManager().newSubManager()) {
            return 0.025 * logitVariances(features, weightStd, scope).square().mean().toType(DataType.FLOAT64, false)
                    .getDouble();
        }
    }

    /** Per sample, the variance of a logit under the initialization: σ²·‖x‖², owned by {@code scope}. */
    private static NDArray logitVariances(NDArray features, double weightStd, NDManager scope) {
        NDArray flat = features.reshape(features.getShape().get(0), -1);
        flat.attach(scope);
        return flat.square().sum(new int[] {1}).mul(weightStd * weightStd);
    }

    /**
     * The mean softmax cross-entropy of class scores.
     *
     * @param logits the scores {@code (N, K)}
     * @param labels the class indices {@code (N)}, any numeric type
     * @return mean over samples of logsumexp(z) − z_label
     */
    public static double crossEntropy(NDArray logits, NDArray labels) {
        // DJL's loss, the one training minimizes: the check measures exactly that quantity.
        try (NDArray loss = new SoftmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits))) {
            return loss.toType(DataType.FLOAT64, false).getDouble();
        }
    }
}

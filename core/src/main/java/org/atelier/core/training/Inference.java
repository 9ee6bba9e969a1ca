package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Batched forward passes without gradient, in inference mode (dropout off): predicted classes for
 * confusion matrices and the output of an inner layer for feature plots.
 */
public final class Inference {

    /**
     * Samples per forward pass, here and in validation during training. Larger than training
     * batches: no activations are kept for a backward pass, and fewer, larger calls amortize the
     * per-call overhead.
     */
    public static final int BATCH = 1024;

    private Inference() {}

    /**
     * Class predictions of a classifier.
     *
     * @param classes the predicted class of each sample
     * @param probabilities softmax probabilities, row-major {@code N × numClasses}, or null if not requested
     * @param numClasses the number of classes
     */
    public record Predictions(int[] classes, float[] probabilities, int numClasses) {

        /** The probability the model gives sample {@code i} for class {@code c}. */
        public float probability(int i, int c) {
            if (probabilities == null) {
                throw new IllegalStateException("probabilities were not requested");
            }
            return probabilities[i * numClasses + c];
        }
    }

    /**
     * Predicts the class of every sample.
     *
     * @param block an initialized classifier returning class scores (logits)
     * @param features the samples {@code (N, ...)}
     * @param withProbabilities whether to also return softmax probabilities
     * @return the predictions
     */
    public static Predictions classify(Block block, NDArray features, boolean withProbabilities) {
        try (NDManager scope = features.getManager().newSubManager()) {
            NDArray scores = forward(block, block.getChildren().size(), features, scope);
            int[] classes = scores.argMax(1).toType(DataType.INT32, false).toIntArray();
            float[] probabilities = withProbabilities ? scores.softmax(1).toFloatArray() : null;
            return new Predictions(classes, probabilities, Math.toIntExact(scores.getShape().get(1)));
        }
    }

    /**
     * The output of the first {@code layers} children of a sequential model, e.g. the activations
     * of the last hidden layer for a t-SNE plot.
     *
     * @param block an initialized sequential model
     * @param layers how many children to run, from the first; all of them gives the model's output
     * @param features the samples {@code (N, ...)}
     * @param manager the manager that will own the result
     * @return the inner output for all samples, first axis the sample axis
     */
    public static NDArray innerOutput(SequentialBlock block, int layers, NDArray features, NDManager manager) {
        if (layers < 1 || layers > block.getChildren().size()) {
            throw new IllegalArgumentException("layers must be in [1, " + block.getChildren().size() + "], got " + layers);
        }
        return forward(block, layers, features, manager);
    }

    private static NDArray forward(Block block, int layers, NDArray features, NDManager manager) {
        List<Block> prefix = prefix(block, layers);
        ParameterStore parameters = new ParameterStore(manager, false);
        long n = features.getShape().get(0);
        List<NDArray> outputs = new ArrayList<>();
        for (long from = 0; from < n; from += BATCH) {
            try (NDManager batchManager = manager.newSubManager()) {
                // slices belong to the features' manager until moved; intermediates follow their input
                NDList x = new NDList(features.get(new NDIndex().addSliceDim(from, Math.min(n, from + BATCH))));
                x.attach(batchManager);
                for (Block child : prefix) {
                    x = child.forward(parameters, x, false);
                }
                NDArray out = x.head();
                out.attach(manager);
                outputs.add(out);
            }
        }
        NDArray all = outputs.size() == 1 ? outputs.get(0) : NDArrays.concat(new NDList(outputs));
        all.attach(manager);
        return all;
    }

    private static List<Block> prefix(Block block, int layers) {
        if (!(block instanceof SequentialBlock)) {
            return List.of(block);
        }
        return block.getChildren().values().subList(0, layers);
    }
}

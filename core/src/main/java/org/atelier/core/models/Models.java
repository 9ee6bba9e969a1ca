package org.atelier.core.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The reference models of the studies, built from DJL blocks.
 *
 * <p>Every model is a {@link SequentialBlock}, so an inner layer's output (e.g. features for
 * t-SNE) is the output of a prefix of its children; see {@code org.atelier.core.training.Inference}.
 * Models take batches of images {@code (N, 1, 28, 28)} or flat rows {@code (N, features)}.
 */
public final class Models {

    private Models() {}

    /**
     * Multinomial logistic (softmax) regression: flatten, then one affine layer to the class scores.
     *
     * @param classes the number of classes
     * @return the block, returning logits
     */
    public static SequentialBlock softmaxRegression(int classes) {
        return new SequentialBlock().add(Blocks.batchFlattenBlock()).add(linear(classes));
    }

    /**
     * A multilayer perceptron: flatten, then one ReLU layer per entry of {@code hidden}, then the
     * output layer.
     *
     * @param hidden the widths of the hidden layers, e.g. {@code {256}}; empty gives softmax regression
     * @param classes the number of classes
     * @return the block, returning logits
     */
    public static SequentialBlock mlp(int[] hidden, int classes) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int width : hidden) {
            if (width <= 0) {
                throw new IllegalArgumentException("hidden layer width must be positive, got " + width);
            }
            block.add(linear(width)).add(Activation.reluBlock());
        }
        return block.add(linear(classes));
    }

    /**
     * A multilayer perceptron with batch normalization and dropout: flatten, then per entry of
     * {@code hidden} a linear layer → (batch norm) → ReLU → (dropout), then the output layer.
     *
     * <p>Normalization sits between the linear map and the ReLU, as in {@link
     * #pytorchExampleCnnBatchNorm}; dropout follows the activation, so it drops whole units' outputs
     * (Srivastava et al. 2014). The output layer has neither. Without normalization and with rate 0
     * this is {@link #mlp(int[], int)}.
     *
     * @param hidden the widths of the hidden layers, e.g. {@code {1024, 1024}}
     * @param classes the number of classes
     * @param batchNorm whether each hidden layer is batch-normalized
     * @param dropoutRate the rate of the dropout after each hidden layer; 0 leaves it out
     * @return the block, returning logits
     */
    public static SequentialBlock mlp(int[] hidden, int classes, boolean batchNorm, float dropoutRate) {
        if (dropoutRate < 0 || dropoutRate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + dropoutRate);
        }
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int width : hidden) {
            if (width <= 0) {
                throw new IllegalArgumentException("hidden layer width must be positive, got " + width);
            }
            block.add(linear(width));
            if (batchNorm) {
                block.add(batchNorm());
            }
            block.add(Activation.reluBlock());
            if (dropoutRate > 0) {
                block.add(Dropout.builder().optRate(dropoutRate).build());
            }
        }
        return block.add(linear(classes));
    }

    /**
     * The CNN of the PyTorch MNIST example: conv 10@5×5 → max-pool 2 → ReLU; conv 20@5×5 →
     * (dropout) → max-pool 2 → ReLU; flatten (320) → fc 50 → ReLU → (dropout) → fc {@code classes}.
     *
     * <p>As in the example, the dropout after the second convolution is channel-wise ({@link
     * ChannelDropout}, PyTorch's {@code Dropout2d}) and the one after fc 50 element-wise ({@link Dropout}).
     *
     * @param classes the number of classes
     * @param dropoutRate the dropout rate of both dropout layers; 0 leaves them out (the example uses 0.5)
     * @return the block, taking {@code (N, 1, 28, 28)} and returning logits
     */
    public static SequentialBlock pytorchExampleCnn(int classes, float dropoutRate) {
        if (dropoutRate < 0 || dropoutRate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + dropoutRate);
        }
        SequentialBlock block = new SequentialBlock()
                .add(conv(10)).add(maxPool2()).add(Activation.reluBlock())
                .add(conv(20));
        if (dropoutRate > 0) {
            block.add(new ChannelDropout(dropoutRate));
        }
        block.add(maxPool2()).add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(linear(50)).add(Activation.reluBlock());
        if (dropoutRate > 0) {
            block.add(Dropout.builder().optRate(dropoutRate).build());
        }
        return block.add(linear(classes));
    }

    /**
     * The PyTorch-example CNN with batch normalization after each convolution and after fc 50:
     * conv 10@5×5 → BN → max-pool 2 → ReLU; conv 20@5×5 → BN → (dropout) → max-pool 2 → ReLU;
     * flatten → fc 50 → BN → ReLU → (dropout) → fc {@code classes}.
     *
     * <p>Each normalization sits between a layer's linear map and its nonlinearity (Ioffe and
     * Szegedy 2015): it standardizes each channel (or unit) over the batch, so the ReLU always sees
     * inputs centred near zero with unit scale whatever the weights have drifted to, and then
     * rescales them with a learned γ and β. Max-pooling commutes with the per-channel affine map
     * (γ > 0), so normalizing before or after the pool makes little difference; before it, the
     * statistics see all 24×24 (8×8) positions. The output layer is not normalized: its logits
     * must be free to grow as the classifier becomes confident. Each normalization adds 2 learned
     * values per channel (γ, β) and 2 running statistics (mean, variance) that are not trained by
     * gradient: 40 + 80 + 200 values in all.
     *
     * @param classes the number of classes
     * @param dropoutRate the dropout rate of both dropout layers; 0 leaves them out
     * @return the block, taking {@code (N, 1, 28, 28)} and returning logits
     */
    public static SequentialBlock pytorchExampleCnnBatchNorm(int classes, float dropoutRate) {
        if (dropoutRate < 0 || dropoutRate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + dropoutRate);
        }
        SequentialBlock block = new SequentialBlock()
                .add(conv(10)).add(batchNorm()).add(maxPool2()).add(Activation.reluBlock())
                .add(conv(20)).add(batchNorm());
        if (dropoutRate > 0) {
            block.add(new ChannelDropout(dropoutRate));
        }
        block.add(maxPool2()).add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(linear(50)).add(batchNorm()).add(Activation.reluBlock());
        if (dropoutRate > 0) {
            block.add(Dropout.builder().optRate(dropoutRate).build());
        }
        return block.add(linear(classes));
    }

    private static Block batchNorm() {
        return BatchNorm.builder().build();
    }

    /**
     * How many leading children of a sequential classifier compute its last hidden representation:
     * every child before the output layer (the last child) except dropout layers directly before
     * it, which act only in training. For the PyTorch-example CNN these are the layers up to fc1's
     * ReLU, whose 50 outputs are the features of a t-SNE plot; pass the count to {@code
     * Inference.innerOutput}.
     *
     * @param classifier a sequential model whose last child is the output layer
     * @return the number of children, at least 1
     * @throws IllegalArgumentException if the model has fewer than two children
     */
    public static int featureLayers(SequentialBlock classifier) {
        List<Block> children = classifier.getChildren().values();
        int layers = children.size() - 1;
        while (layers > 0 && children.get(layers - 1) instanceof Dropout) {
            layers--;
        }
        if (layers < 1) {
            throw new IllegalArgumentException("a model needs a hidden layer before its output layer to have features, got "
                    + children.size() + " children");
        }
        return layers;
    }

    private static Block linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(5, 5)).build();
    }

    private static Block maxPool2() {
        return Pool.maxPool2dBlock(new Shape(2, 2));
    }
}

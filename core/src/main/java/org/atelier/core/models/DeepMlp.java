package org.atelier.core.models;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A deep fully-connected network whose depth, width, activation, batch normalization and residual
 * connections are chosen independently: the model of the vanishing-gradient study.
 *
 * <p>Structure: flatten; then {@code depth} hidden layers of {@code width} units, each {@code
 * Linear → (BatchNorm) → activation}; then the output layer {@code Linear(classes)}. With {@code
 * residual}, every hidden layer after the first (which changes the width from the input's) adds its
 * input to its output, {@code x + act(BN(W x + b))}, through a DJL {@link ParallelBlock} as DJL's
 * own ResNet does; the identity path carries the gradient past the layer unchanged. The network has
 * {@code depth + 1} weight matrices; {@link #linearLayers()} says so.
 *
 * <p>Unlike Keras's {@code Dense(activation=…)}, the activation is a block of its own, so that the
 * normalization sits between the affine map and the nonlinearity (Ioffe and Szegedy 2015).
 *
 * @param depth the number of hidden layers, ≥ 1
 * @param width the units of every hidden layer, ≥ 1
 * @param activation the hidden layers' nonlinearity
 * @param batchNorm whether each hidden layer normalizes before its activation
 * @param residual whether hidden layers 2…depth add their input to their output
 */
public record DeepMlp(int depth, int width, Nonlinearity activation, boolean batchNorm, boolean residual) {

    /** The activations a deep MLP may use, by the names trials and reports use. */
    public enum Nonlinearity {
        /** The logistic function 1 / (1 + e^−x); its derivative is at most 1/4. */
        SIGMOID("sigmoid", Activation::sigmoidBlock),
        /** The hyperbolic tangent; its derivative is at most 1, at 0. */
        TANH("tanh", Activation::tanhBlock),
        /** max(0, x); its derivative is 1 for every positive input. */
        RELU("relu", Activation::reluBlock),
        /** max(0.01·x, x): ReLU with a small slope for negative inputs, so no unit's gradient is exactly 0. */
        LEAKY_RELU("leaky-relu", () -> Activation.leakyReluBlock(0.01f)),
        /** x for x > 0, e^x − 1 otherwise (α = 1): smooth, negative outputs pull the mean towards 0. */
        ELU("elu", () -> Activation.eluBlock(1f));

        private final String label;
        private final Supplier<Block> block;

        Nonlinearity(String label, Supplier<Block> block) {
            this.label = label;
            this.block = block;
        }

        /** The name, e.g. {@code leaky-relu}. */
        public String label() {
            return label;
        }

        /** A new block computing this function. */
        Block newBlock() {
            return block.get();
        }

        /**
         * The activation of a name.
         *
         * @param name e.g. {@code tanh}
         * @return the activation
         * @throws IllegalArgumentException for an unknown name, listing the known ones
         */
        public static Nonlinearity of(String name) {
            for (Nonlinearity value : values()) {
                if (value.label.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return value;
                }
            }
            throw new IllegalArgumentException("unknown activation '" + name + "'; choices: " + names());
        }

        /** The names of all activations, comma-separated. */
        public static String names() {
            return String.join(", ", Arrays.stream(values()).map(Nonlinearity::label).toList());
        }
    }

    /** Checks the sizes. */
    public DeepMlp {
        if (depth < 1 || width < 1) {
            throw new IllegalArgumentException("a deep MLP needs depth ≥ 1 and width ≥ 1, got " + depth + " and " + width);
        }
        Objects.requireNonNull(activation, "activation");
    }

    /** The number of weight matrices (hidden layers plus the output layer), in order from the input. */
    public int linearLayers() {
        return depth + 1;
    }

    /**
     * Builds the network.
     *
     * @param classes the number of output units
     * @return the block, taking {@code (N, …)} (flattened) and returning logits
     */
    public SequentialBlock build(int classes) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int layer = 1; layer <= depth; layer++) {
            SequentialBlock hidden = hiddenLayer();
            block.add(residual && layer > 1 ? withSkip(hidden) : hidden);
        }
        return block.add(Linear.builder().setUnits(classes).build());
    }

    private SequentialBlock hiddenLayer() {
        SequentialBlock layer = new SequentialBlock().add(Linear.builder().setUnits(width).build());
        if (batchNorm) {
            layer.add(BatchNorm.builder().build());
        }
        return layer.add(activation.newBlock());
    }

    /** {@code x + f(x)}: the sum of the layer's output and its input. */
    private static Block withSkip(Block layer) {
        return new ParallelBlock(
                outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                List.of(layer, Blocks.identityBlock()));
    }

    @Override
    public String toString() {
        return depth + " × " + width + " " + activation.label() + (batchNorm ? ", batch norm" : "")
                + (residual ? ", residual" : "");
    }
}

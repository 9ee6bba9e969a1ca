package org.atelier.core.models;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The layers of a model as a fine-tuning step sees them: the children of a block that hold
 * parameters (convolutions, dense layers, batch normalization), in order, and freezing all but the
 * last few with DJL's own {@link Block#freezeParameters(boolean)}.
 */
public final class Layers {

    private Layers() {}

    /**
     * The direct children of a block that hold parameters, in order, by their child names (e.g.
     * {@code 01Conv2d}); layers without parameters (activations, pooling, dropout) are left out.
     *
     * @param block the model, e.g. a {@code SequentialBlock}
     * @return the parameterized children
     */
    public static List<Pair<String, Block>> parameterized(Block block) {
        List<Pair<String, Block>> layers = new ArrayList<>();
        for (Pair<String, Block> child : block.getChildren()) {
            if (!child.getValue().getParameters().isEmpty()) {
                layers.add(child);
            }
        }
        return layers;
    }

    /**
     * Freezes every parameterized layer except the last {@code trainable} ones (a classifier head
     * on a frozen feature extractor: {@code trainOnlyLast(block, 1)} trains only the output layer)
     * and unfreezes those. Frozen parameters get no gradient, so the optimizer leaves them bit for
     * bit as they are. Call it once the parameters exist and, for a model whose parameters were
     * loaded, after the trainer is made ({@code FitConfig.optFreeze} does both).
     *
     * @param block the model
     * @param trainable how many of the last parameterized layers keep training, ≥ 1
     * @return the names of the frozen layers, in order
     * @throws IllegalArgumentException if the model has no more than {@code trainable} such layers
     */
    public static List<String> trainOnlyLast(Block block, int trainable) {
        List<Pair<String, Block>> layers = parameterized(block);
        if (trainable < 1 || trainable >= layers.size()) {
            throw new IllegalArgumentException("can train the last 1 to " + (layers.size() - 1) + " of the "
                    + layers.size() + " parameterized layers, not " + trainable);
        }
        List<String> frozen = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            boolean freeze = i < layers.size() - trainable;
            layers.get(i).getValue().freezeParameters(freeze);
            if (freeze) {
                frozen.add(layers.get(i).getKey());
            }
        }
        return frozen;
    }
}

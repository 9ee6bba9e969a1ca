package org.atelier.core.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Channel-wise dropout (PyTorch's {@code Dropout2d}): in training, each channel of each sample of
 * an {@code (N, C, H, W)} input is zeroed with probability {@code rate} and the kept channels are
 * scaled by {@code 1/(1 − rate)}; in inference the input passes unchanged.
 *
 * <p>DJL's {@code Dropout} draws one random number per element; this block draws one per channel
 * ({@code N·C} instead of {@code N·C·H·W}), which for the PyTorch-example CNN is 64 times fewer
 * random draws per batch. Random numbers come from the engine, so {@code Engine.setRandomSeed}
 * makes the masks reproducible.
 */
public final class ChannelDropout extends AbstractBlock {

    private final float rate;

    /**
     * Creates the block.
     *
     * @param rate the probability of dropping a channel, in [0, 1)
     */
    public ChannelDropout(float rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** The probability of dropping a channel. */
    public float rate() {
        return rate;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (!training || rate == 0) {
            return inputs;
        }
        NDArray x = inputs.singletonOrThrow();
        long[] maskDims = x.getShape().getShape().clone();
        // one draw per (sample, channel), broadcast over the spatial axes
        for (int axis = 2; axis < maskDims.length; axis++) {
            maskDims[axis] = 1;
        }
        Shape maskShape = new Shape(maskDims);
        NDArray keep = x.getManager().randomUniform(0f, 1f, maskShape, x.getDataType()).gte(rate);
        NDArray mask = keep.toType(x.getDataType(), false).muli(1f / (1f - rate));
        return new NDList(x.mul(mask));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "ChannelDropout(rate=" + rate + ")";
    }
}

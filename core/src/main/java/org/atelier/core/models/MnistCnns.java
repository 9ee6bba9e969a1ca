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

/**
 * Convolutional networks for 28 × 28 greyscale digits at both ends of the capacity scale: the
 * 1 765-parameter network of the MNIST exercise sheet, and a VGG-style network of 3 × 3
 * convolutions with batch normalization and dropout. Both are {@link SequentialBlock}s taking
 * {@code (N, 1, 28, 28)} and returning logits.
 */
public final class MnistCnns {

    private MnistCnns() {}

    /**
     * The tiny CNN: conv 8@5×5 → ReLU → max-pool 2 → conv 3@5×5 → ReLU → max-pool 2 → flatten (3 × 4 × 4
     * = 48) → dense 16 → ReLU → dense {@code classes}. With 10 classes it has exactly 1 765 trainable
     * parameters: 8·(1·5·5) + 8 = 208, 3·(8·5·5) + 3 = 603, 16·48 + 16 = 784 and 10·16 + 10 = 170.
     *
     * @param classes the number of classes
     * @return the block
     */
    public static SequentialBlock tiny(int classes) {
        return new SequentialBlock()
                .add(conv(8, 5, 0)).add(Activation.reluBlock()).add(maxPool2())
                .add(conv(3, 5, 0)).add(Activation.reluBlock()).add(maxPool2())
                .add(Blocks.batchFlattenBlock())
                .add(linear(16)).add(Activation.reluBlock())
                .add(linear(classes));
    }

    /**
     * A VGG-style CNN: for each entry {@code w} of {@code widths} a stage of two 3 × 3 convolutions
     * with {@code w} filters (padding 1), each followed by batch normalization and ReLU, then
     * max-pool 2 and dropout {@code convDropout}; then flatten → dense {@code dense} → batch
     * normalization → ReLU → dropout {@code denseDropout} → dense {@code classes}. {@code {32, 64}}
     * gives the classic 32-32-pool-64-64-pool network.
     *
     * @param classes the number of classes
     * @param widths the filters of each stage, e.g. {@code {32, 64}}; at most 4 stages on 28 × 28 inputs
     * @param dense the width of the hidden dense layer
     * @param convDropout dropout after each stage, in [0, 1); 0 leaves it out
     * @param denseDropout dropout before the output layer, in [0, 1); 0 leaves it out
     * @return the block
     */
    public static SequentialBlock vggStyle(int classes, int[] widths, int dense, float convDropout,
            float denseDropout) {
        checkRate(convDropout);
        checkRate(denseDropout);
        if (widths.length == 0 || widths.length > 4 || dense < 1) {
            throw new IllegalArgumentException("a VGG-style CNN needs 1 to 4 stages and a dense layer, got "
                    + widths.length + " stages and " + dense + " units");
        }
        SequentialBlock block = new SequentialBlock();
        for (int width : widths) {
            if (width < 1) {
                throw new IllegalArgumentException("a stage needs at least one filter, got " + width);
            }
            for (int i = 0; i < 2; i++) {
                block.add(conv(width, 3, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
            }
            block.add(maxPool2());
            if (convDropout > 0) {
                block.add(Dropout.builder().optRate(convDropout).build());
            }
        }
        block.add(Blocks.batchFlattenBlock()).add(linear(dense)).add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        if (denseDropout > 0) {
            block.add(Dropout.builder().optRate(denseDropout).build());
        }
        return block.add(linear(classes));
    }

    private static void checkRate(float rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
    }

    private static Block linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static Block conv(int filters, int kernel, int padding) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(padding, padding)).build();
    }

    private static Block maxPool2() {
        return Pool.maxPool2dBlock(new Shape(2, 2));
    }
}

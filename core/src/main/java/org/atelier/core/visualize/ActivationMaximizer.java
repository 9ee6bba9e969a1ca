package org.atelier.core.visualize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.translate.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.atelier.core.AtelierException;
import org.atelier.core.models.ChannelDropout;

/**
 * Activation maximization: synthesizes, for each requested class, the input image that a trained
 * classifier scores highest for that class, by gradient <em>ascent</em> on the input (Erhan et al.
 * 2009; Simonyan et al. 2014; with the regularizers of Yosinski et al. 2015, see also
 * <a href="https://distill.pub/2017/feature-visualization/">Olah et al., Feature Visualization</a>).
 *
 * <p>Starting from an all-zero image, each step
 *
 * <ol>
 *   <li>shifts the image by a random offset of at most {@code jitter} pixels in each direction
 *       (cyclically, with wrap-around) — <b>jitter</b>: a pattern that only works at one exact
 *       position does not survive, so the image cannot exploit single-pixel coincidences;
 *   <li>runs the model in inference mode (dropout off) on the shifted image, with the image attached
 *       to DJL's {@link GradientCollector}, and back-propagates the target class's output unit — the
 *       pre-softmax logit, not the probability, which could also rise by lowering the other classes;
 *   <li>shifts the gradient back, divides it by its root mean square (per image: the step size is
 *       then {@code rate} in pixel units whatever the logit's scale), and adds {@code rate} times it;
 *   <li>multiplies the image by {@code 1 − l2} — <b>L2 decay</b>: pixels the class does not need
 *       fade back to the background value 0;
 *   <li>every {@code blurEvery} steps convolves the image with a Gaussian of standard deviation
 *       {@code blurSigma} pixels — <b>blur</b>: removes the high-frequency patterns that excite the
 *       network but look like noise;
 *   <li>clips the pixels to {@code [min, max]}, the range of real images.
 * </ol>
 *
 * <p>The images of all requested classes are optimized together as one batch: in inference mode the
 * samples of a batch do not interact, so each image receives exactly its own logit's gradient, and
 * the jitter offsets are drawn once per step from the seed, shared by the batch. The image of a class
 * therefore does not depend on which other classes are in the batch, and the same seed gives the same
 * images on the same engine and device. With {@code l2 = 0}, {@code blurEvery = 0} and {@code jitter
 * = 0} ({@link Builder#unregularized()}) the method is plain gradient ascent.
 *
 * <p>The model's parameters receive no gradient: they are frozen while the images are optimized and
 * restored afterwards. The model's input is {@code preprocess(image)}, e.g. the standardization the
 * model was trained with, so the image itself stays in pixel units. Children of a {@link
 * SequentialBlock} that are dropout layers are skipped (they are the identity in inference mode;
 * MXNet refuses dropout in inference mode while gradients are recorded).
 *
 * <pre>{@code
 * ActivationMaximizer maximizer = ActivationMaximizer.builder().optSteps(300).optRate(0.05)
 *     .optL2(0.02).optBlur(4, 0.7).optJitter(2).optSeed(42).build();
 * ActivationMaximizer.Result result = maximizer.maximize(model.getBlock(), new Shape(1, 28, 28),
 *     new int[] {0, 1, 9}, x -> x.sub(mean).div(std), manager);
 * }</pre>
 */
public final class ActivationMaximizer {

    /** Added to a gradient's root mean square before dividing, so that a zero gradient stays zero. */
    private static final float EPSILON = 1e-12f;

    private final int steps;
    private final double rate;
    private final double l2;
    private final int blurEvery;
    private final double blurSigma;
    private final int jitter;
    private final float min;
    private final float max;
    private final long seed;

    private ActivationMaximizer(Builder b) {
        this.steps = b.steps;
        this.rate = b.rate;
        this.l2 = b.l2;
        this.blurEvery = b.blurEvery;
        this.blurSigma = b.blurSigma;
        this.jitter = b.jitter;
        this.min = b.min;
        this.max = b.max;
        this.seed = b.seed;
    }

    /**
     * A builder with the defaults, chosen on Fashion-MNIST's CNN (recognizable, smooth images): 300
     * steps of rate 0.05, L2 decay 0.02, a blur of σ = 0.7 px every 4 steps, jitter of 2 pixels,
     * pixels in [0, 1], seed 0.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this maximizer's settings, to derive a variant (e.g. {@code unregularized()}). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.steps = steps;
        b.rate = rate;
        b.l2 = l2;
        b.blurEvery = blurEvery;
        b.blurSigma = blurSigma;
        b.jitter = jitter;
        b.min = min;
        b.max = max;
        b.seed = seed;
        return b;
    }

    /**
     * The images that maximize each class's output unit, with the unit's value along the way.
     *
     * @param images {@code (N, C, H, W)} in pixel units, owned by the manager given to {@link #maximize}
     * @param classes the class of each image
     * @param trace {@code trace[i][s]}: the target unit of image i at step s, measured on the jittered
     *     image the step's gradient came from (before the step's update)
     * @param initial the target unit of each image at the start (the all-zero image)
     * @param achieved the target unit of each final image (unshifted)
     */
    public record Result(NDArray images, int[] classes, float[][] trace, float[] initial, float[] achieved) {

        /** The pixels of image {@code i}, row-major, channels first. */
        public float[] pixels(int i) {
            return images.get(i).toFloatArray();
        }

        /**
         * How noisy image {@code i} is: the mean absolute difference between horizontally and
         * vertically neighbouring pixels (total variation per neighbour pair), in pixel units. 0 for a
         * constant image; high-frequency patterns score high, smooth shapes low.
         *
         * @param i the image
         * @return the roughness
         */
        public double roughness(int i) {
            Shape shape = images.getShape();
            int channels = (int) shape.get(1);
            int height = (int) shape.get(2);
            int width = (int) shape.get(3);
            float[] p = pixels(i);
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                for (int row = 0; row < height; row++) {
                    for (int col = 0; col < width; col++) {
                        int at = (c * height + row) * width + col;
                        sum += col + 1 < width ? Math.abs(p[at] - p[at + 1]) : 0;
                        sum += row + 1 < height ? Math.abs(p[at] - p[at + width]) : 0;
                    }
                }
            }
            return sum / (channels * ((long) height * (width - 1) + (long) (height - 1) * width));
        }
    }

    /**
     * Synthesizes one image per requested class.
     *
     * @param block an initialized classifier returning one score (logit) per class, {@code (N, classes)}
     * @param imageShape the shape of one input image, {@code (C, H, W)}
     * @param classes the class of each image to synthesize; repeats allowed
     * @param preprocess what turns pixels into the model's input (e.g. standardization), or null for none
     * @param manager the manager that will own the images
     * @return the images and the target units
     * @throws AtelierException if the block is not initialized, the shape is not (C, H, W), no class is
     *     given or a class is outside the model's outputs
     */
    public Result maximize(Block block, Shape imageShape, int[] classes, Transform preprocess, NDManager manager) {
        checkInputs(block, imageShape, classes);
        int n = classes.length;
        Transform input = preprocess == null ? x -> x : preprocess;
        List<Parameter> frozen = freeze(block);
        SplittableRandom random = new SplittableRandom(seed);
        float[][] trace = new float[n][steps];
        try (NDManager work = manager.newSubManager()) {
            int outputs = outputCount(block, imageShape);
            NDArray selector = work.create(oneHot(classes, outputs), new Shape(n, outputs));
            NDArray kernel = blurEvery > 0 ? gaussianKernel(work, (int) imageShape.get(0)) : null;
            NDArray image = work.zeros(new Shape(n).addAll(imageShape), DataType.FLOAT32);
            float[] initial = activations(block, image, input, selector);
            for (int step = 0; step < steps; step++) {
                int dy = jitter == 0 ? 0 : random.nextInt(-jitter, jitter + 1);
                int dx = jitter == 0 ? 0 : random.nextInt(-jitter, jitter + 1);
                try (NDManager scratch = work.newSubManager()) {
                    image.attach(scratch);
                    NDArray next = step(block, image, input, selector, kernel, step, dy, dx, trace);
                    next.attach(work);
                    image = next;
                }
            }
            float[] achieved = activations(block, image, input, selector);
            image.attach(manager);
            return new Result(image, classes.clone(), trace, initial, achieved);
        } finally {
            frozen.forEach(p -> p.freeze(false));
        }
    }

    /** One ascent step; every temporary belongs to the image's (scratch) manager. */
    private NDArray step(Block block, NDArray image, Transform input, NDArray selector, NDArray kernel, int step,
            int dy, int dx, float[][] trace) {
        NDArray shifted = roll(image, dy, dx);
        shifted.setRequiresGradient(true);
        NDArray target;
        try (GradientCollector collector = image.getManager().getEngine().newGradientCollector()) {
            NDArray logits = forward(block, input.transform(shifted));
            target = logits.mul(selector).sum(new int[] {1});
            collector.backward(target.sum());
        }
        float[] values = target.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            trace[i][step] = values[i];
        }
        NDArray gradient = roll(shifted.getGradient(), -dy, -dx);
        // PyTorch's mean takes one axis: per-image means over the flattened pixels, then (N, 1, 1, 1)
        long n = gradient.getShape().get(0);
        NDArray rms = gradient.reshape(n, -1).square().mean(new int[] {1}).sqrt().add(EPSILON).reshape(n, 1, 1, 1);
        NDArray next = image.add(gradient.div(rms).mul((float) rate));
        if (l2 > 0) {
            next = next.mul((float) (1 - l2));
        }
        if (kernel != null && (step + 1) % blurEvery == 0) {
            next = blur(next, kernel);
        }
        return next.clip(min, max);
    }

    /** The target unit of each image, without gradient. */
    private static float[] activations(Block block, NDArray image, Transform input, NDArray selector) {
        try (NDManager scratch = image.getManager().newSubManager()) {
            NDArray copy = image.duplicate();
            copy.attach(scratch);
            NDArray values = forward(block, input.transform(copy)).mul(selector).sum(new int[] {1});
            return values.toFloatArray();
        }
    }

    /** The block's output in inference mode; dropout children of a sequential block are skipped. */
    private static NDArray forward(Block block, NDArray x) {
        ParameterStore parameters = new ParameterStore(x.getManager(), false);
        if (!(block instanceof SequentialBlock)) {
            return block.forward(parameters, new NDList(x), false).singletonOrThrow();
        }
        NDList current = new NDList(x);
        for (Block child : block.getChildren().values()) {
            if (!(child instanceof Dropout || child instanceof ChannelDropout)) {
                current = child.forward(parameters, current, false);
            }
        }
        return current.singletonOrThrow();
    }

    /**
     * Shifts images cyclically by {@code dy} rows and {@code dx} columns: two slices and a concat per
     * axis. Always a new array, so the caller may attach a gradient to it.
     */
    private static NDArray roll(NDArray images, int dy, int dx) {
        NDArray rolled = rollAxis(rollAxis(images, dy, 2), dx, 3);
        return rolled == images ? images.duplicate() : rolled;
    }

    /** The images shifted along one axis, or the images themselves for a shift of 0. */
    private static NDArray rollAxis(NDArray images, int shift, int axis) {
        long size = images.getShape().get(axis);
        long by = Math.floorMod(shift, size);
        if (by == 0) {
            return images;
        }
        String head = axis == 2 ? ":, :, " : ":, :, :, ";
        NDArray tail = images.get(new NDIndex(head + (size - by) + ":"));
        NDArray front = images.get(new NDIndex(head + ":" + (size - by)));
        return NDArrays.concat(new NDList(tail, front), axis);
    }

    /** Each channel convolved with the Gaussian kernel, zero padding, same size. */
    private static NDArray blur(NDArray images, NDArray kernel) {
        int radius = (int) (kernel.getShape().get(2) / 2);
        int channels = (int) images.getShape().get(1);
        return Conv2d.conv2d(images, kernel, null, new Shape(1, 1), new Shape(radius, radius), new Shape(1, 1),
                channels).singletonOrThrow();
    }

    /** A normalized 2-D Gaussian of radius ⌈2σ⌉, one copy per channel: {@code (C, 1, k, k)}. */
    private NDArray gaussianKernel(NDManager manager, int channels) {
        int radius = Math.max(1, (int) Math.ceil(2 * blurSigma));
        int size = 2 * radius + 1;
        double[] line = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            line[i] = Math.exp(-(i - radius) * (i - radius) / (2 * blurSigma * blurSigma));
            sum += line[i];
        }
        float[] kernel = new float[channels * size * size];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    kernel[(c * size + i) * size + j] = (float) (line[i] * line[j] / (sum * sum));
                }
            }
        }
        return manager.create(kernel, new Shape(channels, 1, size, size));
    }

    /** Freezes every parameter that would receive a gradient and returns them, to be unfrozen. */
    private static List<Parameter> freeze(Block block) {
        List<Parameter> frozen = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                p.freeze(true);
                frozen.add(p);
            }
        }
        return frozen;
    }

    private static float[] oneHot(int[] classes, int outputs) {
        float[] selector = new float[classes.length * outputs];
        for (int i = 0; i < classes.length; i++) {
            selector[i * outputs + classes[i]] = 1;
        }
        return selector;
    }

    private static int outputCount(Block block, Shape imageShape) {
        Shape out = block.getOutputShapes(new Shape[] {new Shape(1).addAll(imageShape)})[0];
        if (out.dimension() != 2) {
            throw new AtelierException("activation maximization needs a classifier returning (N, classes) scores, but"
                    + " the block returns " + out + " for one image");
        }
        return (int) out.get(1);
    }

    private static void checkInputs(Block block, Shape imageShape, int[] classes) {
        if (!block.isInitialized()) {
            throw new AtelierException("the block is not initialized; initialize it or load its parameters before"
                    + " maximizing its activations");
        }
        if (imageShape.dimension() != 3) {
            throw new AtelierException("the image shape must be (C, H, W), got " + imageShape);
        }
        if (classes.length == 0) {
            throw new AtelierException("no class to maximize; pass at least one class index");
        }
        int outputs = outputCount(block, imageShape);
        for (int c : classes) {
            if (c < 0 || c >= outputs) {
                throw new AtelierException("class index " + c + " is outside the model's " + outputs
                        + " outputs [0, " + (outputs - 1) + "]; pass a class index in that range");
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ActivationMaximizer(steps=%d, rate=%s, l2=%s, blurEvery=%d, blurSigma=%s, "
                + "jitter=%d, range=[%s, %s], seed=%d)", steps, rate, l2, blurEvery, blurSigma, jitter, min, max, seed);
    }

    /** Builds an {@link ActivationMaximizer}; every setting has a default. */
    public static final class Builder {
        private int steps = 300;
        private double rate = 0.05;
        private double l2 = 0.02;
        private int blurEvery = 4;
        private double blurSigma = 0.7;
        private int jitter = 2;
        private float min = 0;
        private float max = 1;
        private long seed;

        private Builder() {}

        /** The number of ascent steps, at least 1. */
        public Builder optSteps(int steps) {
            if (steps < 1) {
                throw new AtelierException("activation maximization needs at least 1 step, got " + steps);
            }
            this.steps = steps;
            return this;
        }

        /** The step size in pixel units (the root mean square change of an image per step), positive. */
        public Builder optRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new AtelierException("the ascent rate must be positive and finite, got " + rate);
            }
            this.rate = rate;
            return this;
        }

        /** The L2 decay per step: the image is multiplied by {@code 1 − l2}; in [0, 1), 0 for none. */
        public Builder optL2(double l2) {
            if (!(l2 >= 0 && l2 < 1)) {
                throw new AtelierException("the L2 decay must be in [0, 1), got " + l2);
            }
            this.l2 = l2;
            return this;
        }

        /**
         * A Gaussian blur every {@code every} steps.
         *
         * @param every steps between blurs, 0 for no blur
         * @param sigma the Gaussian's standard deviation in pixels, positive
         * @return this builder
         */
        public Builder optBlur(int every, double sigma) {
            if (every < 0 || !(sigma > 0) || Double.isInfinite(sigma)) {
                throw new AtelierException("blur needs every ≥ 0 steps and σ > 0, got every " + every + " and σ " + sigma);
            }
            this.blurEvery = every;
            this.blurSigma = sigma;
            return this;
        }

        /** The largest random shift per step in pixels, in each direction; 0 for none. */
        public Builder optJitter(int pixels) {
            if (pixels < 0) {
                throw new AtelierException("jitter must be at least 0 pixels, got " + pixels);
            }
            this.jitter = pixels;
            return this;
        }

        /** The pixel range every step clips to (default [0, 1]); must contain 0, the starting image. */
        public Builder optRange(float min, float max) {
            if (!(min <= 0 && 0 <= max && min < max)) {
                throw new AtelierException("the pixel range must contain 0 (the start) and min < max, got [" + min
                        + ", " + max + "]");
            }
            this.min = min;
            this.max = max;
            return this;
        }

        /** The seed of the jitter offsets. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Turns every regularizer off: no L2 decay, no blur, no jitter (plain gradient ascent). */
        public Builder unregularized() {
            this.l2 = 0;
            this.blurEvery = 0;
            this.jitter = 0;
            return this;
        }

        /** Builds the maximizer. */
        public ActivationMaximizer build() {
            return new ActivationMaximizer(this);
        }
    }
}

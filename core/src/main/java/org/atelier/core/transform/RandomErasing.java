package org.atelier.core.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Transform;
import java.util.SplittableRandom;

/**
 * Random erasing (Zhong et al., 2017): sets one random rectangle of each chosen sample of a batch to
 * 0, each sample its own coin and its own rectangle.
 *
 * <p>The input is a batch {@code (N, C, H, W)} of any data type. Per batch the host draws, for each
 * sample, whether to erase it (probability {@code p}) and, if so, a rectangle as torchvision's
 * {@code RandomErasing(p, scale=(minArea, maxArea), ratio=(0.3, 3.3), value=0)} does: an area
 * uniform in {@code [minArea, maxArea]·H·W}, an aspect ratio {@code h/w} log-uniform in
 * {@code [0.3, 3.3]}, {@code h} and {@code w} rounded, a position uniform among those that fit;
 * a draw whose rectangle does not fit ({@code h ≥ H} or {@code w ≥ W}, or {@code h} or {@code w}
 * rounded to 0) is repeated, at most 10 times, after which the sample stays as it is. The host
 * writes the rectangles as per-sample row and column indicators {@code (N, 1, H, 1)} and
 * {@code (N, 1, 1, W)}; on the device their broadcast {@code logicalAnd}, broadcast to the batch's
 * shape, selects zeros with one {@code where}: the same channels-wide rectangle in every channel,
 * a handful of native operations whatever the batch size, no per-sample array. When no sample is
 * drawn for erasing the batch is returned as it is.
 *
 * <p>Measured on the 2-core build machine, PyTorch 2.7.1 on the CPU, batches of 64 × 1×28×28 with
 * p = 0.5 and areas [0.02, 0.33]: a median of 0.23–0.25 ms per batch in runs where {@link RandomFlipHorizontal} measured 0.09 ms
 * the same way (0.27–0.32 ms in noisier runs where the flip took 0.18 ms): about 4% of a training
 * step of the PyTorch-example CNN (6–7 ms). With MXNet 1.9.1 about 0.6–0.8 ms.
 *
 * <p>Differences from torchvision: torchvision erases one image per call (per sample in a dataset
 * pipeline) with PyTorch's global generator and can fill with random values; this transform erases
 * a whole batch in one vectorized step, from its own seeded generator (the same seed gives the same
 * rectangles of the same batch sequence on every engine), fills with 0 only and keeps the aspect
 * range fixed at torchvision's default. DJL 0.35 has no random-erasing transform.
 */
public final class RandomErasing implements Transform, Reseedable {

    private static final double LOG_MIN_RATIO = Math.log(0.3);
    private static final double LOG_MAX_RATIO = Math.log(3.3);
    private static final int ATTEMPTS = 10;

    private final double probability;
    private final double minArea;
    private final double maxArea;
    private SplittableRandom random;

    /**
     * Creates the transform.
     *
     * @param probability the probability of erasing each sample, in [0, 1]
     * @param minArea the smallest erased area as a fraction of {@code H·W}, in (0, maxArea]
     * @param maxArea the largest erased area as a fraction of {@code H·W}, in [minArea, 1)
     * @param seed the seed of the erasing decisions and rectangles
     * @throws IllegalArgumentException if a parameter is outside its range or NaN
     */
    public RandomErasing(double probability, double minArea, double maxArea, long seed) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("erasing probability must be in [0, 1], got " + probability);
        }
        if (!(minArea > 0 && minArea <= maxArea && maxArea < 1)) {
            throw new IllegalArgumentException(
                    "erasing areas must satisfy 0 < min_area <= max_area < 1, got min_area " + minArea
                            + " and max_area " + maxArea);
        }
        this.probability = probability;
        this.minArea = minArea;
        this.maxArea = maxArea;
        this.random = new SplittableRandom(seed);
    }

    /** The probability of erasing each sample. */
    public double probability() {
        return probability;
    }

    /**
     * Erases one rectangle in a random subset of the batch's samples. Each call draws per sample,
     * so the rectangles depend on the seed and on the sizes of the batches transformed since it was
     * seeded ({@link #reseed}).
     *
     * @param batch a batch {@code (N, C, H, W)}
     * @return a new array of the batch's shape and data type owned by the batch's manager, or the
     *     batch itself when no sample is erased
     * @throws IllegalArgumentException if the batch is not of rank 4
     */
    @Override
    public NDArray transform(NDArray batch) {
        Shape shape = batch.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("a batch to erase must be (N, C, H, W), got shape " + shape);
        }
        int samples = Math.toIntExact(shape.get(0));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        boolean[] rows = new boolean[samples * height];
        boolean[] columns = new boolean[samples * width];
        int erased = 0;
        for (int n = 0; n < samples; n++) {
            if (random.nextDouble() < probability && drawRectangle(n, height, width, rows, columns)) {
                erased++;
            }
        }
        if (erased == 0) {
            return batch;
        }
        NDManager owner = batch.getManager();
        try (NDManager scratch = owner.newSubManager(batch.getDevice())) {
            // where broadcasts its condition on neither engine: the mask gets x's shape first
            NDArray mask = scratch.create(rows, new Shape(samples, 1, height, 1))
                    .logicalAnd(scratch.create(columns, new Shape(samples, 1, 1, width)))
                    .broadcast(shape);
            NDArray result = NDArrays.where(mask, scratch.zeros(shape, batch.getDataType()), batch);
            result.attach(owner);
            return result;
        }
    }

    /** Marks sample {@code n}'s rectangle in the indicators; false when no draw fitted. */
    private boolean drawRectangle(int n, int height, int width, boolean[] rows, boolean[] columns) {
        double area = (double) height * width;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double target = area * (minArea + (maxArea - minArea) * random.nextDouble());
            double ratio = Math.exp(LOG_MIN_RATIO + (LOG_MAX_RATIO - LOG_MIN_RATIO) * random.nextDouble());
            int h = (int) Math.round(Math.sqrt(target * ratio));
            int w = (int) Math.round(Math.sqrt(target / ratio));
            if (h < 1 || w < 1 || h >= height || w >= width) {
                continue;
            }
            int top = random.nextInt(height - h + 1);
            int left = random.nextInt(width - w + 1);
            for (int i = top; i < top + h; i++) {
                rows[n * height + i] = true;
            }
            for (int j = left; j < left + w; j++) {
                columns[n * width + j] = true;
            }
            return true;
        }
        return false;
    }

    @Override
    public void reseed(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String toString() {
        return "RandomErasing(p=" + probability + ", min_area=" + minArea + ", max_area=" + maxArea + ")";
    }
}

package org.atelier.core.study;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.Transform;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.report.chart.ImageGrid;
import org.atelier.core.training.LabeledArrays;

/**
 * What an augmentation does, as a figure: a few samples, one per row, the original first and then
 * several random draws of the transform applied to the same batch, exactly as training applies it
 * (the whole batch at once, each sample its own randomness). Images are drawn with one shared gray
 * scale, so a fill value shows as the gray it is rather than being stretched to black.
 */
public final class AugmentationPreview {

    private AugmentationPreview() {}

    /**
     * Draws the preview.
     *
     * @param title the figure's title
     * @param samples the samples, e.g. the first few of a training split, {@code (k, 1, H, W)}
     * @param captions one caption per sample (its class), shown over the original
     * @param transform the batch transform, seeded
     * @param draws how many random draws to show per sample
     * @return the grid: {@code k} rows of {@code 1 + draws} images
     */
    public static ImageGrid grid(String title, LabeledArrays samples, List<String> captions, Transform transform,
            int draws) {
        int count = samples.size();
        if (captions.size() != count) {
            throw new IllegalArgumentException("need one caption per sample, got " + captions.size() + " for " + count);
        }
        long[] shape = samples.features().getShape().getShape();
        int height = (int) shape[shape.length - 2];
        int width = (int) shape[shape.length - 1];
        int pixels = height * width;
        List<float[]> drawn = new ArrayList<>();
        try (NDManager manager = samples.features().getManager().newSubManager()) {
            NDArray batch = samples.features().duplicate();
            batch.attach(manager);
            for (int d = 0; d < draws; d++) {
                drawn.add(transform.transform(batch).toFloatArray());
            }
        }
        float[] originals = samples.features().toFloatArray();
        ImageGrid.Builder grid = ImageGrid.builder().title(title).columns(1 + draws).scale(3)
                .scaling(ImageGrid.Scaling.SHARED);
        for (int i = 0; i < count; i++) {
            grid.image(slice(originals, i, pixels), width, height, captions.get(i) + " (original)");
            for (int d = 0; d < draws; d++) {
                grid.image(slice(drawn.get(d), i, pixels), width, height, "draw " + (d + 1));
            }
        }
        return grid.build();
    }

    private static float[] slice(float[] values, int index, int length) {
        float[] out = new float[length];
        System.arraycopy(values, index * length, out, 0, length);
        return out;
    }
}

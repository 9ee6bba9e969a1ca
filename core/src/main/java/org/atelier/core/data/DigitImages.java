package org.atelier.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.atelier.core.AtelierException;

/**
 * Digit images made outside MNIST, converted the way MNIST itself was made (LeCun et al.: "the
 * images were size normalized to fit in a 20 × 20 pixel box while preserving their aspect ratio
 * [with anti-aliasing] … and centered in a 28 × 28 image by computing the center of mass of the
 * pixels"), so that a network trained on MNIST sees them as it saw its training data.
 *
 * <p>{@link #prepare} takes any size, colour or polarity:
 * <ol>
 *   <li>grey: luminance {@code 0.299 R + 0.587 G + 0.114 B} (ITU-R 601, what PIL's {@code "L"} mode
 *       and Keras's {@code color_mode="grayscale"} use), transparent pixels composed onto white as a
 *       viewer shows them;
 *   <li>polarity: the background is the median of the one-pixel frame; a light background (median
 *       above 0.5) means a dark digit, and the image is inverted to MNIST's white on black;
 *   <li>contrast: background level to 0, brightest ink to 1, values under {@value #NOISE} to 0
 *       (paper texture, JPEG noise);
 *   <li>bounding box of the ink of at least {@value #BOX_INK} (fainter specks do not widen it),
 *       scaled so that its longer side is {@value #BOX} pixels, aspect kept, by area averaging (each output pixel the mean of the input area it covers:
 *       anti-aliased when shrinking), brightest ink back to 1;
 *   <li>placed in a {@value #SIZE} × {@value #SIZE} field and shifted by whole pixels so that its
 *       centre of mass lies at the field's centre, as far as the box stays inside the field (MNIST
 *       let nothing fall off either).
 * </ol>
 *
 * <p>{@link #read} checks a file before it decodes it: it must exist, be non-empty, be an image
 * that Java's ImageIO reads (PNG, JPEG, GIF, BMP, WBMP, TIFF) and have between 1 and {@value
 * #MAX_PIXELS} pixels; the header is read first, so a huge image is refused before its pixels take
 * memory. Every problem is an {@link AtelierException} whose message names the problem and the fix
 * (without the file name, which the caller adds).
 */
public final class DigitImages {

    /** Width and height of MNIST images. */
    public static final int SIZE = 28;

    /** The box the digit is scaled into. */
    public static final int BOX = 20;

    /** The most pixels an image may have (40 megapixels: larger photos are refused, not decoded). */
    public static final long MAX_PIXELS = 40_000_000L;

    /** Ink below this fraction of the brightest ink counts as background. */
    static final float NOISE = 0.1f;

    /**
     * Only ink at least this strong decides the bounding box: specks of paper texture or sensor
     * noise that pass {@link #NOISE} must not widen the box and so shrink the digit.
     */
    static final float BOX_INK = 0.35f;

    /** The least difference between ink and background for an image to hold a digit. */
    static final float MIN_CONTRAST = 0.1f;

    private DigitImages() {}

    /**
     * A greyscale image with values in [0, 1] (0 black, 1 white), and, for pictures, the colours it
     * came from.
     *
     * @param width width in pixels
     * @param height height in pixels
     * @param values row-major brightness, {@code width × height} values
     * @param rgb row-major {@code 0xRRGGBB} colours of the original, or null for a grey original
     */
    public record Grey(int width, int height, float[] values, int[] rgb) {}

    /**
     * An image after MNIST's preprocessing.
     *
     * @param original the image before, as grey values (and its colours)
     * @param inverted whether it had a light background and was inverted
     * @param pixels the {@value #SIZE} × {@value #SIZE} result, row-major, white digit on black in [0, 1]
     */
    public record Prepared(Grey original, boolean inverted, float[] pixels) {}

    /**
     * Reads an image file, refusing what is not a usable image.
     *
     * @param file the file
     * @return the image as grey values (with its colours)
     * @throws AtelierException naming the problem: missing, a directory, unreadable, empty, not an
     *     image, damaged, without pixels, or larger than {@value #MAX_PIXELS} pixels
     */
    public static Grey read(Path file) {
        if (!Files.exists(file)) {
            throw new AtelierException("no such file; check the path");
        }
        if (Files.isDirectory(file)) {
            throw new AtelierException("is a directory, not an image; name the image files inside it");
        }
        try {
            if (!Files.isReadable(file)) {
                throw new AtelierException("cannot be read (permission denied); check the file's permissions");
            }
            if (Files.size(file) == 0) {
                throw new AtelierException("is empty (0 bytes); save the image again");
            }
            try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
                if (!readers.hasNext()) {
                    throw new AtelierException("is not an image (readable formats: PNG, JPEG, GIF, BMP, WBMP, TIFF)");
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(input, true, true);
                    int width = reader.getWidth(0);
                    int height = reader.getHeight(0);
                    checkSize(width, height);
                    return grey(reader.read(0));
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof AtelierException atelier) {
                throw atelier;
            }
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            if (declaresNoPixels(e)) {
                throw new AtelierException("has no pixels (its header declares a width or height of 0); save the image"
                        + " again", e);
            }
            throw new AtelierException("is not a readable image (" + problem + "); open it in an image editor and save"
                    + " it again as PNG", e);
        }
    }

    /** Whether ImageIO refused a header that declares a width or height of 0 ("Image width <= 0!"). */
    private static boolean declaresNoPixels(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().matches("(?s).*(width|height) <= 0.*")) {
                return true;
            }
        }
        return false;
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new AtelierException("has no pixels (" + width + " × " + height + "); save the image again");
        }
        long pixels = (long) width * height;
        if (pixels > MAX_PIXELS) {
            throw new AtelierException(String.format(Locale.ROOT, "is too large (%d × %d = %,d pixels, at most %,d);"
                    + " scale it down first, a digit needs no more than a few hundred pixels a side",
                    width, height, pixels, MAX_PIXELS));
        }
    }

    /**
     * The grey values (and colours) of a decoded image.
     *
     * @param image any image type Java 2D knows
     * @return the grey image
     */
    public static Grey grey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        checkSize(width, height);
        if (isGrey(image)) {
            return greySamples(image);
        }
        float[] values = new float[width * height];
        int[] rgb = new int[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                int alpha = argb >>> 24;
                int r = onWhite((argb >> 16) & 0xff, alpha);
                int g = onWhite((argb >> 8) & 0xff, alpha);
                int b = onWhite(argb & 0xff, alpha);
                rgb[y * width + x] = (r << 16) | (g << 8) | b;
                values[y * width + x] = luminance(r, g, b);
            }
        }
        return new Grey(width, height, values, rgb);
    }

    /** A grey image (8 or 16 bits, optionally with alpha), not a palette. */
    private static boolean isGrey(BufferedImage image) {
        return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(image.getColorModel() instanceof IndexColorModel)
                && image.getRaster().getNumBands() == (image.getColorModel().hasAlpha() ? 2 : 1);
    }

    /**
     * A grey image's stored values. Not through {@code getRGB}: Java 2D treats a grey PNG's values
     * as linear light and converts them to sRGB there (a stored 84 comes back as 155), while every
     * other reader, DJL's image factory among them, takes the stored values as they are.
     */
    private static Grey greySamples(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        boolean alpha = image.getColorModel().hasAlpha();
        double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
        double alphaMax = alpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
        float[] values = new float[width * height];
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int level = (int) Math.round(raster.getSample(x, y, 0) / max * 255);
                int a = alpha ? (int) Math.round(raster.getSample(x, y, 1) / alphaMax * 255) : 255;
                int grey = onWhite(level, a);
                rgb[y * width + x] = (grey << 16) | (grey << 8) | grey;
                values[y * width + x] = luminance(grey, grey, grey);
            }
        }
        return new Grey(width, height, values, rgb);
    }

    /**
     * The grey values (and colours) of an image held as an array, as DJL's image datasets
     * ({@code ImageFolder}) return them.
     *
     * @param image {@code (height, width, channels)} with 1 (grey) or 3 (RGB) channels, values 0–255
     * @return the grey image
     */
    public static Grey grey(NDArray image) {
        long[] shape = image.getShape().getShape();
        if (shape.length != 3 || (shape[2] != 1 && shape[2] != 3)) {
            throw new AtelierException("an image array must be (height, width, 1 or 3 channels), got "
                    + image.getShape() + "; load images with Image.Flag.GRAYSCALE or COLOR");
        }
        int height = Math.toIntExact(shape[0]);
        int width = Math.toIntExact(shape[1]);
        int channels = (int) shape[2];
        checkSize(width, height);
        float[] raw = image.toType(DataType.FLOAT32, false).toFloatArray();
        float[] values = new float[width * height];
        int[] rgb = new int[width * height];
        for (int i = 0; i < values.length; i++) {
            int r = Math.round(raw[i * channels]);
            int g = channels == 3 ? Math.round(raw[i * channels + 1]) : r;
            int b = channels == 3 ? Math.round(raw[i * channels + 2]) : r;
            rgb[i] = (r << 16) | (g << 8) | b;
            values[i] = luminance(r, g, b);
        }
        return new Grey(width, height, values, rgb);
    }

    private static int onWhite(int channel, int alpha) {
        return (channel * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    private static float luminance(int r, int g, int b) {
        return (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
    }

    /**
     * Converts an image the way MNIST was made (see the class comment).
     *
     * @param image the image
     * @return the {@value #SIZE} × {@value #SIZE} result and whether the image was inverted
     * @throws AtelierException if the image holds no digit (no ink stands out from the background)
     */
    public static Prepared prepare(Grey image) {
        int width = image.width();
        int height = image.height();
        float[] v = image.values().clone();
        float background = median(frame(v, width, height));
        boolean inverted = background > 0.5f;
        if (inverted) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1 - v[i];
            }
            background = 1 - background;
        }
        float peak = 0;
        for (float value : v) {
            peak = Math.max(peak, value);
        }
        if (peak - background < MIN_CONTRAST) {
            throw new AtelierException(String.format(Locale.ROOT, "holds no digit: nothing stands out from the"
                    + " background (brightness %.2f to %.2f); draw the digit in a colour that contrasts with the"
                    + " background", Math.min(background, peak), Math.max(background, peak)));
        }
        int left = width;
        int right = -1;
        int top = height;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                float ink = Math.min(1, Math.max(0, (v[i] - background) / (peak - background)));
                v[i] = ink < NOISE ? 0 : ink;
                if (ink >= BOX_INK) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        float[] crop = new float[boxWidth * boxHeight];
        for (int y = 0; y < boxHeight; y++) {
            System.arraycopy(v, (top + y) * width + left, crop, y * boxWidth, boxWidth);
        }
        double scale = (double) BOX / Math.max(boxWidth, boxHeight);
        int scaledWidth = Math.max(1, Math.min(BOX, (int) Math.round(boxWidth * scale)));
        int scaledHeight = Math.max(1, Math.min(BOX, (int) Math.round(boxHeight * scale)));
        float[] digit = resample(crop, boxWidth, boxHeight, scaledWidth, scaledHeight);
        stretch(digit);
        return new Prepared(image, inverted, centre(digit, scaledWidth, scaledHeight));
    }

    /** The values of the one-pixel frame around the image. */
    private static float[] frame(float[] v, int width, int height) {
        float[] out = new float[height == 1 || width == 1 ? width * height : 2 * width + 2 * (height - 2)];
        int n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (y == 0 || y == height - 1 || x == 0 || x == width - 1) {
                    out[n++] = v[y * width + x];
                }
            }
        }
        return out;
    }

    private static float median(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * Area-averaging resampling: each output pixel is the mean of the input area it covers,
     * weighted by overlap; separable, rows first.
     */
    static float[] resample(float[] source, int width, int height, int newWidth, int newHeight) {
        float[] rows = new float[newWidth * height];
        for (int y = 0; y < height; y++) {
            resampleLine(source, y * width, 1, width, rows, y * newWidth, 1, newWidth);
        }
        float[] out = new float[newWidth * newHeight];
        for (int x = 0; x < newWidth; x++) {
            resampleLine(rows, x, newWidth, height, out, x, newWidth, newHeight);
        }
        return out;
    }

    private static void resampleLine(float[] in, int inStart, int inStride, int inLength, float[] out, int outStart,
            int outStride, int outLength) {
        double step = (double) inLength / outLength;
        for (int o = 0; o < outLength; o++) {
            double from = o * step;
            double to = from + step;
            double sum = 0;
            for (int i = (int) Math.floor(from); i < Math.min(inLength, (int) Math.ceil(to)); i++) {
                double overlap = Math.min(to, i + 1) - Math.max(from, i);
                sum += overlap * in[inStart + i * inStride];
            }
            out[outStart + o * outStride] = (float) (sum / step);
        }
    }

    /**
     * Brightest ink to 1 again: shrinking a thin stroke averages it with background, while MNIST's
     * strokes, drawn thick at the scanner's resolution, reach full white.
     */
    private static void stretch(float[] digit) {
        float max = 0;
        for (float value : digit) {
            max = Math.max(max, value);
        }
        for (int i = 0; i < digit.length; i++) {
            digit[i] = Math.min(1, digit[i] / max);
        }
    }

    /** Places the scaled digit in the field with its centre of mass at the centre, as far as it fits. */
    private static float[] centre(float[] digit, int width, int height) {
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float value = digit[y * width + x];
                mass += value;
                sumX += value * (x + 0.5);
                sumY += value * (y + 0.5);
            }
        }
        int left = clampOffset((int) Math.round(SIZE / 2.0 - sumX / mass), width);
        int top = clampOffset((int) Math.round(SIZE / 2.0 - sumY / mass), height);
        float[] field = new float[SIZE * SIZE];
        for (int y = 0; y < height; y++) {
            System.arraycopy(digit, y * width, field, (top + y) * SIZE + left, width);
        }
        return field;
    }

    private static int clampOffset(int offset, int extent) {
        return Math.max(0, Math.min(SIZE - extent, offset));
    }
}

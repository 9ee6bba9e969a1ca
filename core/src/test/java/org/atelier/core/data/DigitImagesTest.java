package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.atelier.core.AtelierException;
import org.atelier.core.testing.BadImages;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitImagesTest {

    @TempDir
    Path dir;

    /** A white rectangle on black, {@code w × h} at (x, y), on a canvas of the given size. */
    private static BufferedImage rectangle(int canvasW, int canvasH, int x, int y, int w, int h, Color ink, Color paper) {
        BufferedImage image = new BufferedImage(canvasW, canvasH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, canvasW, canvasH);
        g.setColor(ink);
        g.fillRect(x, y, w, h);
        g.dispose();
        return image;
    }

    private static float at(float[] pixels, int x, int y) {
        return pixels[y * DigitImages.SIZE + x];
    }

    @Test
    void offCentreSquareEndsScaledToTheBoxAndCentred() {
        BufferedImage square = rectangle(28, 28, 1, 2, 6, 6, Color.WHITE, Color.BLACK);
        DigitImages.Prepared prepared = DigitImages.prepare(DigitImages.grey(square));
        assertFalse(prepared.inverted());
        // 6 × 6 scaled to 20 × 20, centre of mass at (14, 14): columns and rows 4..23 are white, the rest black
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                boolean inside = x >= 4 && x < 24 && y >= 4 && y < 24;
                assertEquals(inside ? 1f : 0f, at(prepared.pixels(), x, y), 1e-6, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aspectIsKeptAndTheLongerSideFillsTheBox() {
        // a bar 40 wide and 80 tall at the right edge of a 200 × 100 image → 10 × 20, centred
        BufferedImage bar = rectangle(200, 100, 150, 10, 40, 80, Color.WHITE, Color.BLACK);
        float[] pixels = DigitImages.prepare(DigitImages.grey(bar)).pixels();
        int inkColumns = 0;
        int inkRows = 0;
        for (int i = 0; i < 28; i++) {
            inkColumns += at(pixels, i, 14) > 0.5f ? 1 : 0;
            inkRows += at(pixels, 14, i) > 0.5f ? 1 : 0;
        }
        assertEquals(10, inkColumns);
        assertEquals(20, inkRows);
        assertEquals(1f, at(pixels, 9, 4), 1e-6);
        assertEquals(0f, at(pixels, 8, 4), 1e-6);
        assertEquals(1f, at(pixels, 18, 23), 1e-6);
        assertEquals(0f, at(pixels, 19, 23), 1e-6);
    }

    @Test
    void darkDigitOnLightBackgroundIsInvertedBack() {
        float[] white = DigitImages.prepare(DigitImages.grey(rectangle(60, 40, 5, 5, 12, 20, Color.WHITE, Color.BLACK)))
                .pixels();
        DigitImages.Prepared dark = DigitImages.prepare(DigitImages.grey(
                rectangle(60, 40, 5, 5, 12, 20, Color.BLACK, Color.WHITE)));
        assertTrue(dark.inverted());
        assertArrayEquals(white, dark.pixels(), 1e-6f);
    }

    @Test
    void colourImageBecomesGreyAndStretched() {
        // dark red ink on a light yellow sheet: grey, inverted (light background), ink stretched to 1
        DigitImages.Grey grey = DigitImages.grey(rectangle(30, 30, 10, 5, 8, 20, new Color(120, 20, 20),
                new Color(250, 240, 180)));
        assertEquals((0.299f * 250 + 0.587f * 240 + 0.114f * 180) / 255f, grey.values()[0], 1e-6);
        assertEquals(0xfaf0b4, grey.rgb()[0]);
        DigitImages.Prepared prepared = DigitImages.prepare(grey);
        assertTrue(prepared.inverted());
        float[] reference = DigitImages.prepare(DigitImages.grey(rectangle(30, 30, 10, 5, 8, 20, Color.WHITE,
                Color.BLACK))).pixels();
        assertArrayEquals(reference, prepared.pixels(), 1e-5f);
    }

    @Test
    void antiAliasedWhenShrinking() {
        // a one-pixel stripe pattern of period 2 averages to grey, then is stretched to full white
        float[] stripes = new float[40 * 40];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = (i % 40) % 2;
        }
        float[] half = DigitImages.resample(stripes, 40, 40, 20, 20);
        for (float value : half) {
            assertEquals(0.5f, value, 1e-6);
        }
    }

    @Test
    void faintSpecksDoNotShrinkTheDigit() {
        BufferedImage clean = rectangle(100, 100, 40, 30, 15, 40, Color.BLACK, Color.WHITE);
        BufferedImage specked = rectangle(100, 100, 40, 30, 15, 40, Color.BLACK, Color.WHITE);
        specked.setRGB(2, 95, new Color(200, 200, 200).getRGB()); // 22 % of the ink's darkness, far from the digit
        specked.setRGB(97, 3, new Color(210, 210, 210).getRGB());
        assertArrayEquals(DigitImages.prepare(DigitImages.grey(clean)).pixels(),
                DigitImages.prepare(DigitImages.grey(specked)).pixels(), 1e-6f);
    }

    @Test
    void blankImageHoldsNoDigit() {
        AtelierException e = assertThrows(AtelierException.class,
                () -> DigitImages.prepare(DigitImages.grey(rectangle(28, 28, 0, 0, 0, 0, Color.WHITE, Color.GRAY))));
        assertTrue(e.getMessage().startsWith("holds no digit"), e.getMessage());
    }

    @OnEachEngine
    void readsImagesFromFilesAndArraysAlike(String engine) throws Exception {
        BufferedImage image = rectangle(33, 21, 3, 4, 9, 12, new Color(10, 200, 30), Color.BLACK);
        Path file = dir.resolve("digit.png");
        ImageIO.write(image, "png", file.toFile());
        DigitImages.Grey fromFile = DigitImages.read(file);
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            byte[] hwc = new byte[33 * 21 * 3];
            for (int y = 0; y < 21; y++) {
                for (int x = 0; x < 33; x++) {
                    int rgb = image.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        hwc[(y * 33 + x) * 3 + c] = (byte) (rgb >> (16 - 8 * c));
                    }
                }
            }
            DigitImages.Grey fromArray = DigitImages.grey(manager.create(ByteBuffer.wrap(hwc), new Shape(21, 33, 3),
                    DataType.UINT8));
            assertArrayEquals(fromFile.values(), fromArray.values());
            assertArrayEquals(fromFile.rgb(), fromArray.rgb());
        }
    }

    /** A grey PNG's stored values, as DJL's image factory reads them, not Java 2D's sRGB conversion of them. */
    @OnEachEngine
    void greyFilesKeepTheirStoredValues(String engine) throws Exception {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 84, 200, 255});
        Path file = dir.resolve("grey.png");
        ImageIO.write(image, "png", file.toFile());
        DigitImages.Grey grey = DigitImages.read(file);
        assertArrayEquals(new float[] {0, luminance(84), luminance(200), luminance(255)}, grey.values(), 1e-6f);
        assertEquals(0x545454, grey.rgb()[1]);
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            DigitImages.Grey viaDjl = DigitImages.grey(ImageFactory.getInstance().fromFile(file)
                    .toNDArray(manager, Image.Flag.COLOR));
            assertArrayEquals(grey.values(), viaDjl.values());
        }
    }

    private static float luminance(int level) {
        return (0.299f * level + 0.587f * level + 0.114f * level) / 255f;
    }

    @Test
    void badFilesGetOneClearProblemEach() throws Exception {
        assertProblem(dir, "is a directory");
        BadImages.write(dir).forEach(DigitImagesTest::assertProblem);
    }

    private static void assertProblem(Path file, String start) {
        AtelierException e = assertThrows(AtelierException.class, () -> DigitImages.read(file));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}

package org.atelier.core.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.atelier.core.AtelierException;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    @Test
    void colourImagesKeepTheirColoursBesideGreyOnes() {
        int[] rgb = {0xff0000, 0x00ff00, 0x0000ff, 0xffff00};
        BufferedImage canvas = ImageGrid.builder().columns(2).scale(10)
                .rgbImage(rgb, 2, 2, "colour")
                .image(new float[] {0, 1, 1, 0}, 2, 2, "grey")
                .build().render();
        int[] found = new int[4];
        // the colour panel's four 10 × 10 blocks each hold one colour: find each colour somewhere
        for (int y = 0; y < canvas.getHeight(); y++) {
            for (int x = 0; x < canvas.getWidth(); x++) {
                int pixel = canvas.getRGB(x, y) & 0xffffff;
                for (int i = 0; i < 4; i++) {
                    found[i] += pixel == rgb[i] ? 1 : 0;
                }
            }
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(100, found[i], "colour " + Integer.toHexString(rgb[i]) + " fills one 10 × 10 block");
        }
        assertThrows(AtelierException.class, () -> ImageGrid.builder().rgbImage(new int[3], 2, 2, "short"));
    }
}

package org.atelier.tools.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The committed own digits are what the generator draws, and they vary as the project promises. */
class OwnDigitsTest {

    /** The committed set, from the tools module's directory. */
    private static final Path COMMITTED = Path.of("..", "data", "own-digits");

    @Test
    void committedImagesAreWhatTheGeneratorDraws() throws Exception {
        try (Stream<Path> files = Files.walk(COMMITTED)) {
            assertEquals(10 * OwnDigits.PER_CLASS, files.filter(f -> f.toString().endsWith(".png")).count(),
                    "one folder per class, " + OwnDigits.PER_CLASS + " images each, nothing else");
        }
        for (int digit = 0; digit < 10; digit++) {
            for (int n = 0; n < OwnDigits.PER_CLASS; n++) {
                Path file = COMMITTED.resolve(Integer.toString(digit)).resolve(OwnDigits.fileName(digit, n));
                BufferedImage committed = ImageIO.read(file.toFile());
                BufferedImage drawn = OwnDigits.draw(digit, n);
                assertEquals(drawn.getWidth(), committed.getWidth(), file.toString());
                assertEquals(drawn.getHeight(), committed.getHeight(), file.toString());
                // Java 2D's anti-aliasing may round differently on another JDK build: a few levels, never a shape
                long total = 0;
                for (int y = 0; y < drawn.getHeight(); y++) {
                    for (int x = 0; x < drawn.getWidth(); x++) {
                        total += channelDifference(drawn.getRGB(x, y), committed.getRGB(x, y));
                    }
                }
                double mean = total / (3.0 * drawn.getWidth() * drawn.getHeight());
                assertTrue(mean < 1.0, file + " differs from the generator's drawing by " + mean + " levels per channel;"
                        + " run OwnDigits again if the generator changed on purpose");
            }
        }
    }

    @Test
    void theSetVariesInSizeColourAndPolarity() {
        Set<String> sizes = new HashSet<>();
        int lightBackground = 0;
        int colour = 0;
        for (int digit = 0; digit < 10; digit++) {
            for (int n = 0; n < OwnDigits.PER_CLASS; n++) {
                BufferedImage image = OwnDigits.draw(digit, n);
                sizes.add(image.getWidth() + "x" + image.getHeight());
                int corner = image.getRGB(0, 0);
                lightBackground += brightness(corner) > 128 ? 1 : 0;
                colour += image.getType() == BufferedImage.TYPE_INT_RGB ? 1 : 0;
            }
        }
        assertTrue(sizes.contains("28x28") && sizes.size() >= 4, "sizes " + sizes);
        assertTrue(lightBackground >= 20 && lightBackground <= 60, lightBackground + " of 80 have a light background");
        assertTrue(colour >= 20, colour + " of 80 are in colour");
    }

    private static int brightness(int rgb) {
        return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
    }

    private static int channelDifference(int a, int b) {
        int sum = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
        return sum;
    }
}

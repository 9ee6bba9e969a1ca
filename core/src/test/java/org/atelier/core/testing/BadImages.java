package org.atelier.core.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Files that are not usable images, each with the start of the problem {@code DigitImages.read}
 * names: for tests of image reading and of {@code atelier predict}.
 */
public final class BadImages {

    private BadImages() {}

    /**
     * Writes one bad file of each kind into a directory.
     *
     * @param dir the directory
     * @return each file and the start of its problem, in a fixed order
     * @throws IOException if a file cannot be written
     */
    public static Map<Path, String> write(Path dir) throws IOException {
        byte[] png = png(28, 28); // 79 bytes; its first 50 stop inside the image data
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(dir.resolve("missing.png"), "no such file");
        files.put(Files.createFile(dir.resolve("empty.png")), "is empty");
        files.put(Files.writeString(dir.resolve("notes.png"), "not an image at all"), "is not an image");
        files.put(Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, 50)), "is not a readable image");
        files.put(Files.write(dir.resolve("zero.png"), withHeaderSize(png, 0, 0)), "has no pixels");
        files.put(Files.write(dir.resolve("huge.png"), withHeaderSize(png, 100_000, 100_000)),
                "is too large (100000 × 100000");
        return files;
    }

    /** A PNG of a white square on black. */
    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /**
     * The PNG with the width and height in its header replaced and the header's CRC fixed: the
     * header claims a size the few pixels do not have (a decompression bomb's header, or none).
     */
    private static byte[] withHeaderSize(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(patched);
        // signature (8), IHDR length (4), "IHDR" (4), width, height, 5 more bytes, CRC over type and data
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(patched, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return patched;
    }
}

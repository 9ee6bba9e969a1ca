package org.atelier.tools.digits;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws the project's own digits ({@code data/own-digits/<class>/<class>_<n>.png}): strokes drawn
 * by program, not scanned handwriting. Each digit is a skeleton of control points (polylines and
 * loops in a unit box), jittered, smoothed into curves through the midpoints, slanted, scaled,
 * placed and stroked with Java 2D, in one of five styles: the exercise sheet's 28 × 28 greyscale
 * white on black, a larger black-on-white scan, blue ballpoint on white, pencil on yellowish paper
 * (with paper noise), chalk on a dark board. Seeded: the same program writes the same images.
 *
 * <p>Run {@code java -cp tools/target/atelier.jar org.atelier.tools.digits.OwnDigits data/own-digits}
 * to write them again; {@code OwnDigitsTest} checks that the committed images are what it draws.
 */
public final class OwnDigits {

    /** Images per class. */
    public static final int PER_CLASS = 8;

    /** The seed of the whole set. */
    public static final long SEED = 2026;

    private OwnDigits() {}

    /**
     * Writes the set into a directory, one folder per class.
     *
     * @param args the target directory (default {@code data/own-digits})
     */
    public static void main(String[] args) {
        Path target = Path.of(args.length > 0 ? args[0] : "data/own-digits");
        List<Path> written = write(target);
        System.out.println("wrote " + written.size() + " images under " + target);
    }

    /**
     * Draws every image and writes it as PNG.
     *
     * @param target the directory
     * @return the files written
     */
    public static List<Path> write(Path target) {
        List<Path> files = new ArrayList<>();
        try {
            for (int digit = 0; digit < 10; digit++) {
                Path folder = Files.createDirectories(target.resolve(Integer.toString(digit)));
                for (int n = 0; n < PER_CLASS; n++) {
                    Path file = folder.resolve(fileName(digit, n));
                    ImageIO.write(draw(digit, n), "png", file.toFile());
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The file name of one image, e.g. {@code 7_3.png}. */
    public static String fileName(int digit, int n) {
        return String.format(Locale.ROOT, "%d_%d.png", digit, n);
    }

    /** The styles, in turn: image size, colours, stroke. */
    private enum Style {
        /** The sheet's format: 28 × 28 greyscale, white digit on black. */
        SHEET(28, 28, Color.BLACK, Color.WHITE, false, true),
        /** A larger greyscale scan, black on white (inverted). */
        SCAN(96, 96, Color.WHITE, Color.BLACK, false, true),
        /** Blue ballpoint on white paper, landscape. */
        BALLPOINT(160, 120, new Color(250, 250, 247), new Color(25, 45, 160), false, false),
        /** Pencil on yellowish paper with paper noise. */
        PENCIL(120, 150, new Color(245, 232, 190), new Color(70, 65, 60), true, false),
        /** Chalk on a dark green board: light digit on a dark colour. */
        CHALK(200, 200, new Color(30, 60, 45), new Color(235, 240, 225), true, false);

        final int width;
        final int height;
        final Color paper;
        final Color ink;
        final boolean noise;
        final boolean grey;

        Style(int width, int height, Color paper, Color ink, boolean noise, boolean grey) {
            this.width = width;
            this.height = height;
            this.paper = paper;
            this.ink = ink;
            this.noise = noise;
            this.grey = grey;
        }
    }

    /**
     * Draws one image.
     *
     * @param digit the class, 0–9
     * @param n the image's number within its class
     * @return the image
     */
    public static BufferedImage draw(int digit, int n) {
        Random random = new Random(SEED * 1000 + digit * 100L + n);
        Style style = Style.values()[(digit + n) % Style.values().length];
        BufferedImage image = new BufferedImage(style.width, style.height,
                style.grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(style.paper);
            g.fillRect(0, 0, style.width, style.height);
            if (style.noise) {
                paperNoise(g, style, random);
            }
            double size = Math.min(style.width, style.height) * (0.5 + 0.35 * random.nextDouble());
            double slant = (random.nextDouble() - 0.5) * 0.5;
            double x = (style.width - 0.7 * size) * (0.2 + 0.6 * random.nextDouble());
            double y = (style.height - size) * (0.15 + 0.7 * random.nextDouble());
            AffineTransform place = new AffineTransform();
            place.translate(x + slant * size * 0.5, y);
            place.scale(size * (0.55 + 0.2 * random.nextDouble()), size);
            place.shear(-slant, 0);
            Path2D stroke = new Path2D.Double();
            for (double[][] part : Skeletons.of(digit)) {
                stroke.append(smooth(jitter(part, random)), false);
            }
            float width = (float) (size * (0.06 + 0.1 * random.nextDouble()));
            g.setColor(style.ink);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(place.createTransformedShape(stroke));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void paperNoise(Graphics2D g, Style style, Random random) {
        for (int i = 0; i < style.width * style.height / 12; i++) {
            int shade = (int) (random.nextGaussian() * 10);
            Color c = style.paper;
            g.setColor(new Color(clamp(c.getRed() + shade), clamp(c.getGreen() + shade), clamp(c.getBlue() + shade)));
            g.fillRect(random.nextInt(style.width), random.nextInt(style.height), 1, 1);
        }
    }

    private static int clamp(int channel) {
        return Math.max(0, Math.min(255, channel));
    }

    private static double[][] jitter(double[][] points, Random random) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new double[] {points[i][0] + 0.04 * random.nextGaussian(), points[i][1] + 0.03 * random.nextGaussian()};
        }
        // a closed loop stays closed
        if (points[0][0] == points[points.length - 1][0] && points[0][1] == points[points.length - 1][1]) {
            out[points.length - 1] = out[0].clone();
        }
        return out;
    }

    /** A curve through the midpoints of the control polygon, bending at each control point. */
    private static Path2D smooth(double[][] p) {
        Path2D path = new Path2D.Double();
        path.moveTo(p[0][0], p[0][1]);
        if (p.length == 2) {
            path.lineTo(p[1][0], p[1][1]);
            return path;
        }
        for (int i = 1; i < p.length - 1; i++) {
            double mx = (p[i][0] + p[i + 1][0]) / 2;
            double my = (p[i][1] + p[i + 1][1]) / 2;
            if (i == p.length - 2) {
                path.quadTo(p[i][0], p[i][1], p[i + 1][0], p[i + 1][1]);
            } else {
                path.quadTo(p[i][0], p[i][1], mx, my);
            }
        }
        return path;
    }
}

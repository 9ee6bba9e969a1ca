package org.atelier.core.report.chart;

import java.awt.Color;

/** Maps a value in [0, 1] to a colour; values outside are clamped. */
@FunctionalInterface
public interface ColorMap {

    /** Black at 0 to white at 1 (matplotlib's {@code gray}). */
    ColorMap GRAY = t -> gray(1 - clamp(t));

    /** White at 0 to black at 1 (matplotlib's {@code gray_r}): dark ink on white paper. */
    ColorMap GRAY_INVERTED = t -> gray(clamp(t));

    /** White to dark blue (ColorBrewer "Blues"): for counts, 0 is white. */
    ColorMap BLUES = t -> interpolate(clamp(t), new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B));

    /**
     * Blue at 0, white at 0.5, red at 1 (ColorBrewer "RdBu" reversed): for signed values with the
     * limits chosen symmetric about zero, so that zero is white.
     */
    ColorMap DIVERGING = t -> interpolate(clamp(t), new Color(0x2166AC), Color.WHITE, new Color(0xB2182B));

    /**
     * The colour of a position.
     *
     * @param t 0 to 1
     * @return the colour
     */
    Color color(double t);

    /**
     * The same colours in the opposite order, e.g. {@code BLUES.reversed()} makes low values dark:
     * for a heat map where low is good (a loss) and the eye should go to it.
     *
     * @return the reversed map
     */
    default ColorMap reversed() {
        return t -> color(1 - clamp(t));
    }

    private static double clamp(double t) {
        return Double.isNaN(t) ? 0.5 : Math.max(0, Math.min(1, t));
    }

    private static Color gray(double darkness) {
        int level = (int) Math.round(255 * (1 - darkness));
        return new Color(level, level, level);
    }

    /** Piecewise linear through three colours at 0, 0.5 and 1. */
    private static Color interpolate(double t, Color low, Color middle, Color high) {
        Color from = t < 0.5 ? low : middle;
        Color to = t < 0.5 ? middle : high;
        double s = t < 0.5 ? t * 2 : (t - 0.5) * 2;
        return new Color(mix(from.getRed(), to.getRed(), s), mix(from.getGreen(), to.getGreen(), s),
                mix(from.getBlue(), to.getBlue(), s));
    }

    private static int mix(int a, int b, double s) {
        return (int) Math.round(a + (b - a) * s);
    }
}

package org.atelier.core.data;

import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Minimal IDX reader (to be hardened: checksums, error cases, location rules).
 */
public final class IdxImages {

    private IdxImages() {}

    /** Reads an IDX image file and its label file into a dataset with pixels scaled to [0, 1]. */
    public static LabeledData read(String name, Path images, Path labels, List<String> classNames) throws IOException {
        byte[] pix;
        int n;
        int rows;
        int cols;
        try (DataInputStream in = open(images)) {
            in.readInt();
            n = in.readInt();
            rows = in.readInt();
            cols = in.readInt();
            pix = in.readNBytes(n * rows * cols);
        }
        int[] l;
        try (DataInputStream in = open(labels)) {
            in.readInt();
            int m = in.readInt();
            byte[] b = in.readNBytes(m);
            l = new int[m];
            for (int i = 0; i < m; i++) {
                l[i] = b[i] & 0xff;
            }
        }
        float[] f = new float[pix.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (pix[i] & 0xff) / 255f;
        }
        return new LabeledData(name, new Shape(1, rows, cols), f, l, classNames);
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        return new DataInputStream(p.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
    }
}

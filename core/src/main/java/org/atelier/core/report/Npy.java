package org.atelier.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes arrays in NumPy's {@code .npy} format, version 1.0, so that Python users can take a run's
 * numbers elsewhere with {@code numpy.load}: little-endian float32 ({@code <f4}) or int64 ({@code
 * <i8}), C (row-major) order. The header is padded with spaces so that the data start at a multiple
 * of 64 bytes, as NumPy itself writes it.
 *
 * <pre>{@code
 * dir.write(FEATURES, out -> Npy.writeFloat32(out, features, 60000, 50));
 * }</pre>
 */
public final class Npy {

    /** The magic string, then format version 1.0. */
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    /** Data start at a multiple of this. */
    private static final int ALIGNMENT = 64;

    /** Values converted per write. */
    private static final int CHUNK = 1 << 16;

    private Npy() {}

    /**
     * Writes a float32 array.
     *
     * @param out the stream (not closed)
     * @param values the values in C order
     * @param shape the array's shape; the product of its entries must be {@code values.length}
     * @throws IOException if the stream fails
     */
    public static void writeFloat32(OutputStream out, float[] values, long... shape) throws IOException {
        header(out, "<f4", shape, values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += CHUNK) {
            int to = Math.min(values.length, from + CHUNK);
            buffer.clear();
            buffer.asFloatBuffer().put(values, from, to - from);
            out.write(buffer.array(), 0, (to - from) * Float.BYTES);
        }
    }

    /**
     * Writes an int64 array, NumPy's default integer type.
     *
     * @param out the stream (not closed)
     * @param values the values in C order
     * @param shape the array's shape; the product of its entries must be {@code values.length}
     * @throws IOException if the stream fails
     */
    public static void writeInt64(OutputStream out, long[] values, long... shape) throws IOException {
        header(out, "<i8", shape, values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += CHUNK) {
            int to = Math.min(values.length, from + CHUNK);
            buffer.clear();
            buffer.asLongBuffer().put(values, from, to - from);
            out.write(buffer.array(), 0, (to - from) * Long.BYTES);
        }
    }

    /**
     * Writes int values as an int64 array (e.g. class labels).
     *
     * @param out the stream (not closed)
     * @param values the values in C order
     * @param shape the array's shape; the product of its entries must be {@code values.length}
     * @throws IOException if the stream fails
     */
    public static void writeInt64(OutputStream out, int[] values, long... shape) throws IOException {
        writeInt64(out, Arrays.stream(values).asLongStream().toArray(), shape);
    }

    /**
     * The header's dictionary as NumPy writes it, e.g. {@code {'descr': '<f4', 'fortran_order':
     * False, 'shape': (60000, 50), }}, without padding.
     *
     * @param descr the type, e.g. {@code <f4}
     * @param shape the shape
     * @return the dictionary
     */
    static String dictionary(String descr, long[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String tuple = shape.length == 1 ? "(" + dims + ",)" : "(" + dims + ")";
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
    }

    private static void header(OutputStream out, String descr, long[] shape, int length) throws IOException {
        long product = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            product *= dim;
        }
        if (product != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + product
                    + " values, but " + length + " were given");
        }
        String dictionary = dictionary(descr, shape);
        int unpadded = MAGIC.length + 2 + dictionary.length() + 1; // magic and version, length, text, newline
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        byte[] text = (dictionary + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
        out.write(MAGIC);
        out.write(text.length & 0xFF);
        out.write(text.length >>> 8);
        out.write(text);
    }
}

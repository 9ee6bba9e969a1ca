package org.atelier.core.data;

import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads image classification data in the IDX format of MNIST and Fashion-MNIST: an image file
 * (magic {@value #IMAGES_MAGIC}: count, rows, columns, then one unsigned byte per pixel) and a label
 * file (magic {@value #LABELS_MAGIC}: count, then one unsigned byte per label), each raw or gzipped.
 *
 * <p>Every structural fault is a {@link DataException} naming the file: wrong magic number,
 * impossible dimensions, fewer bytes than the header promises, bytes after the promised ones,
 * image and label counts that differ, labels outside the class range. Training never sees a
 * truncated dataset.
 *
 * <p>Pixels are read in one bulk read and converted to {@code float} in {@code [0, 1]} (divided by
 * 255, as torchvision's {@code ToTensor} does) in one loop.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x0803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x0801;

    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;
    /** The largest Java array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private IdxReader() {}

    /**
     * Reads an image file and its label file without checksum verification: for IDX files the
     * caller chose (public dataset loaders in {@link Datasets} always verify).
     *
     * @param name the dataset's name, e.g. {@code kmnist/train}
     * @param images the image file, raw or gzipped
     * @param labels the label file, raw or gzipped
     * @param classNames the class names in label order
     * @return samples of shape {@code (1, rows, columns)}, pixels in {@code [0, 1]}
     * @throws DataException if either file is unreadable or malformed, or they do not match
     */
    public static LabeledData read(String name, Path images, Path labels, List<String> classNames) {
        return read(name, images, labels, classNames, ContentCheck.NONE);
    }

    /** Reads both files, handing each file's content digest to {@code check} after its last byte. */
    static LabeledData read(String name, Path images, Path labels, List<String> classNames, ContentCheck check) {
        Images pixels = readImages(images, check);
        int[] labelValues = readLabels(labels, classNames.size(), check);
        if (labelValues.length != pixels.count()) {
            throw new DataException(images + " holds " + pixels.count() + " images but " + labels + " holds "
                    + labelValues.length + " labels; the two files do not belong together: replace them (delete both and run data/fetch)");
        }
        return new LabeledData(name, new Shape(1, pixels.rows(), pixels.columns()), pixels.values(), labelValues, classNames);
    }

    /** The pixels of an image file, already scaled to {@code [0, 1]}. */
    private record Images(int count, int rows, int columns, float[] values) {}

    private static Images readImages(Path file, ContentCheck check) {
        try (FileContent content = FileContent.open(file)) {
            ByteBuffer header = header(content, IMAGES_HEADER_BYTES, IMAGES_MAGIC, "an image");
            int count = header.getInt();
            int rows = header.getInt();
            int columns = header.getInt();
            if (count < 0 || rows <= 0 || columns <= 0 || (long) count * rows * columns > MAX_ARRAY) {
                throw malformed(file, "impossible dimensions " + count + " × " + rows + " × " + columns + " in the header");
            }
            byte[] pixels = body(content, count * rows * columns, count + " images of " + rows + " × " + columns);
            float[] values = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                values[i] = (pixels[i] & 0xff) / 255f;
            }
            check.check(file, content.sha256());
            return new Images(count, rows, columns, values);
        }
    }

    private static int[] readLabels(Path file, int numClasses, ContentCheck check) {
        try (FileContent content = FileContent.open(file)) {
            int count = header(content, LABELS_HEADER_BYTES, LABELS_MAGIC, "a label").getInt();
            if (count < 0) {
                throw malformed(file, "negative label count " + count + " in the header");
            }
            byte[] bytes = body(content, count, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
                if (labels[i] >= numClasses) {
                    throw malformed(file, "label " + labels[i] + " of sample " + i + " is outside the " + numClasses + " classes");
                }
            }
            check.check(file, content.sha256());
            return labels;
        }
    }

    /** Reads the header and checks its magic number; returns the buffer positioned after the magic. */
    private static ByteBuffer header(FileContent content, int headerBytes, int magic, String kind) {
        byte[] bytes = content.readUpTo(headerBytes);
        ByteBuffer header = ByteBuffer.wrap(bytes); // IDX is big-endian, ByteBuffer's default
        // the magic number first: a file of the wrong kind says more than a short one
        if (bytes.length >= Integer.BYTES && header.getInt(0) != magic) {
            throw malformed(content.file(), "magic number " + header.getInt(0) + " where " + kind + " file has " + magic);
        }
        if (bytes.length < headerBytes) {
            throw malformed(content.file(), "only " + bytes.length + " bytes, shorter than the " + headerBytes + "-byte IDX header");
        }
        header.position(Integer.BYTES);
        return header;
    }

    /** Reads exactly the promised body bytes and makes sure nothing follows them. */
    private static byte[] body(FileContent content, int promisedBytes, String promised) {
        byte[] bytes = content.readUpTo(promisedBytes);
        if (bytes.length < promisedBytes) {
            throw malformed(content.file(), "truncated: the header promises " + promised + " (" + promisedBytes
                    + " bytes) but only " + bytes.length + " bytes follow");
        }
        if (content.hasMore()) {
            throw malformed(content.file(), "unexpected bytes after the " + promised + " the header promises");
        }
        return bytes;
    }

    private static DataException malformed(Path file, String problem) {
        return new DataException("malformed IDX file " + file + ": " + problem
                + "; the file is damaged or of another kind: replace it (for a fetched dataset, delete it and run "
                + FileContent.fetchCommand(file) + ")");
    }
}

package org.atelier.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    /** Magic, version 1.0, a little-endian length, NumPy's dictionary padded to 64 bytes, then the values. */
    @Test
    void writesAHeaderThatParsesBackAndTheValuesAfterIt() throws IOException {
        float[] values = {1.5f, -2f, 0f, Float.MAX_VALUE, 3.25f, 7f};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, values, 2, 3);
        ByteBuffer file = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header(file));
        float[] read = new float[values.length];
        file.asFloatBuffer().get(read);
        assertArrayEquals(values, read);
        assertEquals(file.position() + values.length * 4, out.size());

        out.reset();
        Npy.writeInt64(out, new int[] {3, -1, 9}, 3);
        file = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", header(file));
        assertArrayEquals(new long[] {3, -1, 9}, new long[] {file.getLong(), file.getLong(), file.getLong()});
    }

    @Test
    void refusesAShapeThatDoesNotHoldTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.writeFloat32(new ByteArrayOutputStream(), new float[5], 2, 3));
        assertEquals("shape [2, 3] holds 6 values, but 5 were given", e.getMessage());
    }

    /** NumPy itself reads the files back, when python3 with numpy is installed (it is optional). */
    @Test
    void numpyLoadsTheFiles(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(numpyAvailable(), "skipped: python3 with numpy is not installed, so NumPy cannot read the files back");
        float[] features = new float[7 * 5];
        for (int i = 0; i < features.length; i++) {
            features[i] = i * 0.5f - 3;
        }
        Path floats = dir.resolve("features.npy");
        Path longs = dir.resolve("labels.npy");
        try (var out = Files.newOutputStream(floats)) {
            Npy.writeFloat32(out, features, 7, 5);
        }
        try (var out = Files.newOutputStream(longs)) {
            Npy.writeInt64(out, new long[] {4, 0, 9, 1, 1, 2, 8}, 7);
        }
        String script = "import numpy as np, sys\n"
                + "a = np.load(sys.argv[1]); b = np.load(sys.argv[2])\n"
                + "print(a.dtype, a.shape, a[6, 4], a[1, 0], b.dtype, b.shape, int(b.sum()))\n";
        String printed = python(script, floats.toString(), longs.toString());
        assertEquals("float32 (7, 5) 14.0 -0.5 int64 (7,) 25", printed.strip());
    }

    private static String header(ByteBuffer file) {
        byte[] magic = new byte[6];
        file.get(magic);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, magic);
        assertEquals(1, file.get());
        assertEquals(0, file.get());
        int length = Short.toUnsignedInt(file.getShort());
        byte[] text = new byte[length];
        file.get(text);
        assertEquals(0, file.position() % 64, "data start 64-byte aligned");
        String header = new String(text, StandardCharsets.US_ASCII);
        assertEquals('\n', header.charAt(header.length() - 1));
        return header.strip();
    }

    private static boolean numpyAvailable() {
        try {
            return python("import numpy").isEmpty();
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String python(String script, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "python3";
        command[1] = "-c";
        command[2] = script;
        System.arraycopy(args, 0, command, 3, args.length);
        Process process = new ProcessBuilder(Arrays.asList(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("python3 failed: " + output);
        }
        return output;
    }
}

package org.atelier.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class BackendTest {

    @OnEachEngine
    void resolvesCaseInsensitivelyAndComputes(String engine) {
        Backend backend = Backend.resolve(engine.toLowerCase(), "cpu");
        assertEquals(engine, backend.engineName());
        try (NDManager manager = backend.newManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertEquals(52f, a.matMul(a.transpose()).sum().getFloat(), 1e-6);
        }
    }

    @OnEachEngine
    void seedFromALongUsesItsLow31Bits(String engine) {
        Backend backend = TestBackends.backend(engine);
        float[] first = draw(backend, 42);
        assertArrayEquals(first, draw(backend, 42), "the same seed draws the same numbers");
        assertArrayEquals(first, draw(backend, 42 + (1L << 31)), "bits above 31 are ignored");
        assertArrayEquals(draw(backend, Integer.MAX_VALUE), draw(backend, -1L), "-1 keeps its low 31 bits");
        assertFalse(Arrays.equals(first, draw(backend, 43)), "another seed draws other numbers");
    }

    private static float[] draw(Backend backend, long seed) {
        backend.seed(seed);
        try (NDManager manager = backend.newManager()) {
            return manager.randomUniform(0f, 1f, new Shape(8)).toFloatArray();
        }
    }

    @Test
    void unknownEngineNamesTheAvailableOnes() {
        AtelierException e = assertThrows(AtelierException.class, () -> Backend.resolve("TensorFlow", "cpu"));
        assertTrue(e.getMessage().contains("unknown engine 'TensorFlow'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("available: " + String.join(", ", Backend.computingEngines())), e.getMessage());
        assertTrue(e.getMessage().contains("PyTorch"), e.getMessage());
    }

    @OnEachEngine
    void gpuWithoutGpuIsAClearError(String engine) {
        Backend cpu = TestBackends.backend(engine);
        assumeTrue(cpu.engine().getGpuCount() == 0, "this machine has a GPU: the error path cannot occur here");
        AtelierException e = assertThrows(AtelierException.class, () -> Backend.resolve(engine, "gpu:0"));
        assertTrue(e.getMessage().contains("sees no GPU"), e.getMessage());
    }

    @Test
    void enginesThatCannotComputeAreNotOffered() {
        // DJL's api jar registers an RPC engine for remote inference: it has no local tensors.
        // Both engines are on the class path of the build; the CUDA kit has PyTorch alone.
        List<String> engines = Backend.computingEngines();
        assertTrue(engines.contains("PyTorch") && !engines.contains("RPC"), engines.toString());
        if (TestBackends.DEVICE.equals("cpu")) {
            assertEquals(List.of("MXNet", "PyTorch"), engines);
        }
        AtelierException e = assertThrows(AtelierException.class, () -> Backend.resolve("RPC", "cpu"));
        assertTrue(e.getMessage().endsWith("available: " + String.join(", ", engines)), e.getMessage());
    }

    @OnEachEngine
    void arraysLiveOnTheDeviceUnderTest(String engine) {
        assumeTrue(TestBackends.DEVICE.startsWith("gpu"), "the device under test is the CPU (-Datelier.test.device=gpu runs this)");
        Backend gpu = TestBackends.backend(engine);
        assertTrue(gpu.device().isGpu(), gpu.device().toString());
        try (NDManager manager = gpu.newManager()) {
            NDArray a = manager.randomUniform(0f, 1f, new Shape(256, 256));
            assertEquals(gpu.device(), a.getDevice());
            float[] onDevice = a.matMul(a).toFloatArray();
            float[] onCpu = a.toDevice(Device.cpu(), true).matMul(a.toDevice(Device.cpu(), true)).toFloatArray();
            for (int i = 0; i < onCpu.length; i++) {
                assertEquals(onCpu[i], onDevice[i], 1e-3f * Math.max(1f, Math.abs(onCpu[i])), "element " + i);
            }
        }
    }

    @Test
    void malformedDeviceIsRejected() {
        assertThrows(AtelierException.class, () -> Backend.resolve("PyTorch", "tpu"));
        assertThrows(AtelierException.class, () -> Backend.resolve("PyTorch", "gpu:x"));
    }
}

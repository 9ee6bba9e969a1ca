package org.atelier.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import org.atelier.core.AtelierException;

/**
 * A DJL engine together with the device it computes on: what {@code --engine} and {@code --device}
 * select.
 *
 * <p>The core never names an engine class; it looks engines up by name through DJL's {@link
 * Engine} registry, so whichever engine jars are on the class path are available.
 *
 * @param engine the DJL engine
 * @param device the device arrays and parameters live on
 */
public record Backend(Engine engine, Device device) {

    /** The engine used when none is named: PyTorch, as embedded by default. */
    public static final String DEFAULT_ENGINE = "PyTorch";

    /**
     * Resolves an engine name and a device spec such as {@code cpu}, {@code gpu} or {@code gpu:1}.
     *
     * @param engineName a DJL engine name, case-insensitive ({@code PyTorch}, {@code MXNet})
     * @param deviceSpec {@code cpu}, {@code gpu} or {@code gpu:N}; null means cpu
     * @return the backend
     * @throws AtelierException if the engine is not on the class path or the device is not visible
     */
    public static Backend resolve(String engineName, String deviceSpec) {
        Engine engine = engine(engineName == null ? DEFAULT_ENGINE : engineName);
        return new Backend(engine, device(engine, deviceSpec == null ? "cpu" : deviceSpec));
    }

    /** The default backend: PyTorch on the CPU. */
    public static Backend defaultBackend() {
        return resolve(DEFAULT_ENGINE, "cpu");
    }

    /** The engine's name as DJL spells it, e.g. {@code PyTorch}. */
    public String engineName() {
        return engine.getEngineName();
    }

    /** The device as {@code --device} spells it: {@code cpu} or {@code gpu:N}; {@link #resolve} reads it back. */
    public String deviceSpec() {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType();
    }

    /** The engine's native library version, e.g. {@code 2.7.1}. */
    public String engineVersion() {
        return engine.getVersion();
    }

    /** A new root manager on this backend's engine and device; the caller closes it. */
    public NDManager newManager() {
        return engine.newBaseManager(device);
    }

    /**
     * Seeds this backend's engine (its random operators and DJL's {@code RandomUtils}), see
     * {@link #seed(Engine, long)}.
     *
     * @param seed the seed
     */
    public void seed(long seed) {
        seed(engine, seed);
    }

    /**
     * Seeds an engine from a long seed: DJL takes an int, so the seed's low 31 bits are used, the
     * same bits wherever Atelier seeds an engine, so that seed s initializes the same weights in a
     * training run and in a check that re-creates its start.
     *
     * @param engine the engine
     * @param seed the seed; seeds that differ only above bit 31 seed the engine alike
     */
    public static void seed(Engine engine, long seed) {
        engine.setRandomSeed(Math.toIntExact(seed & 0x7fffffffL));
    }

    /** Short label for file names and table columns, e.g. {@code pytorch}. */
    public String label() {
        return engineName().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the engine with the given name, case-insensitively.
     *
     * @param name the engine name
     * @return the engine
     * @throws AtelierException if no such engine is on the class path, it fails to load, or it
     *     cannot compute tensors (DJL's remote-inference {@code RPC} engine)
     */
    public static Engine engine(String name) {
        String match = Engine.getAllEngines().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
        Engine engine = match == null ? null : load(match);
        if (engine == null || !computes(engine)) {
            throw new AtelierException("unknown engine '" + name + "'; available: " + String.join(", ", computingEngines()));
        }
        return engine;
    }

    /** The names of the engines on the class path that can compute tensors, sorted. */
    public static List<String> computingEngines() {
        return Engine.getAllEngines().stream().sorted().filter(n -> computes(load(n))).toList();
    }

    private static Engine load(String name) {
        try {
            return Engine.getEngine(name);
        } catch (EngineException | UnsatisfiedLinkError e) {
            throw new AtelierException("engine " + name + " failed to load its native library: " + e.getMessage(), e);
        }
    }

    /** Whether the engine has local tensors; DJL's RPC engine, for one, only forwards to a server. */
    private static boolean computes(Engine engine) {
        try (NDManager manager = engine.newBaseManager()) {
            manager.create(1f).add(1f);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static Device device(Engine engine, String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int index = 0;
        if (s.startsWith("gpu:")) {
            index = parseIndex(spec, s.substring(4));
        } else if (!s.equals("gpu")) {
            throw new AtelierException("unknown device '" + spec + "'; use cpu, gpu or gpu:N");
        }
        int visible = engine.getGpuCount();
        if (visible == 0) {
            throw new AtelierException("device " + spec + " requested but " + engine.getEngineName()
                    + " sees no GPU; use --device cpu, or install a CUDA build of the engine (docs/engines.md)");
        }
        if (index >= visible) {
            throw new AtelierException("device " + spec + " requested but only " + visible
                    + " GPU(s) are visible (gpu:0.." + (visible - 1) + ")");
        }
        return Device.gpu(index);
    }

    private static int parseIndex(String spec, String digits) {
        try {
            int index = Integer.parseInt(digits);
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new AtelierException("unknown device '" + spec + "'; the GPU index must be a whole number ≥ 0, e.g. gpu:0");
    }
}

package org.atelier.core.trial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.atelier.core.data.DataLocator;
import org.atelier.core.engine.Backend;

/**
 * Where trials run: the engine and device by name (so that another JVM resolves the same ones),
 * the data directory and the directory that {@code .params} files go to. Everything a worker
 * needs besides the trial itself; it travels as command-line arguments ({@link #toArguments()}).
 *
 * @param engine the DJL engine's name, e.g. {@code PyTorch}
 * @param device {@code cpu} or {@code gpu:N}
 * @param dataDir the data root ({@link DataLocator#root()}), absolute
 * @param outputDir where trials save their parameters, absolute
 */
public record TrialEnvironment(String engine, String device, Path dataDir, Path outputDir) {

    /** Checks that every part is present and makes the directories absolute. */
    public TrialEnvironment {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(device, "device");
        dataDir = dataDir.toAbsolutePath().normalize();
        outputDir = outputDir.toAbsolutePath().normalize();
    }

    /**
     * The environment of a backend.
     *
     * @param backend the engine and device
     * @param data where the datasets are
     * @param outputDir where trials save their parameters
     * @return the environment
     */
    public static TrialEnvironment of(Backend backend, DataLocator data, Path outputDir) {
        return new TrialEnvironment(backend.engineName(), backend.deviceSpec(), data.root(), outputDir);
    }

    /** The engine and device, resolved in this JVM. */
    public Backend backend() {
        return Backend.resolve(engine, device);
    }

    /** The data locator. */
    public DataLocator data() {
        return new DataLocator(dataDir);
    }

    /** This environment as command-line arguments, which {@link #fromArguments} reads back. */
    public List<String> toArguments() {
        return List.of("--engine", engine, "--device", device, "--data-dir", dataDir.toString(), "--out",
                outputDir.toString());
    }

    /**
     * Reads the arguments {@link #toArguments()} wrote.
     *
     * @param args the arguments, in pairs
     * @return the environment
     * @throws IllegalArgumentException if one is missing or unknown
     */
    public static TrialEnvironment fromArguments(List<String> args) {
        List<String> values = new ArrayList<>(List.of("", "", "", ""));
        List<String> keys = List.of("--engine", "--device", "--data-dir", "--out");
        for (int i = 0; i + 1 < args.size(); i += 2) {
            int k = keys.indexOf(args.get(i));
            if (k < 0) {
                throw new IllegalArgumentException("unknown argument " + args.get(i) + "; expected " + keys);
            }
            values.set(k, args.get(i + 1));
        }
        if (args.size() != 2 * keys.size() || values.contains("")) {
            throw new IllegalArgumentException("expected " + keys + " with a value each, got " + args);
        }
        return new TrialEnvironment(values.get(0), values.get(1), Path.of(values.get(2)), Path.of(values.get(3)));
    }
}

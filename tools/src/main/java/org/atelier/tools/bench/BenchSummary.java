package org.atelier.tools.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's {@code summary.json} in the run-directory format of the design notes: experiment,
 * engine(s), versions, device, seed, start, duration, params, a flat metrics map and artifacts.
 */
final class BenchSummary {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Number> metrics = new LinkedHashMap<>();

    /**
     * Starts a summary.
     *
     * @param engines engine name to version, in run order
     * @param seed the seed
     * @param started ISO-8601 start time
     * @param params every effective setting
     */
    BenchSummary(Map<String, String> engines, long seed, String started, Map<String, Object> params) {
        root.put("experiment", "bench");
        root.put("engine", String.join(",", engines.keySet()));
        root.put("engines", List.copyOf(engines.keySet()));
        root.put("engine_version", String.join(",", engines.values()));
        root.put("engine_versions", engines);
        root.put("device", "cpu");
        root.put("seed", seed);
        root.put("started", started);
        root.put("params", params);
        root.put("metrics", metrics);
    }

    /** Adds the metrics of one engine and model, named {@code <engine>_<model>_<what>}. */
    void add(BenchResult r) {
        String prefix = r.engine().toLowerCase(Locale.ROOT) + "_" + r.model().id() + "_";
        metrics.put(prefix + "seconds_per_epoch", r.secondsPerEpoch());
        metrics.put(prefix + "images_per_second", r.imagesPerSecond());
        metrics.put(prefix + "gflops", r.gflops());
        metrics.put(prefix + "plain_seconds_per_epoch", r.plain().median());
        metrics.put(prefix + "ratio_to_plain", r.ratioToPlain());
    }

    /** Adds a single metric. */
    void add(String name, double value) {
        metrics.put(name, value);
    }

    /**
     * Writes {@code summary.json} into the directory through a temporary file and an atomic move.
     *
     * @param directory the run directory
     * @param durationSeconds the run's wall time
     * @return the file written
     * @throws IOException if it cannot be written
     */
    Path write(Path directory, double durationSeconds) throws IOException {
        root.put("duration_s", durationSeconds);
        root.put("artifacts", List.of("summary.json"));
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        Files.createDirectories(directory);
        Path file = directory.resolve("summary.json");
        Path tmp = Files.createTempFile(directory, "summary.json", ".tmp");
        try {
            Files.writeString(tmp, gson.toJson(root), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }
}

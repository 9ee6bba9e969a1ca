package org.atelier.core.report;

import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;

/**
 * The {@code summary.json} of a run: what ran, where, with which settings, and what it measured.
 *
 * <p>JSON fields, in this order: {@code experiment, engine, engine_version, device, seed, smoke,
 * started} (ISO-8601 UTC), {@code duration_s, status} ({@code succeeded}, {@code failed} or
 * {@code interrupted}), {@code error} (only when failed or interrupted), {@code params} (every effective setting), {@code metrics}
 * (flat map of name to number) and {@code artifacts} (files written, relative to the run directory).
 *
 * @param experiment the experiment name
 * @param engine the DJL engine name, e.g. {@code PyTorch}
 * @param engineVersion the engine's native version, e.g. {@code 2.7.1}
 * @param device {@code cpu} or {@code gpu:N}
 * @param seed the random seed
 * @param smoke whether this was a smoke run
 * @param started when the run started
 * @param durationS the run's wall-clock duration in seconds
 * @param status whether the run finished
 * @param error the failure's message; null when the run succeeded
 * @param params every effective parameter value by name
 * @param metrics the recorded metrics by name, in recording order
 * @param artifacts the files the run wrote, sorted
 */
public record Summary(
        String experiment,
        String engine,
        String engineVersion,
        String device,
        int seed,
        boolean smoke,
        Instant started,
        double durationS,
        Status status,
        String error,
        Map<String, Object> params,
        Map<String, Double> metrics,
        List<String> artifacts) {

    /** The file inside a run directory. */
    public static final RunFile FILE = new RunFile("summary.json",
            "engine, device, seed, every effective parameter, the metrics, the files written");

    /** How a run ended. */
    public enum Status {
        /** The experiment returned normally. */
        @SerializedName("succeeded")
        SUCCEEDED,
        /** The experiment threw; {@link #error()} says why. */
        @SerializedName("failed")
        FAILED,
        /**
         * The process was stopped (SIGINT, SIGTERM) while the run was under way; the metrics hold
         * what was complete, with {@code trials_done} and {@code epochs_done}.
         */
        @SerializedName("interrupted")
        INTERRUPTED
    }

    /**
     * Canonical constructor; copies the collections so the summary is immutable.
     */
    public Summary {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    /**
     * Writes {@code summary.json} into a run directory, atomically.
     *
     * @param directory the run directory
     * @return the file's path
     */
    public Path write(RunDirectory directory) {
        return directory.json(FILE, this);
    }

    /**
     * Reads a summary.
     *
     * @param path a {@code summary.json} file, or a run directory that holds one
     * @return the summary
     * @throws AtelierException if the file is missing, unreadable or not a run summary
     */
    public static Summary read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE.name()) : path;
        if (!Files.isRegularFile(file)) {
            throw new AtelierException("no run summary at " + file + "; pass a run directory written by ./atelier run");
        }
        try {
            Summary summary = Json.GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Summary.class);
            if (summary == null || summary.experiment() == null || summary.engine() == null
                    || summary.started() == null || summary.status() == null) {
                throw new JsonParseException("experiment, engine, started or status is missing");
            }
            return summary;
        } catch (IOException | JsonParseException | DateTimeParseException e) {
            throw new AtelierException(file + " is not a valid run summary: " + e.getMessage(), e);
        }
    }
}

package org.atelier.core.trial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.atelier.core.AtelierException;
import org.atelier.core.report.AtomicFiles;

/**
 * The finished trials of a run, kept in its trials directory so that a resumed run reuses them
 * instead of training them again: each successful {@link TrialResult} is serialized as {@code
 * <id>.<hash>.trial}, where the hash is the SHA-256 of the {@link TrialSpec} (with a starting
 * {@code .params} file inside the trials directory named relative to it, since a resumed run
 * lives in another directory). A result is reused only for an equal spec, and only while the
 * {@code .params} file it kept is still there; its path then points into the current directory.
 * Failed trials are not kept: a resumed run tries them again.
 */
final class TrialCache {

    /** The file-name suffix of a kept result. */
    static final String SUFFIX = ".trial";

    private final Path directory;

    /**
     * Creates the cache of a trials directory.
     *
     * @param directory where trials save their {@code .params} files; kept results go there too
     */
    TrialCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /**
     * The kept result of an equal spec, if any.
     *
     * @param spec the trial
     * @return its result from an earlier attempt, with its {@code .params} path in this directory
     */
    Optional<TrialResult> find(TrialSpec spec) {
        Path file = fileOf(spec);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            TrialResult kept = TrialFiles.read(file, TrialResult.class);
            if (!kept.id().equals(spec.id()) || !kept.succeeded()) {
                return Optional.empty();
            }
            String params = null;
            if (kept.paramsFile() != null) {
                Path moved = directory.resolve(Path.of(kept.paramsFile()).getFileName());
                if (!Files.isRegularFile(moved)) {
                    return Optional.empty(); // its parameters are gone; train it again
                }
                params = moved.toString();
            }
            return Optional.of(new TrialResult(kept.id(), kept.history(), kept.metrics(), params, kept.seconds(), null,
                    kept.testCurve()));
        } catch (IOException | RuntimeException unreadable) {
            // A damaged or foreign file is no result: the trial runs again and the file is replaced.
            return Optional.empty();
        }
    }

    /**
     * Keeps a successful result; failed ones are ignored.
     *
     * @param spec the trial
     * @param result its result
     * @throws AtelierException if it cannot be written
     */
    void keep(TrialSpec spec, TrialResult result) {
        if (!result.succeeded()) {
            return;
        }
        // Through AtomicFiles like every run file: never half a file, and the usual permissions.
        AtomicFiles.write(fileOf(spec), out -> {
            ObjectOutputStream objects = new ObjectOutputStream(out);
            objects.writeObject(result);
            objects.flush();
        });
    }

    private Path fileOf(TrialSpec spec) {
        return directory.resolve(spec.id() + "." + hash(spec) + SUFFIX);
    }

    /** The first 16 hex digits of the SHA-256 of the spec's serialized form, location-independent. */
    String hash(TrialSpec spec) {
        TrialSpec portable = spec;
        if (spec.initialParams() != null) {
            Path start = Path.of(spec.initialParams()).toAbsolutePath().normalize();
            if (start.startsWith(directory)) {
                portable = new TrialSpec(spec.id(), spec.model(), spec.data(), spec.fit(), spec.seed(),
                        "<trials>/" + directory.relativize(start), spec.saveParams());
            }
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(portable);
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash trial spec " + spec.id(), e);
        }
    }
}

package org.atelier.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atelier.core.report.AtomicFiles;
import org.atelier.core.trial.TrialResult;

/**
 * A trial's result as it travels from an executor to the driver: the result and, when the trial
 * kept its parameters, the bytes of its {@code .params} file, which only the driver writes into
 * the run directory ({@link #landIn}).
 *
 * @param result the result; its {@code paramsFile} is the executor's temporary path
 * @param paramsName the {@code .params} file's name, or null when it kept none
 * @param params the file's content, or null
 */
record ShippedResult(TrialResult result, String paramsName, byte[] params) implements Serializable {

    /**
     * Writes the parameters, if any, into the driver's trial directory and points the result at them.
     *
     * @param directory the environment's output directory on the driver
     * @return the result as the in-process executor would have returned it
     * @throws IOException if the file cannot be written
     */
    TrialResult landIn(Path directory) throws IOException {
        if (params == null) {
            return result;
        }
        Files.createDirectories(directory);
        Path file = AtomicFiles.write(directory.resolve(paramsName), out -> out.write(params));
        TrialResult r = result;
        return new TrialResult(r.id(), r.history(), r.metrics(), file.toAbsolutePath().toString(), r.seconds(),
                r.error(), r.testCurve());
    }
}

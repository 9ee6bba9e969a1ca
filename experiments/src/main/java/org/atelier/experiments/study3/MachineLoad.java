package org.atelier.experiments.study3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How busy the machine was when times were taken: the one-minute load average (Linux's {@code
 * /proc/loadavg}) against the cores, so that a reader can tell a measured time from a quiet
 * machine's.
 */
final class MachineLoad {

    private MachineLoad() {}

    /** The one-minute load average, if the system reports one. */
    static OptionalDouble oneMinute() {
        try {
            String text = Files.readString(Path.of("/proc/loadavg")).trim();
            return OptionalDouble.of(Double.parseDouble(text.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** A sentence on the load, e.g. "The 1-minute load average was 12.3 on 2 cores: …". */
    static String sentence() {
        int cores = Runtime.getRuntime().availableProcessors();
        OptionalDouble load = oneMinute();
        if (load.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, " The 1-minute load average was %.1f on %d cores when the times were taken%s",
                load.getAsDouble(), cores, load.getAsDouble() > 1.5 * cores
                        ? ": the machine was shared, so times are several times those of a quiet machine; compare "
                                + "ratios within this run, not absolute times." : ".");
    }
}

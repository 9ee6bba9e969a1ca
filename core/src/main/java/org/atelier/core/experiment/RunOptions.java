package org.atelier.core.experiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atelier.core.engine.Backend;
import org.atelier.core.trial.TrialExecutors;

/**
 * How to run an experiment: what {@code ./atelier run} options set. Build with {@link #builder()};
 * everything is optional.
 *
 * @param engine the DJL engine name; default {@code PyTorch}
 * @param device {@code cpu}, {@code gpu} or {@code gpu:N}; default {@code cpu}
 * @param seed the random seed; default {@value #DEFAULT_SEED}
 * @param smoke whether to use smoke defaults (a tiny slice, one or two epochs)
 * @param overrides {@code --set} values by parameter name
 * @param out the run directory; null for a fresh {@code runsRoot/NAME/<yyyyMMdd-HHmmss>}
 * @param force whether {@code out} may already hold a run, replaced once the new run succeeds
 * @param resume whether to continue the failed or interrupted run {@code out} holds ({@code
 *     --resume}): its finished trials are reused, a training under way continues after the last epoch it backed up
 * @param dataDir the data directory ({@code --data-dir}); null to resolve it by the usual rules
 * @param runsRoot where default run directories go; default {@code runs} in the working directory
 * @param progress where progress lines go; default {@code System.err}
 * @param executor where independent trials run ({@code --executor}): {@code local} (default: one
 *     after another in this JVM), {@code jvm} (child JVMs), {@code auto} (what {@code ./atelier run}
 *     uses: {@code jvm} with one worker per core for a full run, {@link TrialExecutors#choose}) or one a
 *     plugin offers ({@code TrialExecutors})
 * @param parallel how many trials run at once ({@code --parallel}); null (default) for the executor's
 *     default: 1, or one per core for {@code auto}
 * @param master the cluster the trials go to ({@code --master URL}, with {@code --executor spark});
 *     null (default) for none
 */
public record RunOptions(String engine, String device, int seed, boolean smoke, Map<String, String> overrides,
        Path out, boolean force, boolean resume, Path dataDir, Path runsRoot, PrintStream progress, String executor, Integer parallel,
        String master) {

    /** The seed used when none is given. */
    public static final int DEFAULT_SEED = 42;

    /** Where run directories go when none is given: {@code runs} in the working directory. */
    public static final Path DEFAULT_RUNS_ROOT = Path.of("runs");

    /** Canonical constructor; copies the overrides. */
    public RunOptions {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** A builder with every option at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RunOptions}. */
    public static final class Builder {
        private String engine = Backend.DEFAULT_ENGINE;
        private String device = "cpu";
        private int seed = DEFAULT_SEED;
        private boolean smoke;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Path out;
        private boolean force;
        private boolean resume;
        private Path dataDir;
        private Path runsRoot = DEFAULT_RUNS_ROOT;
        private PrintStream progress = System.err;
        private String executor = TrialExecutors.DEFAULT;
        private Integer parallel;
        private String master;

        private Builder() {}

        /** Sets the engine name, e.g. {@code MXNet}. */
        public Builder optEngine(String engine) {
            this.engine = engine;
            return this;
        }

        /** Sets the device: {@code cpu}, {@code gpu} or {@code gpu:N}. */
        public Builder optDevice(String device) {
            this.device = device;
            return this;
        }

        /** Sets the random seed. */
        public Builder optSeed(int seed) {
            this.seed = seed;
            return this;
        }

        /** Sets whether smoke defaults apply. */
        public Builder optSmoke(boolean smoke) {
            this.smoke = smoke;
            return this;
        }

        /** Adds one {@code --set key=value} override; a later one for the same key wins. */
        public Builder optSet(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Adds {@code --set} overrides. */
        public Builder optSet(Map<String, String> values) {
            overrides.putAll(values);
            return this;
        }

        /** Sets the run directory ({@code --out}). */
        public Builder optOut(Path out) {
            this.out = out;
            return this;
        }

        /** Sets whether {@code --out} may already hold a run ({@code --force}). */
        public Builder optForce(boolean force) {
            this.force = force;
            return this;
        }

        /** Sets whether to continue the failed or interrupted run in {@code --out} ({@code --resume}). */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Sets the data directory ({@code --data-dir}). */
        public Builder optDataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Sets where default run directories are created. */
        public Builder optRunsRoot(Path runsRoot) {
            this.runsRoot = runsRoot;
            return this;
        }

        /** Sets where progress lines go. */
        public Builder optProgress(PrintStream progress) {
            this.progress = progress;
            return this;
        }

        /** Sets where independent trials run: {@code local}, {@code jvm}, or a plugin's executor. */
        public Builder optExecutor(String executor) {
            this.executor = executor;
            return this;
        }

        /** Sets the cluster the trials go to ({@code --master URL}), or null for none. */
        public Builder optMaster(String master) {
            this.master = master;
            return this;
        }

        /**
         * Sets how many trials run at once (with an executor that runs them side by side), or null
         * for the executor's default.
         */
        public Builder optParallel(Integer parallel) {
            this.parallel = parallel;
            return this;
        }

        /** The options. */
        public RunOptions build() {
            return new RunOptions(engine, device, seed, smoke, overrides, out, force, resume, dataDir, runsRoot, progress,
                    executor, parallel, master);
        }
    }
}

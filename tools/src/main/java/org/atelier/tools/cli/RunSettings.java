package org.atelier.tools.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.atelier.core.experiment.RunOptions;
import org.atelier.core.report.StagedRun;
import org.atelier.core.trial.TrialExecutors;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code compare-engines} share (a picocli mixin). */
final class RunSettings {

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu[:N]",
            description = "Where to compute (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--seed", defaultValue = "" + RunOptions.DEFAULT_SEED, paramLabel = "N",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a parameter (repeatable, each key once); `atelier describe NAME` lists them.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--smoke", description = "Same code path on a tiny slice, in seconds: the parameters' smoke defaults.")
    boolean smoke;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory (default: runs/NAME/<yyyyMMdd-HHmmss> in the working directory).")
    Path out;

    @Option(names = "--force",
            description = "Replace the run an --out directory holds (or add to a directory that holds other files),"
                    + " once the new run succeeds; a failed or interrupted attempt is kept beside it as DIR.failed-<time>.")
    boolean force;

    @Option(names = "--resume",
            description = "Continue the failed or interrupted run in --out DIR: its finished trials are reused, and a"
                    + " training under way continues after the last epoch it backed up.")
    boolean resume;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $ATELIER_DATA, else data/ in the working directory if it exists, else ~/.atelier/data).")
    Path dataDir;

    @Option(names = "--executor", defaultValue = TrialExecutors.AUTO, paramLabel = "auto|local|jvm|spark",
            description = "Where an experiment's independent trials (seeds, sweep points) run: local = one after another"
                    + " in this JVM, jvm = in child JVMs, --parallel at once, spark = on Apache Spark, embedded"
                    + " (--parallel executor JVMs on this machine) or on the cluster of --master, auto = jvm with one"
                    + " worker per core (at most " + TrialExecutors.AUTO_MAX_WORKERS + ") for a full run on the CPU,"
                    + " local for --smoke, on a GPU or on one core (default: ${DEFAULT-VALUE}).")
    String executor;

    @Option(names = "--master", paramLabel = "URL",
            description = "The Spark cluster the trials go to with --executor spark, e.g. spark://host:7077"
                    + " (default: Spark embedded in this run, nothing to install).")
    String master;

    @Option(names = "--parallel", paramLabel = "N",
            description = "How many trials run at once with --executor auto, jvm or spark; each child JVM gets cores/N"
                    + " threads (default: one per core with auto, else 1).")
    Integer parallel;

    /**
     * The {@code --set} values by key, in the order given.
     *
     * @return the overrides
     * @throws AtelierException for a value without {@code =} or a key given twice (which would
     *     otherwise silently keep the last value)
     */
    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String set : sets) {
            int equals = set.indexOf('=');
            if (equals <= 0) {
                throw new AtelierException("--set " + set + " is not KEY=VALUE; write e.g. --set epochs=5"
                        + " (atelier describe NAME lists the keys)");
            }
            String key = set.substring(0, equals).strip();
            String value = set.substring(equals + 1);
            String earlier = overrides.put(key, value);
            if (earlier != null) {
                throw new AtelierException("--set " + key + " is given twice (" + key + "=" + earlier + ", then "
                        + key + "=" + value + "); give each parameter once");
            }
        }
        return overrides;
    }

    /** What the user asked to do with {@code --out}. */
    StagedRun.Mode outMode() {
        if (resume && force) {
            throw new AtelierException("--resume continues a run and --force replaces it; give one of them");
        }
        return resume ? StagedRun.Mode.RESUME : force ? StagedRun.Mode.FORCE : StagedRun.Mode.NEW;
    }

    /** Run options with these settings; the caller adds the engine and, if it chooses, the output directory. */
    RunOptions.Builder options() {
        return RunOptions.builder().optDevice(device).optSeed(seed).optSet(overrides()).optSmoke(smoke)
                .optOut(out).optForce(force).optResume(resume).optDataDir(dataDir).optExecutor(executor).optParallel(parallel)
                .optMaster(master);
    }

    /**
     * These settings as {@code run} arguments for a child process whose {@code --out} is new, so
     * without {@code --out}, {@code --force} and {@code --resume}.
     */
    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--device", device, "--seed", String.valueOf(seed),
                "--executor", executor));
        if (parallel != null) {
            args.addAll(List.of("--parallel", String.valueOf(parallel)));
        }
        if (master != null) {
            args.addAll(List.of("--master", master));
        }
        overrides().forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        if (smoke) {
            args.add("--smoke");
        }

        if (dataDir != null) {
            // Absolute, so the child resolves it no matter where it runs.
            args.addAll(List.of("--data-dir", dataDir.toAbsolutePath().toString()));
        }
        return args;
    }
}

package org.atelier.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.atelier.core.AtelierException;
import org.atelier.core.trial.ChildJvmTrialExecutor;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialExecutor;
import org.atelier.core.trial.TrialProgress;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;

/**
 * Runs trials on Apache Spark ({@code --executor spark [--master URL]}): each trial is one Spark
 * job of one task, which runs {@link Trials#run} in an executor JVM and sends the result back; the
 * driver (this JVM) alone writes the run directory, including the {@code .params} files whose
 * bytes come back with the results.
 *
 * <p>Where: with a master ({@code spark://host:7077}, or {@code spark.master} set by {@code
 * spark-submit}) on that cluster, at most {@code parallel} trials at once when {@code parallel} is
 * above 1 ({@code spark.cores.max}); without one, embedded: Spark's {@code
 * local-cluster[parallel,1,MB]}, a master and workers inside this JVM that start {@code parallel}
 * executor JVMs on this machine. Not {@code local[N]}, where tasks are threads of the driver: the
 * engine's random generator is one per process (DJL seeds it with {@code Engine.setRandomSeed}), so
 * two trials training in one JVM at once would draw from each other's stream and lose their
 * numbers. For the same reason each executor runs one task at a time ({@code spark.executor.cores=1}).
 *
 * <p>Faults: a trial whose result is a failure is thrown on the executor ({@link
 * TrialFailedException}), so Spark retries it like a task that threw or whose executor died, up to
 * {@code spark.task.maxFailures} attempts (4 by default); a trial that still fails is a failed
 * result with its error, and since every trial is its own job the others finish.
 *
 * <p>Settings: every {@code spark.*} system property reaches the {@link SparkConf} ({@code
 * -Dspark.executor.memory=4g} in {@code ATELIER_JAVA_OPTS}); the defaults set here apply only where
 * none is given. The executors get the driver's thread settings like {@link
 * ChildJvmTrialExecutor}'s workers do. The Spark context starts at the first {@link #run} and stops
 * at {@link #close()}.
 */
public final class SparkTrialExecutor implements TrialExecutor {

    /** The name {@code --executor} knows it by. */
    public static final String NAME = "spark";

    /**
     * The system property that, set to {@code true}, makes executors on a cluster load Atelier from
     * the driver's class-path entries by path ({@code spark.executor.extraClassPath}) instead of
     * receiving its jars from the driver ({@code spark.jars}): for clusters that mount Atelier at
     * the same path on every machine. The embedded cluster always does so.
     */
    public static final String SHARED_CLASS_PATH = "atelier.spark.sharedClassPath";

    /**
     * Spark's loggers that say nothing the progress lines do not (a failed attempt's stack trace:
     * the trial's line says why it failed), quieted unless the user sets their level.
     */
    private static final List<String> QUIET_LOGGERS = List.of("org.apache.spark.util.Utils",
            "org.apache.hadoop.util.NativeCodeLoader", "org.apache.spark.scheduler.TaskSetManager");

    /** Executor memory (and embedded worker memory) where {@code spark.executor.memory} is not set. */
    static final String DEFAULT_EXECUTOR_MEMORY = "2g";

    private static final Pattern ATTEMPTS = Pattern.compile("failed (\\d+) times?");
    private static final Pattern LAST_FAILURE = Pattern.compile("most recent failure: (?:Lost task [^:]*: )?(.*)");

    private final int parallel;
    private final String master;
    private JavaSparkContext spark;

    /**
     * Creates the executor; Spark starts at the first {@link #run}.
     *
     * @param parallel how many trials run at once: executor JVMs when embedded, a cap on the
     *     cluster's cores when above 1 with a master
     * @param master the cluster's master URL, or null for the embedded cluster (or spark-submit's master)
     */
    public SparkTrialExecutor(int parallel, String master) {
        if (parallel < 1) {
            throw new AtelierException("--parallel must be at least 1, got " + parallel);
        }
        if (master != null && master.isBlank()) {
            throw new AtelierException("--master is empty; give the cluster's URL, e.g. --master spark://host:7077,"
                    + " or leave it out to run Spark embedded");
        }
        if (master != null && (master.equals("local") || master.startsWith("local["))) {
            throw new AtelierException("--master " + master + " runs trials as threads of one JVM, whose engine has one"
                    + " random generator, so trials running at once would change each other's numbers; leave --master"
                    + " out to run Spark embedded with --parallel executor JVMs");
        }
        this.parallel = parallel;
        this.master = master;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int parallel() {
        return parallel;
    }

    @Override
    public List<TrialResult> run(List<TrialSpec> trials, TrialEnvironment environment, TrialProgress progress) {
        Trials.requireUniqueIds(trials);
        if (trials.isEmpty()) {
            return List.of();
        }
        JavaSparkContext sc = context();
        List<JavaFutureAction<List<ShippedResult>>> jobs = new ArrayList<>();
        List<Long> submitted = new ArrayList<>();
        for (TrialSpec spec : trials) {
            TrialTask task = TrialTask.of(spec, environment);
            sc.setJobDescription("trial " + spec.id());
            submitted.add(System.nanoTime());
            jobs.add(sc.parallelize(List.of(task), 1).map(TrialTask::run).collectAsync());
        }
        TrialResult[] results = new TrialResult[trials.size()];
        ExecutorService waiters = Executors.newFixedThreadPool(Math.min(trials.size(), 64), r -> {
            Thread thread = new Thread(r, "atelier-spark-trial-result");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> waits = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                int index = i;
                waits.add(waiters.submit(() -> {
                    results[index] = await(trials.get(index).id(), jobs.get(index), submitted.get(index), environment);
                    progress.finished(results[index]);
                    return null;
                }));
            }
            for (Future<?> wait : waits) {
                wait.get();
            }
        } catch (InterruptedException e) {
            sc.cancelAllJobs();
            Thread.currentThread().interrupt();
            throw new AtelierException("the trials were interrupted; their Spark jobs were cancelled", e);
        } catch (ExecutionException e) {
            sc.cancelAllJobs();
            throw new IllegalStateException("waiting for a Spark trial failed: " + e.getCause(), e.getCause());
        } finally {
            waiters.shutdownNow();
        }
        return List.of(results);
    }

    /** The result of one trial's job: landed in the run's directory, or failed with Spark's last error. */
    private static TrialResult await(String id, JavaFutureAction<List<ShippedResult>> job, long submitted,
            TrialEnvironment environment) throws InterruptedException {
        try {
            return job.get().get(0).landIn(environment.outputDir());
        } catch (ExecutionException e) {
            return TrialResult.failed(id, failure(e.getCause()), (System.nanoTime() - submitted) / 1e9);
        } catch (IOException e) {
            return TrialResult.failed(id, "its parameters could not be written to " + environment.outputDir() + ": "
                    + e.getMessage(), (System.nanoTime() - submitted) / 1e9);
        }
    }

    /**
     * The one line a failed trial's job is recorded with: the trial's own error (or the executor's
     * loss) and how many attempts Spark made.
     *
     * @param failure what the job failed with, e.g. Spark's "Job aborted due to stage failure"
     * @return the line
     */
    static String failure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TrialFailedException) {
                return t.getMessage() + attempts(failure);
            }
        }
        String message = String.valueOf(failure.getMessage());
        Matcher last = LAST_FAILURE.matcher(message);
        String line = last.find() ? last.group(1) : message.lines().findFirst().orElse(message);
        String prefix = TrialFailedException.class.getName() + ": ";
        return (line.startsWith(prefix) ? line.substring(prefix.length()) : line).strip() + attempts(failure);
    }

    private static String attempts(Throwable failure) {
        Matcher count = ATTEMPTS.matcher(String.valueOf(failure.getMessage()));
        return count.find() ? String.format(Locale.ROOT, " (Spark tried it %s times)", count.group(1)) : "";
    }

    /** The Spark context, started on first use. */
    private synchronized JavaSparkContext context() {
        if (spark == null) {
            for (String logger : QUIET_LOGGERS) {
                // slf4j-simple reads a logger's level when the logger is made, after this
                String key = "org.slf4j.simpleLogger.log." + logger;
                if (System.getProperty(key) == null) {
                    System.setProperty(key, "error");
                }
            }
            spark = new JavaSparkContext(configuration());
        }
        return spark;
    }

    /**
     * The configuration: spark.* system properties first, then the master and Atelier's defaults.
     *
     * @return the configuration
     * @throws AtelierException when Spark must run embedded but {@code SPARK_HOME} holds no Spark jars
     */
    SparkConf configuration() {
        SparkConf conf = new SparkConf();
        conf.setIfMissing("spark.app.name", "atelier");
        conf.setIfMissing("spark.executor.memory", DEFAULT_EXECUTOR_MEMORY);
        // One trial per executor JVM at a time: the engine's random generator is per process.
        conf.setIfMissing("spark.executor.cores", "1");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        Path sparkHome = sparkHome();
        if (master != null) {
            conf.setMaster(master);
            if (parallel > 1) {
                conf.setIfMissing("spark.cores.max", String.valueOf(parallel));
            }
            if (master.contains("://127.0.0.1:") || master.contains("://localhost:")) {
                conf.setIfMissing("spark.driver.host", "127.0.0.1");
            }
        } else if (!conf.contains("spark.master")) {
            requireSparkHome(sparkHome);
            long megabytes = conf.getSizeAsMb("spark.executor.memory");
            conf.setMaster(String.format(Locale.ROOT, "local-cluster[%d,1,%d]", parallel, megabytes));
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        boolean embedded = conf.get("spark.master").startsWith("local");
        if (embedded || Boolean.getBoolean(SHARED_CLASS_PATH)) {
            conf.set("spark.executor.extraClassPath", joined(conf.get("spark.executor.extraClassPath", ""),
                    ExecutorJars.atelierClassPath(sparkJarNames(sparkHome)).stream().map(Path::toString), ":"));
        } else {
            conf.set("spark.jars", joined(conf.get("spark.jars", ""), ExecutorJars.toShip(sparkJarNames(sparkHome)).stream(),
                    ","));
        }
        threadSettings(conf);
        return conf;
    }

    /** What the user gave first, then Atelier's entries. */
    private static String joined(String given, Stream<String> atelier, String separator) {
        return Stream.concat(Stream.of(given).filter(s -> !s.isBlank()), atelier).collect(Collectors.joining(separator));
    }

    /**
     * The executors compute with the driver's thread settings when it sets any (as {@link
     * ChildJvmTrialExecutor}'s workers do), so that a trial's numbers are those it gets in process;
     * otherwise embedded executors share the cores.
     */
    private void threadSettings(SparkConf conf) {
        List<String> options = new ArrayList<>();
        if (ChildJvmTrialExecutor.threadsPinned()) {
            for (String property : ChildJvmTrialExecutor.PYTORCH_PROPERTIES) {
                String value = System.getProperty(property);
                if (value != null) {
                    options.add("-D" + property + "=" + value);
                }
            }
            for (String variable : ChildJvmTrialExecutor.NATIVE_THREAD_VARIABLES) {
                String value = System.getenv(variable);
                if (value != null) {
                    conf.setIfMissing("spark.executorEnv." + variable, value);
                }
            }
        } else if (master == null && parallel > 1) {
            String threads = String.valueOf(ChildJvmTrialExecutor.threadsPerWorker(parallel));
            ChildJvmTrialExecutor.PYTORCH_PROPERTIES.forEach(p -> options.add("-D" + p + "=" + threads));
            ChildJvmTrialExecutor.NATIVE_THREAD_VARIABLES.forEach(v -> conf.setIfMissing("spark.executorEnv." + v, threads));
        }
        if (!options.isEmpty()) {
            String given = conf.get("spark.executor.extraJavaOptions", "");
            conf.set("spark.executor.extraJavaOptions", (given + " " + String.join(" ", options)).strip());
        }
    }

    /** {@code $SPARK_HOME}, or null when it is not set. */
    static Path sparkHome() {
        String home = System.getenv("SPARK_HOME");
        return home == null || home.isBlank() ? null : Path.of(home).toAbsolutePath().normalize();
    }

    private static void requireSparkHome(Path sparkHome) {
        if (sparkHome == null || !Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new AtelierException("--executor spark without --master runs Spark embedded, which starts its"
                    + " executor JVMs from $SPARK_HOME/jars, but SPARK_HOME is "
                    + (sparkHome == null ? "not set" : sparkHome + ", which has no jars/ folder")
                    + "; run through ./atelier (which sets it to tools/spark/target/spark-home) or set SPARK_HOME to a"
                    + " Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " installation");
        }
    }

    /** The file names of Spark's jars, which the executors have and the driver need not ship. */
    private static Set<String> sparkJarNames(Path sparkHome) {
        if (sparkHome == null || !Files.isDirectory(sparkHome.resolve("jars"))) {
            return Set.of();
        }
        try (Stream<Path> jars = Files.list(sparkHome.resolve("jars"))) {
            return jars.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Stops the Spark context, if it started: the embedded cluster's executors end with it. */
    @Override
    public synchronized void close() {
        if (spark != null) {
            String application = spark.sc().applicationId();
            boolean embedded = spark.master().startsWith("local-cluster");
            spark.stop();
            spark = null;
            Path sparkHome = sparkHome();
            if (embedded && sparkHome != null) {
                // The embedded workers keep each executor's stdout and stderr in $SPARK_HOME/work/APP.
                Folders.deleteQuietly(sparkHome.resolve("work").resolve(application));
            }
        }
    }
}

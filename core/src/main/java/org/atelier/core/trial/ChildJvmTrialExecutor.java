package org.atelier.core.trial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.atelier.core.AtelierException;

/**
 * Runs trials in child JVMs, up to {@code parallel} at once ({@code --executor jvm --parallel N}).
 *
 * <p>Each child is a {@link TrialWorker} started with this JVM's java binary, options and class
 * path ({@link JvmCommand}); it loads the engine and caches the data once and then runs trial after
 * trial, so the start-up cost (a JVM and an engine, one to two seconds) is paid once per worker,
 * not per trial. A work queue hands the next trial to whichever worker is free. Specs and results
 * travel as files in a private temporary directory ({@link TrialFiles}); the results come back in
 * spec order. A worker that dies marks its trial failed with its exit code and the end of its
 * output; a fresh worker takes the next trial.
 *
 * <p>Threads: with {@code parallel} above 1, each worker gets {@code max(1, cores / parallel)}
 * intra-op threads, so that N workers do not oversubscribe the machine: the system properties
 * {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} (read by DJL's
 * PyTorch engine when it starts) and the environment variables {@code OMP_NUM_THREADS} and {@code
 * MKL_NUM_THREADS} (read by MXNet's OpenMP and MKL, and by libtorch's). With {@code parallel} 1,
 * or when this JVM sets any of the four itself, the worker gets this JVM's settings unchanged.
 * This matters for the numbers, not only the speed: PyTorch's CPU kernels (MKL's GEMM) may sum in
 * a thread-dependent order, so a trial is bit-identical in process and in a worker when both
 * compute with the same threads, and may differ in the last bits otherwise. Pin the threads
 * ({@code OMP_NUM_THREADS=1}, or {@code -Dai.djl.pytorch.num_threads=1}) to get the same bits for
 * every {@code parallel}; pinning also keeps a PyTorch trial's numbers from depending on whether
 * MXNet (whose MKL and OpenMP change the threading of PyTorch's) was loaded into the same JVM.
 */
public final class ChildJvmTrialExecutor implements TrialExecutor {

    /** The name {@code --executor} knows it by. */
    public static final String NAME = "jvm";

    /** DJL PyTorch's intra-op and inter-op thread counts, read when the engine starts. */
    public static final List<String> PYTORCH_PROPERTIES = List.of("ai.djl.pytorch.num_threads",
            "ai.djl.pytorch.num_interop_threads");
    /** The OpenMP and MKL thread counts, read when the native libraries load. */
    public static final List<String> NATIVE_THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS");

    private final int parallel;

    /**
     * Creates the executor.
     *
     * @param parallel how many worker JVMs run at once, at least 1
     * @throws AtelierException if {@code parallel} is below 1
     */
    public ChildJvmTrialExecutor(int parallel) {
        if (parallel < 1) {
            throw new AtelierException("--parallel must be at least 1, got " + parallel);
        }
        this.parallel = parallel;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int parallel() {
        return parallel;
    }

    /**
     * The intra-op threads each of {@code parallel} workers gets on this machine.
     *
     * @param parallel the number of workers
     * @return {@code max(1, cores / parallel)}
     */
    public static int threadsPerWorker(int parallel) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    }

    /**
     * The command line of one worker: this JVM's, running {@link TrialWorker}, with the threads
     * divided among the workers unless there is one worker or this JVM pins them.
     *
     * @param exchange the directory specs and results are exchanged through
     * @param environment the trials' environment
     * @return the command
     */
    JvmCommand workerCommand(Path exchange, TrialEnvironment environment) {
        return workerCommand(exchange, environment, threadsPinned());
    }

    /**
     * The command line of one worker, given whether this JVM pins its threads.
     *
     * @param exchange the directory specs and results are exchanged through
     * @param environment the trials' environment
     * @param pinned whether this JVM sets a thread count itself
     * @return the command
     */
    JvmCommand workerCommand(Path exchange, TrialEnvironment environment, boolean pinned) {
        List<String> args = new ArrayList<>(List.of(exchange.toString()));
        args.addAll(environment.toArguments());
        JvmCommand command = JvmCommand.of(TrialWorker.class.getName(), args);
        if (parallel == 1 || pinned) {
            // This JVM's settings, including properties set after it started, which are not among its options.
            for (String property : PYTORCH_PROPERTIES) {
                String value = System.getProperty(property);
                command = value == null ? command : command.withSystemProperty(property, value);
            }
            return command;
        }
        String threads = String.valueOf(threadsPerWorker(parallel));
        for (String property : PYTORCH_PROPERTIES) {
            command = command.withSystemProperty(property, threads);
        }
        for (String variable : NATIVE_THREAD_VARIABLES) {
            command = command.withEnvironment(variable, threads);
        }
        return command;
    }

    /** Whether this JVM sets a thread count itself, which workers then inherit unchanged. */
    public static boolean threadsPinned() {
        return PYTORCH_PROPERTIES.stream().anyMatch(p -> System.getProperty(p) != null)
                || NATIVE_THREAD_VARIABLES.stream().anyMatch(v -> System.getenv(v) != null);
    }

    @Override
    public List<TrialResult> run(List<TrialSpec> trials, TrialEnvironment environment, TrialProgress progress) {
        Trials.requireUniqueIds(trials);
        if (trials.isEmpty()) {
            return List.of();
        }
        Path exchange = createExchange(trials);
        try {
            return new Batch(trials, workerCommand(exchange, environment), exchange, progress).run();
        } finally {
            deleteQuietly(exchange);
        }
    }

    private static Path createExchange(List<TrialSpec> trials) {
        try {
            Path exchange = Files.createTempDirectory("atelier-trials-");
            for (int i = 0; i < trials.size(); i++) {
                TrialFiles.write(TrialWorker.specFile(exchange, i), trials.get(i));
            }
            return exchange;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trial specs to a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** One call of {@link #run}: the queue, the results, and the workers that drain the queue. */
    private final class Batch {
        private final List<TrialSpec> trials;
        private final JvmCommand command;
        private final Path exchange;
        private final TrialProgress progress;
        private final TrialResult[] results;
        private final AtomicInteger next = new AtomicInteger();
        private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();

        Batch(List<TrialSpec> trials, JvmCommand command, Path exchange, TrialProgress progress) {
            this.trials = trials;
            this.command = command;
            this.exchange = exchange;
            this.progress = progress;
            this.results = new TrialResult[trials.size()];
        }

        List<TrialResult> run() {
            int workers = Math.min(parallel, trials.size());
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread thread = new Thread(r, "atelier-trial-worker-feed");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> feeds = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    feeds.add(pool.submit(this::drain));
                }
                for (Future<?> feed : feeds) {
                    feed.get();
                }
            } catch (InterruptedException e) {
                live.forEach(WorkerProcess::kill);
                Thread.currentThread().interrupt();
                throw new AtelierException("the trials were interrupted; their worker JVMs were stopped", e);
            } catch (ExecutionException e) {
                live.forEach(WorkerProcess::kill);
                throw new IllegalStateException("a trial feed failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            return List.of(results);
        }

        /** Takes trials off the queue until it is empty, through one worker at a time. */
        private void drain() {
            try (Feed feed = new Feed()) {
                // An interrupted run stops taking trials; its workers are being killed.
                for (int i = next.getAndIncrement(); i < trials.size() && !Thread.currentThread().isInterrupted();
                        i = next.getAndIncrement()) {
                    results[i] = feed.run(i);
                    progress.finished(results[i]);
                }
            }
        }

        /** A worker JVM, started when first needed and replaced after a crash. */
        private final class Feed implements AutoCloseable {
            private WorkerProcess worker;

            /** Runs trial {@code i}; a crash or a protocol error fails the trial and retires the worker. */
            TrialResult run(int i) {
                long start = System.nanoTime();
                try {
                    if (worker == null) {
                        worker = WorkerProcess.start(command);
                        live.add(worker);
                    }
                    if (worker.run(i)) {
                        return TrialFiles.read(TrialWorker.resultFile(exchange, i), TrialResult.class);
                    }
                    TrialResult crashed = TrialResult.failed(trials.get(i).id(), worker.crashReport(), seconds(start));
                    close();
                    return crashed;
                } catch (IOException | RuntimeException e) {
                    // the worker's state is unknown; the next trial gets a fresh one
                    close();
                    return TrialResult.failed(trials.get(i).id(), "the worker JVM could not run this trial: "
                            + Trials.describe(e), seconds(start));
                }
            }

            /** Stops the worker, if there is one. */
            @Override
            public void close() {
                if (worker != null) {
                    live.remove(worker);
                    worker.close();
                    worker = null;
                }
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

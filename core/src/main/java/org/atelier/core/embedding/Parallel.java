package org.atelier.core.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loops over fixed chunks of an index range on a few threads. The chunks do not depend on the
 * number of threads, and sums are added chunk by chunk in chunk order, so results are bit for bit
 * the same with one thread or many.
 */
final class Parallel implements AutoCloseable {

    /** The body of a loop over one chunk {@code [from, to)}. */
    @FunctionalInterface
    interface Chunk {
        void run(int from, int to);
    }

    /** A loop body over one chunk that returns its partial sum. */
    @FunctionalInterface
    interface ChunkSum {
        double run(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "atelier-embedding");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code body} over {@code [0, n)} in chunks of {@code chunkSize}. */
    void forEach(int n, int chunkSize, Chunk body) {
        sum(n, chunkSize, (from, to) -> {
            body.run(from, to);
            return 0;
        });
    }

    /** Runs {@code body} over {@code [0, n)} in chunks of {@code chunkSize} and adds their sums in chunk order. */
    double sum(int n, int chunkSize, ChunkSum body) {
        int chunks = (n + chunkSize - 1) / chunkSize;
        double[] partial = new double[chunks];
        if (pool == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                partial[c] = body.run(c * chunkSize, Math.min(n, (c + 1) * chunkSize));
            }
        } else {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                        partial[c] = body.run(c * chunkSize, Math.min(n, (c + 1) * chunkSize));
                    }
                }));
            }
            await(workers);
        }
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    private static void await(List<Future<?>> workers) {
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

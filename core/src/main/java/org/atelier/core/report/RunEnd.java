package org.atelier.core.report;

/**
 * Who ends a run: its own thread when the work returns, or a JVM shutdown hook when the process is
 * stopped (SIGINT, SIGTERM) while the work is under way. Exactly one of them records the end; the
 * other stands aside.
 *
 * <p>Use: {@code RunEnd end = RunEnd.watch(this::recordInterruption);} before the work, then
 * {@code end.claim()} after it and before writing the final summary. If the hook came first,
 * {@link #claim} never returns: the JVM halts as soon as the hook has recorded the interruption.
 */
public final class RunEnd {

    private final Thread hook;
    private boolean ended;

    private RunEnd(Runnable onInterruption) {
        this.hook = new Thread(() -> {
            if (take()) {
                onInterruption.run();
            }
        }, "atelier-interrupted-run");
    }

    /**
     * Starts watching for the process being stopped.
     *
     * @param onInterruption records the interrupted run (writes its summary, moves it into place,
     *     prints one line); runs in the shutdown hook, while the run's own thread may still work
     * @return the watch, to {@link #claim} when the work returns
     */
    public static RunEnd watch(Runnable onInterruption) {
        RunEnd end = new RunEnd(onInterruption);
        Runtime.getRuntime().addShutdownHook(end.hook);
        return end;
    }

    /**
     * Ends the run from its own thread and stops watching. If the process is being stopped and the
     * hook took the end first, waits for the JVM to halt instead of returning.
     */
    public void claim() {
        if (!take()) {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook has started meanwhile; it finds the end taken and does nothing.
        }
    }

    private synchronized boolean take() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }
}

package org.atelier.core.trial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * One {@link TrialWorker} child JVM, seen from the parent: sends it trials one at a time, waits
 * for its answer, and keeps the end of its other output (stderr and stray stdout) to explain a
 * crash.
 */
final class WorkerProcess implements AutoCloseable {

    private static final int TAIL_LINES = 8;
    private static final long EXIT_WAIT_SECONDS = 10;

    private final Process process;
    private final Writer requests;
    private final BufferedReader answers;
    private final Thread stderrReader;
    private final Deque<String> tail = new ArrayDeque<>();

    private WorkerProcess(Process process) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderrReader = new Thread(() -> keepTail(process.getErrorStream()), "atelier-trial-worker-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    /** Starts a worker. */
    static WorkerProcess start(JvmCommand command) throws IOException {
        return new WorkerProcess(command.processBuilder().start());
    }

    /**
     * Has the worker run trial {@code index}, whose spec is in the exchange directory.
     *
     * @param index the trial's index
     * @return true when the worker answered that the result is written, false when it died first
     */
    boolean run(int index) {
        try {
            requests.write("run " + index + "\n");
            requests.flush();
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.equals(TrialWorker.ANSWER + "done " + index)) {
                    return true;
                }
                remember(line);
            }
        } catch (IOException e) {
            // a closed pipe: the worker is gone, which the caller learns from the false below
        }
        return false;
    }

    /** Why the worker died: its exit code and the end of its output, on one line. */
    String crashReport() {
        String exit;
        try {
            exit = process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS) ? "exited with code " + process.exitValue()
                    : "stopped answering";
            stderrReader.join(TimeUnit.SECONDS.toMillis(EXIT_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "was interrupted";
        }
        synchronized (tail) {
            return "the worker JVM " + exit + " while running this trial"
                    + (tail.isEmpty() ? "" : "; its last output: " + String.join(" | ", tail));
        }
    }

    private void keepTail(InputStream stderr) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                remember(line);
            }
        } catch (IOException e) {
            // the stream closes with the process; what was read is kept
        }
    }

    private void remember(String line) {
        if (line.isBlank()) {
            return;
        }
        synchronized (tail) {
            tail.addLast(line.strip());
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    /** Stops the worker: asks it to exit, and kills it if it has not after a few seconds. */
    @Override
    public void close() {
        try {
            requests.write("exit\n");
            requests.flush();
            requests.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the worker at once (the run was interrupted). */
    void kill() {
        process.destroyForcibly();
    }
}

package org.atelier.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.atelier.core.trial.JvmCommand;

/** The CLI in a child JVM, sent a signal when a line of its stderr says so: how tests interrupt or kill a run. */
final class SignalledRun {

    private SignalledRun() {}

    /**
     * Starts {@code atelier ARGUMENTS} in a child JVM, sends it {@code signal} at the first stderr
     * line that matches, reads stderr to its end and checks the exit status.
     *
     * @param arguments the CLI's arguments
     * @param when the line that triggers the signal
     * @param signal {@code TERM}, {@code KILL}, …
     * @param exit the exit status expected (143 for TERM, 137 for KILL)
     * @return every stderr line
     * @throws Exception if the child cannot be started or read
     */
    static List<String> run(List<String> arguments, Predicate<String> when, String signal, int exit) throws Exception {
        Process child = JvmCommand.of(AtelierCli.class.getName(), arguments)
                .processBuilder().redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            boolean signalled = false;
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
                if (!signalled && when.test(line)) {
                    send(child, signal);
                    signalled = true;
                }
            }
            assertTrue(signalled, "the run finished before the line that was to trigger SIG" + signal + ": " + lines);
        } finally {
            reap(child);
        }
        assertEquals(exit, child.exitValue(), "exit status of SIG" + signal + ": " + lines);
        return lines;
    }

    /**
     * Sends the child {@code SIG<signal>} with kill(1) rather than {@link Process#destroy()}, which
     * would also close the child's pipes that a test may still be reading.
     *
     * @param child the process
     * @param signal {@code TERM}, {@code KILL}, …
     * @throws Exception if kill(1) cannot be run
     */
    static void send(Process child, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).start().waitFor();
    }

    /**
     * Waits up to a minute for a signalled child to end, and kills it outright if it has not.
     *
     * @param child the process
     * @throws InterruptedException if the wait is interrupted
     */
    static void reap(Process child) throws InterruptedException {
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
    }
}

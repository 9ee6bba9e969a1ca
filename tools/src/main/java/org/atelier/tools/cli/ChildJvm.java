package org.atelier.tools.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.atelier.core.trial.JvmCommand;

/**
 * Runs the CLI in a child JVM: the same java binary, JVM options and class path as this one
 * ({@link JvmCommand}, which the trial workers use too).
 */
final class ChildJvm {

    private ChildJvm() {}

    /**
     * Runs {@code atelier ARGS...} in a child JVM, copying its output to the given writers as it
     * comes. (Inheriting this process's file descriptors instead would bypass System.out, which
     * test runners such as Surefire use as their channel.)
     *
     * @param cliArguments the arguments after {@code atelier}
     * @param out receives the child's stdout, line by line, each line through {@code lines}
     * @param lines rewrites each line of stdout and stderr (e.g. a staging path into the run's final place)
     * @param err receives the child's stderr, line by line, each line through {@code lines}
     * @param started told of the child process once it runs (so that it can be stopped from elsewhere)
     * @return the child's exit code
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if interrupted while waiting; the child is then stopped
     */
    static int run(List<String> cliArguments, PrintWriter out, UnaryOperator<String> lines, PrintWriter err,
            Consumer<Process> started) throws IOException, InterruptedException {
        Process child = JvmCommand.of(AtelierCli.class.getName(), cliArguments).processBuilder().start();
        started.accept(child);
        Thread stdout = copyLines(child.getInputStream(), out, lines);
        // Line by line: a child's stderr is a pipe, so its progress comes in whole lines, not a redrawn bar.
        Thread stderr = copyLines(child.getErrorStream(), err, lines);
        try {
            int exit = child.waitFor();
            stdout.join();
            stderr.join();
            return exit;
        } catch (InterruptedException e) {
            child.destroy();
            throw e;
        }
    }

    private static Thread copyLines(InputStream from, PrintWriter to, UnaryOperator<String> lines) {
        Thread copier = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    to.println(lines.apply(line));
                    to.flush();
                }
            } catch (IOException e) {
                // The pipe closes when the child is stopped; there is nothing left to copy.
            }
        }, "atelier-child-output");
        copier.setDaemon(true);
        copier.start();
        return copier;
    }
}

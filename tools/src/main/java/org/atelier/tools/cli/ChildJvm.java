package org.atelier.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
     * @param out receives the child's stdout
     * @param err receives the child's stderr
     * @return the child's exit code
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if interrupted while waiting; the child is then stopped
     */
    static int run(List<String> cliArguments, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        Process child = JvmCommand.of(AtelierCli.class.getName(), cliArguments).processBuilder().start();
        Thread stdout = copy(child.getInputStream(), out);
        Thread stderr = copy(child.getErrorStream(), err);
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

    private static Thread copy(InputStream from, PrintWriter to) {
        Thread copier = new Thread(() -> {
            try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n = reader.read(buffer); n != -1; n = reader.read(buffer)) {
                    to.write(buffer, 0, n);
                    // Progress lines should appear as the child writes them, not at its end.
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

package org.atelier.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the CLI in a child JVM: the same java binary, JVM options and class path as this one.
 *
 * <p>The class path is this JVM's {@code java.class.path}: the launcher's {@code -jar} or
 * {@code -cp} (the jar's manifest brings its libraries along), or the test class path under Maven.
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
        Process child = new ProcessBuilder(command(cliArguments)).start();
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

    /** The child's full command line. */
    static List<String> command(List<String> cliArguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(forwardedJvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AtelierCli.class.getName());
        command.addAll(cliArguments);
        return command;
    }

    /**
     * This JVM's heap, system-property and -XX options ({@code -Xmx8g}, {@code -Djava.awt.headless},
     * thread settings), so the child computes under the same settings. Agents and debuggers are
     * left out: a second JVM would collide on their ports and files.
     */
    private static List<String> forwardedJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("-X") || o.startsWith("-D"))
                .filter(o -> !o.startsWith("-Xdebug") && !o.startsWith("-Xrunjdwp"))
                .toList();
    }
}

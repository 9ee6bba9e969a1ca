package org.atelier.tools.cli;

import java.io.IOException;
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
     * Runs {@code atelier ARGS...} in a child JVM that shares this process's stdout and stderr.
     *
     * @param cliArguments the arguments after {@code atelier}
     * @return the child's exit code
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if interrupted while waiting; the child is then stopped
     */
    static int run(List<String> cliArguments) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command(cliArguments)).inheritIO().start();
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            child.destroy();
            throw e;
        }
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

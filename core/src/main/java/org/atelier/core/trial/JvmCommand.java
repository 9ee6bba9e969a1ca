package org.atelier.core.trial;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command line of a child JVM that computes like this one: the same java binary, the same
 * heap, {@code -D} and {@code -XX} options, and the same class path, running another main class.
 *
 * <p>The class path is this JVM's {@code java.class.path}: the launcher's {@code -jar} or {@code
 * -cp} (a jar's manifest brings its libraries along), or the test class path under Maven (Surefire's
 * booter jar, whose manifest lists the test and main classes and every dependency). Plugin jars
 * on that class path are therefore on the child's too. Agents and debuggers are left out: a
 * second JVM would collide on their ports and files. Immutable; the {@code with…} methods return
 * a new command.
 */
public final class JvmCommand {

    private final String mainClass;
    private final List<String> arguments;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;

    private JvmCommand(String mainClass, List<String> arguments, Map<String, String> systemProperties,
            Map<String, String> environment) {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        this.arguments = List.copyOf(arguments);
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /**
     * A child JVM running {@code mainClass} with the given arguments.
     *
     * @param mainClass the fully qualified name of a class on this JVM's class path
     * @param arguments its arguments
     * @return the command
     */
    public static JvmCommand of(String mainClass, List<String> arguments) {
        return new JvmCommand(mainClass, arguments, Map.of(), Map.of());
    }

    /**
     * This command with a system property set, replacing the value this JVM would pass on.
     *
     * @param key the property, e.g. {@code ai.djl.pytorch.num_threads}
     * @param value its value
     * @return the new command
     */
    public JvmCommand withSystemProperty(String key, String value) {
        Map<String, String> properties = new LinkedHashMap<>(systemProperties);
        properties.put(key, value);
        return new JvmCommand(mainClass, arguments, Map.copyOf(properties), environment);
    }

    /**
     * This command with an environment variable set for the child (the rest is inherited).
     *
     * @param key the variable, e.g. {@code OMP_NUM_THREADS}
     * @param value its value
     * @return the new command
     */
    public JvmCommand withEnvironment(String key, String value) {
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put(key, value);
        return new JvmCommand(mainClass, arguments, systemProperties, Map.copyOf(variables));
    }

    /** The full command line: java, options, class path, main class, arguments. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        forwardedJvmOptions().stream().filter(o -> !overridden(o)).forEach(command::add);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /** A process builder for the command, with the extra environment variables. */
    public ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().putAll(environment);
        return builder;
    }

    /** The variables set on top of this JVM's environment. */
    public Map<String, String> environment() {
        return environment;
    }

    private boolean overridden(String option) {
        return systemProperties.keySet().stream()
                .anyMatch(key -> option.equals("-D" + key) || option.startsWith("-D" + key + "="));
    }

    /**
     * This JVM's heap, system-property and {@code -XX} options ({@code -Xmx8g}, {@code
     * -Djava.awt.headless=true}, thread settings) and its {@code --add-opens=…}/{@code
     * --add-exports=…} (which Spark needs on Java 17), without agents and debuggers.
     *
     * @return the options in the order this JVM got them
     */
    public static List<String> forwardedJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("-X") || o.startsWith("-D") || o.startsWith("--add-opens=")
                        || o.startsWith("--add-exports="))
                .filter(o -> !o.startsWith("-Xdebug") && !o.startsWith("-Xrunjdwp"))
                .toList();
    }

    @Override
    public String toString() {
        return String.join(" ", command());
    }
}

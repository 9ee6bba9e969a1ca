package org.atelier.tools.cli;

import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atelier.core.AtelierException;
import org.atelier.tools.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code atelier} command: lists, describes, runs and compares experiments, and classifies
 * images with a model a run saved ({@code predict}).
 *
 * <p>Errors are one line on stderr, {@code atelier: <message>}: exit code 2 for bad input (an
 * {@link AtelierException} or a command-line error), 1 for an unexpected failure during a run.
 * {@code --verbose} adds the stack trace.
 */
@Command(
        name = "atelier",
        mixinStandardHelpOptions = true,
        // Subcommands inherit --help, --version and the version provider.
        scope = ScopeType.INHERIT,
        versionProvider = AtelierCli.Version.class,
        description = "Deep-learning experiments on Fashion-MNIST, MNIST and small tabular data, on any DJL engine.",
        subcommands = {
            ListCommand.class,
            DescribeCommand.class,
            RunCommand.class,
            CompareEnginesCommand.class,
            BenchCommand.class,
            PredictCommand.class,
            HelpCommand.class
        })
public final class AtelierCli implements Callable<Integer> {

    /** Exit code for bad input: unknown experiment or parameter, missing data, absent GPU. */
    public static final int EXIT_BAD_INPUT = 2;

    /** Exit code for a run that failed unexpectedly. */
    public static final int EXIT_FAILURE = 1;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /**
     * The command line with Atelier's error handling: use it to run the CLI in-process, e.g.
     * {@code AtelierCli.newCommandLine().execute("run", "hello-ndarray", "--smoke")}.
     *
     * @return a fresh command line
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new AtelierCli());
        commandLine.setParameterExceptionHandler(AtelierCli::onBadArguments);
        commandLine.setExecutionExceptionHandler(AtelierCli::onFailure);
        return commandLine;
    }

    /** Without a command: the usage, and the exit code of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_BAD_INPUT;
    }

    private static int onBadArguments(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String help = command.getCommandSpec().qualifiedName() + " --help";
        // picocli words some messages "option option '--set'"
        String message = oneLine(e.getMessage()).replace("option option", "option");
        command.getErr().println("atelier: " + message + suggestion(e) + " (see '" + help + "')");
        return EXIT_BAD_INPUT;
    }

    /** For a mistyped command ({@code atelier lst}): the near-miss commands picocli finds, as experiment names get. */
    private static String suggestion(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()
                && e.getCommandLine().getParent() == null) {
            return "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        return "";
    }

    private static int onFailure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean verbose = root(command).verbose;
        if (verbose) {
            e.printStackTrace(err);
        }
        Throwable cause = e instanceof RunFailure ? e.getCause() : e;
        if (cause instanceof AtelierException) {
            err.println("atelier: " + oneLine(e.getMessage()));
            return EXIT_BAD_INPUT;
        }
        String hint = verbose ? "" : " (--verbose shows the stack trace)";
        err.println("atelier: " + oneLine(e instanceof RunFailure ? e.getMessage() : e.toString()) + hint);
        return EXIT_FAILURE;
    }

    private static AtelierCli root(CommandLine command) {
        CommandLine top = command;
        while (top.getParent() != null) {
            top = top.getParent();
        }
        return top.getCommand();
    }

    /** Joins a multi-line message (native engine errors have them) into the one error line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Prints the Atelier, DJL and Java versions. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String atelier = Optional.ofNullable(AtelierCli.class.getPackage().getImplementationVersion())
                    .orElse("(development build)");
            return new String[] {"atelier " + atelier, "DJL " + Engine.getDjlVersion(), "Java " + Runtime.version()};
        }
    }
}

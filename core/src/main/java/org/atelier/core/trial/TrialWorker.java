package org.atelier.core.trial;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of a child JVM that {@link ChildJvmTrialExecutor} starts: runs trials one after
 * another, as long as the parent sends them, with the engine loaded and the data cached once.
 *
 * <p>Arguments: {@code EXCHANGE_DIR} then the {@link TrialEnvironment#toArguments() environment}.
 * Protocol, one line each way per trial: the parent writes {@code run N} on stdin, the worker
 * reads {@code EXCHANGE_DIR/N.spec}, runs it, writes {@code EXCHANGE_DIR/N.result} and answers
 * {@code @atelier-trial-worker done N} on stdout; {@code exit} or the end of stdin ends it. Any
 * other output goes to stderr, so that nothing else can be taken for an answer.
 */
public final class TrialWorker {

    /** The start of every line the worker answers with. */
    static final String ANSWER = "@atelier-trial-worker ";

    private TrialWorker() {}

    /**
     * Serves trials until stdin ends.
     *
     * @param args the exchange directory, then the environment's arguments
     * @throws IOException if a spec cannot be read or a result cannot be written: the worker then
     *     dies, and the parent records the trial as failed with the end of stderr
     */
    public static void main(String[] args) throws IOException {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        // Libraries that print to stdout would otherwise interleave with the answers.
        System.setOut(System.err);
        Path exchange = Path.of(args[0]);
        List<String> environmentArgs = new ArrayList<>(List.of(args).subList(1, args.length));
        TrialEnvironment environment = TrialEnvironment.fromArguments(environmentArgs);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null && !line.equals("exit"); line = requests.readLine()) {
            int index = Integer.parseInt(line.substring("run ".length()).trim());
            TrialSpec spec = TrialFiles.read(specFile(exchange, index), TrialSpec.class);
            TrialFiles.write(resultFile(exchange, index), Trials.run(spec, environment));
            answers.println(ANSWER + "done " + index);
        }
        // Engine threads must not keep the JVM alive once the parent is done with it.
        System.exit(0);
    }

    /** The file trial {@code index}'s spec is written to. */
    static Path specFile(Path exchange, int index) {
        return exchange.resolve(index + ".spec");
    }

    /** The file trial {@code index}'s result is written to. */
    static Path resultFile(Path exchange, int index) {
        return exchange.resolve(index + ".result");
    }
}

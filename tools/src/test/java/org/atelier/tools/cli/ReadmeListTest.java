package org.atelier.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.testing.DocSnippets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's {@code ./atelier list} block is what the command prints for the experiments that
 * ship (the test class path adds example experiments, which the README must not show).
 */
class ReadmeListTest {

    private static final String SERVICES =
            "experiments/src/main/resources/META-INF/services/org.atelier.core.experiment.Experiment";

    @Test
    void readmeListsEveryShippedExperimentAsTheCliPrintsIt() throws IOException {
        Set<String> shipped = Files.readAllLines(DocSnippets.repositoryFile(SERVICES)).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(ReadmeListTest::experimentName).collect(Collectors.toSet());
        StringWriter printed = new StringWriter();
        CommandLine cli = AtelierCli.newCommandLine();
        cli.setOut(new PrintWriter(printed));
        assertEquals(0, cli.execute("list"));
        // Columns are aligned to the longest name, which may be a test-only experiment: compare words.
        List<String> expected = Arrays.stream(printed.toString().split("\n"))
                .filter(line -> shipped.contains(line.split("\\s+", 2)[0]))
                .map(ReadmeListTest::words).toList();
        List<String> readme = Arrays.stream(DocSnippets.fenced(DocSnippets.repositoryFile("README.md"), "list").split("\n"))
                .map(ReadmeListTest::words).toList();
        assertEquals(shipped.size(), expected.size(), "every shipped experiment is listed");
        assertEquals(expected, readme);
    }

    private static String words(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    private static String experimentName(String className) {
        try {
            return ((Experiment) Class.forName(className).getDeclaredConstructor().newInstance())
                    .name();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot instantiate " + className, e);
        }
    }
}

package org.atelier.tools.cli;

import java.util.List;
import org.atelier.core.experiment.ExperimentRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atelier list}: one experiment per line, its name then its one-line description, by study. */
@Command(name = "list", description = "List the experiments: name and one-line description, ordered by study.")
final class ListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        List<List<String>> rows = ExperimentRegistry.load().list().stream()
                .map(e -> List.of(e.name(), e.description()))
                .toList();
        spec.commandLine().getOut().print(TextTable.render(rows, ""));
        spec.commandLine().getOut().flush();
    }
}

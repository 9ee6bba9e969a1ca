package org.atelier.tools.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentRegistry;
import org.atelier.core.experiment.Param;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atelier describe NAME}: what an experiment answers, its parameters and its outputs. */
@Command(name = "describe", description = "Show what an experiment answers, its parameters and defaults, and its outputs.")
final class DescribeCommand implements Runnable {

    @Parameters(paramLabel = "NAME", description = "The experiment, as `atelier list` names it.")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Experiment experiment = ExperimentRegistry.load().find(name);
        PrintWriter out = spec.commandLine().getOut();
        out.println(experiment.name() + " — " + experiment.description());
        out.println("study: " + experiment.study());
        out.println();
        experiment.details().strip().lines().forEach(line -> out.println("  " + line));
        out.println();
        out.print(parameters(experiment));
        out.println();
        out.println("outputs (in the run directory):");
        out.print(outputs(experiment));
        out.flush();
    }

    private static String parameters(Experiment experiment) {
        if (experiment.parameters().isEmpty()) {
            return "parameters: none\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("name", "type", "default", "smoke", "description"));
        for (Param<?> p : experiment.parameters()) {
            rows.add(List.of(p.name(), p.type().label(), p.format(p.defaultValue()), p.format(p.smokeDefault()),
                    p.description() + " (" + p.expected() + ")"));
        }
        return "parameters (--set name=value; --smoke uses the smoke column):\n" + TextTable.render(rows, "  ");
    }

    private static String outputs(Experiment experiment) {
        List<List<String>> rows = new ArrayList<>();
        for (RunFile file : experiment.outputs()) {
            rows.add(List.of(file.name(), file.description()));
        }
        rows.add(List.of(Summary.FILE.name(), Summary.FILE.description()));
        return TextTable.render(rows, "  ");
    }
}

package org.atelier.tools.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.atelier.core.engine.Backend;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentRegistry;
import org.atelier.core.experiment.ExperimentRunner;
import org.atelier.core.report.NumberText;
import org.atelier.core.report.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atelier run NAME}: runs one experiment and prints its metrics and run directory. */
@Command(name = "run", description = "Run an experiment; it writes summary.json, tables and figures into its run directory.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The experiment, as `atelier list` names it.")
    String name;

    @Option(names = "--engine", defaultValue = Backend.DEFAULT_ENGINE, paramLabel = "PyTorch|MXNet",
            description = "DJL engine (default: ${DEFAULT-VALUE}).")
    String engine;

    @Mixin
    RunSettings settings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Experiment experiment = ExperimentRegistry.load().find(name);
        // Bad input (parameters, engine, device, --out) fails here, before anything runs.
        ExperimentRunner runner = ExperimentRunner.prepare(experiment, settings.options().optEngine(engine).build());
        Summary summary;
        try {
            summary = runner.execute();
        } catch (RuntimeException e) {
            throw new RunFailure(experiment.name(), runner.location(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(TextTable.render(summary.metrics().entrySet().stream()
                .map(m -> List.of(m.getKey(), NumberText.formatMetric(m.getValue(), NumberText.DEFAULT_DECIMALS))).toList(), ""));
        out.println("run directory: " + runner.location());
        out.flush();
        return 0;
    }
}

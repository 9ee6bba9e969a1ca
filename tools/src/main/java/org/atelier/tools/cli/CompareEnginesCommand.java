package org.atelier.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.atelier.core.AtelierException;
import org.atelier.core.engine.Backend;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentRegistry;
import org.atelier.core.experiment.Params;
import org.atelier.core.experiment.RunOptions;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunEnd;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StagedRun;
import org.atelier.core.report.Summary;
import org.atelier.core.trial.TrialExecutors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code atelier compare-engines NAME}: runs an experiment once per engine, each in its own child
 * JVM so that each engine's peak memory is measured alone, then writes a side-by-side table.
 *
 * <p>Run directory: {@code runs/compare-engines/NAME/<yyyyMMdd-HHmmss>/} (or {@code --out}) with
 * one sub-directory per engine ({@code pytorch/}, {@code mxnet/}: complete runs),
 * {@code comparison.csv}, {@code comparison.md} and a {@code summary.json} whose experiment is
 * {@code compare-engines}, whose {@code params} name the compared experiment and engines, and whose
 * metrics are the table's cells as {@code <engine>_<metric>}.
 */
@Command(name = "compare-engines",
        description = "Run an experiment on each engine, each in a fresh JVM, and tabulate metrics, duration,"
                + " seconds per epoch and peak memory side by side.")
final class CompareEnginesCommand implements Callable<Integer> {

    /** The comparison table as CSV. */
    static final RunFile CSV = new RunFile("comparison.csv", "metrics, duration and peak memory per engine");

    /** The comparison table as Markdown. */
    static final RunFile MARKDOWN = new RunFile("comparison.md", "the same as a Markdown table, with the engines' versions");

    /** How long a stopped child may take to record its run as interrupted. */
    private static final int CHILD_STOP_SECONDS = 30;

    @Parameters(paramLabel = "NAME", description = "The experiment, as `atelier list` names it.")
    String name;

    @Option(names = "--engines", split = ",", defaultValue = "PyTorch,MXNet", paramLabel = "ENGINE[,ENGINE...]",
            description = "Engines to compare (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Mixin
    RunSettings settings;

    @ParentCommand
    AtelierCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Experiment experiment = ExperimentRegistry.load().find(name);
        // Bad --set values and executor options fail here, once, rather than in every child.
        Params params = Params.resolve(experiment, settings.smoke, settings.overrides());
        TrialExecutors.choose(settings.executor, settings.parallel, settings.smoke, false, 1).create(settings.master)
                .close();
        List<String> engineNames = canonical(engines);
        if (settings.resume) {
            throw new AtelierException("compare-engines does not take --resume; continue an engine's run with"
                    + " ./atelier run " + experiment.name() + " --engine ENGINE --out DIR/ENGINE --resume");
        }
        StagedRun staged = settings.out != null ? StagedRun.at(settings.out, settings.outMode())
                : StagedRun.under(RunOptions.DEFAULT_RUNS_ROOT.resolve("compare-engines").resolve(experiment.name()),
                        LocalDateTime.now());
        RunDirectory dir = staged.begin();
        Instant started = Instant.now();
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Summary> runs = new CopyOnWriteArrayList<>();
        AtomicReference<Process> child = new AtomicReference<>();
        RunEnd end = RunEnd.watch(() -> {
            // Stopped: the running child records its own run as interrupted, then the comparison is.
            stop(child.get());
            String error = "interrupted (the process was stopped by a signal) with " + runs.size() + " of "
                    + engineNames.size() + " engines done";
            dir.seal(() -> summarize(experiment, params, engineNames, runs, Map.of(), Summary.Status.INTERRUPTED, error,
                    dir, started, (System.nanoTime() - start) / 1e9).write(dir));
            err.println("atelier: interrupted; compare-engines of " + name + " recorded as " + error + " in "
                    + staged.finish(Summary.Status.INTERRUPTED));
            err.flush();
        });
        for (String engine : engineNames) {
            String label = engine.toLowerCase(Locale.ROOT);
            // The child writes into the staging directory; its lines name the place the run moves to.
            String staging = dir.root().toString();
            String target = staged.target().toString();
            int exit = ChildJvm.run(childArguments(engine, dir.root().resolve(label)), out,
                    line -> line.replace(staging, target), err, child::set);
            if (exit != 0) {
                end.claim();
                String error = "the " + engine + " run of " + name + " failed (exit " + exit + ")";
                summarize(experiment, params, engineNames, runs, Map.of(), Summary.Status.FAILED, error, dir, started,
                        (System.nanoTime() - start) / 1e9).write(dir);
                Path place = staged.finish(Summary.Status.FAILED);
                Path childRun = place.resolve(label);
                err.println("atelier: " + error + ", its error is above; "
                        + (Files.isDirectory(childRun) ? "its run directory is " + childRun
                                : "it left no run directory; the comparison's summary.json is in " + place));
                return exit;
            }
            runs.add(Summary.read(dir.artifact(label + "/" + Summary.FILE.name())));
        }
        end.claim();
        EngineComparison comparison = new EngineComparison(runs);
        dir.csv(CSV, comparison.table());
        dir.writeString(MARKDOWN, comparison.markdown());
        summarize(experiment, params, engineNames, runs, comparison.flatMetrics(), Summary.Status.SUCCEEDED, null, dir,
                started, (System.nanoTime() - start) / 1e9).write(dir);
        Path place = staged.finish(Summary.Status.SUCCEEDED);
        out.print(comparison.markdown());
        out.println("run directory: " + place);
        out.flush();
        return 0;
    }

    /** Stops a child with SIGTERM and gives it time to record its run as interrupted. */
    private static void stop(Process child) {
        if (child == null || !child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            child.waitFor(CHILD_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> childArguments(String engine, Path out) {
        List<String> args = new ArrayList<>(List.of("run", name, "--engine", engine, "--out", out.toString()));
        args.addAll(settings.arguments());
        if (parent.verbose) {
            args.add("--verbose");
        }
        return args;
    }

    /**
     * The engines as DJL spells them, checked before any child starts: each must be on the class
     * path and able to train (DJL's remote-inference RPC engine is listed by DJL but cannot).
     */
    private static List<String> canonical(List<String> requested) {
        List<String> names = new ArrayList<>();
        for (String engine : requested) {
            String match = Backend.engine(engine.trim()).getEngineName();
            if (names.contains(match)) {
                throw new AtelierException("--engines names " + match + " twice; name each engine once");
            }
            names.add(match);
        }
        return names;
    }

    private Summary summarize(Experiment experiment, Params params, List<String> engineNames, List<Summary> runs,
            Map<String, Double> metrics,
            Summary.Status status, String error, RunDirectory dir, Instant started, double seconds) {
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("experiment", experiment.name());
        recorded.put("engines", engineNames);
        recorded.putAll(params.asMap());
        return new Summary("compare-engines", join(runs, Summary::engine), join(runs, Summary::engineVersion),
                runs.isEmpty() ? settings.device : runs.get(0).device(), settings.seed, settings.smoke, started, seconds,
                status, error, recorded, metrics, dir.artifacts());
    }

    private static String join(List<Summary> runs, Function<Summary, String> field) {
        return String.join(",", runs.stream().map(field).toList());
    }
}

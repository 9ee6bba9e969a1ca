package org.atelier.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.atelier.core.AtelierException;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.ExperimentRunner;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.RunOptions;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run options that choose the executor: checked before a run starts, handed to the experiment, recorded. */
class TrialRunOptionsTest {

    @TempDir
    Path temp;

    /** Keeps the trial runner its context offers. */
    private static final class Probe implements Experiment {
        final AtomicReference<TrialRunner> seen = new AtomicReference<>();

        @Override
        public String name() {
            return "trial-probe";
        }

        @Override
        public String description() {
            return "keeps its trial runner";
        }

        @Override
        public String study() {
            return "examples";
        }

        @Override
        public String details() {
            return "Which executor runs my trials?";
        }

        @Override
        public List<Param<?>> parameters() {
            return List.of();
        }

        @Override
        public List<RunFile> outputs() {
            return List.of();
        }

        @Override
        public void run(ExperimentContext context) {
            seen.set(context.trials());
        }
    }

    @Test
    void theChosenExecutorIsHandedToTheExperimentAndRecorded() {
        Probe probe = new Probe();
        Path out = temp.resolve("jvm");
        Summary summary = ExperimentRunner.run(probe, RunOptions.builder().optExecutor("jvm").optParallel(2)
                .optOut(out).optDataDir(temp.resolve("data")).build());
        TrialRunner trials = probe.seen.get();
        assertEquals(List.of("jvm", 2), List.of(trials.executor().name(), trials.executor().parallel()));
        // Trials run while the run is built in its staging directory beside --out (StagedRun).
        Path staging = trials.environment().outputDir().getParent();
        assertEquals(out.getParent(), staging.getParent());
        assertTrue(staging.getFileName().toString().startsWith("jvm.partial-"), staging.toString());
        assertEquals(new TrialEnvironment("PyTorch", "cpu", temp.resolve("data"), staging.resolve("trials")),
                trials.environment());
        assertEquals("jvm", summary.params().get("executor"));
        assertEquals(2, summary.params().get("parallel"));
        assertEquals("local", ExperimentRunner.run(probe, RunOptions.builder().optOut(temp.resolve("local")).build())
                .params().get("executor"), "local by default");
    }

    @Test
    void badExecutorOptionsAreOneLineBeforeAnythingIsCreated() {
        Path runs = temp.resolve("runs");
        assertEquals("unknown trial executor 'spark'; choices: auto, jvm, local; the spark executor is a module of its own"
                + " (tools/spark): ./atelier puts it and Spark on the class path for --executor spark",
                refused(runs, "spark", 1));
        assertEquals("--parallel must be at least 1, got 0", refused(runs, "jvm", 0));
        assertEquals("--parallel 2 needs --executor jvm: the local executor runs one trial at a time",
                refused(runs, "local", 2));
        assertFalse(Files.exists(runs));
    }

    @Test
    void autoUsesTheCoresForAFullRunOnTheCpuAndThisJvmOtherwise() {
        record Case(Integer parallel, boolean smoke, boolean gpu, int cores, String name, int expected) {}
        List<Case> cases = List.of(
                new Case(null, false, false, 2, "jvm", 2),
                new Case(null, false, false, 16, "jvm", TrialExecutors.AUTO_MAX_WORKERS),
                new Case(null, false, false, 1, "local", 1),
                new Case(null, true, false, 16, "local", 1),
                new Case(null, false, true, 16, "local", 1),
                new Case(3, false, false, 2, "jvm", 3),
                new Case(3, true, true, 1, "jvm", 3),
                new Case(1, false, false, 16, "local", 1));
        for (Case c : cases) {
            TrialExecutors.Choice choice = TrialExecutors.choose(TrialExecutors.AUTO, c.parallel(), c.smoke(), c.gpu(),
                    c.cores());
            assertEquals(List.of(c.name(), c.expected()), List.of(choice.name(), choice.parallel()), c.toString());
            assertTrue(choice.automatic());
            assertEquals(choice.parallel() > 1, choice.announcement().contains(choice.parallel() + " worker JVMs"),
                    choice.announcement());
        }
        // A named executor is taken as given, with one trial at a time unless --parallel says otherwise.
        assertEquals(new TrialExecutors.Choice("local", 1, false), TrialExecutors.choose("local", null, false, false, 16));
        assertEquals(new TrialExecutors.Choice("jvm", 1, false), TrialExecutors.choose("jvm", null, false, false, 16));
        assertEquals("", TrialExecutors.choose("jvm", 2, false, false, 16).announcement());
    }

    @Test
    void autoIsRecordedAsTheExecutorItChose() {
        Probe probe = new Probe();
        Summary full = ExperimentRunner.run(probe, RunOptions.builder().optExecutor(TrialExecutors.AUTO)
                .optOut(temp.resolve("auto")).build());
        TrialExecutors.Choice expected = TrialExecutors.choose(TrialExecutors.AUTO, null, false, false,
                Runtime.getRuntime().availableProcessors());
        assertEquals(List.of(expected.name(), expected.parallel()),
                List.of(full.params().get("executor"), full.params().get("parallel")));
        assertEquals(List.of(expected.name(), expected.parallel()),
                List.of(probe.seen.get().executor().name(), probe.seen.get().executor().parallel()));
        Summary smoke = ExperimentRunner.run(probe, RunOptions.builder().optExecutor(TrialExecutors.AUTO).optSmoke(true)
                .optOut(temp.resolve("auto-smoke")).build());
        assertEquals(List.of("local", 1), List.of(smoke.params().get("executor"), smoke.params().get("parallel")));
    }

    private static String refused(Path runs, String executor, int parallel) {
        RunOptions options = RunOptions.builder().optRunsRoot(runs).optExecutor(executor).optParallel(parallel).build();
        return assertThrows(AtelierException.class, () -> ExperimentRunner.prepare(new Probe(), options)).getMessage();
    }
}

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
        assertEquals("unknown trial executor 'spark'; choices: jvm, local; the spark executor is a module of its own"
                + " (tools/spark): ./atelier puts it and Spark on the class path for --executor spark",
                refused(runs, "spark", 1));
        assertEquals("--parallel must be at least 1, got 0", refused(runs, "jvm", 0));
        assertEquals("--parallel 2 needs --executor jvm: the local executor runs one trial at a time",
                refused(runs, "local", 2));
        assertFalse(Files.exists(runs));
    }

    private static String refused(Path runs, String executor, int parallel) {
        RunOptions options = RunOptions.builder().optRunsRoot(runs).optExecutor(executor).optParallel(parallel).build();
        return assertThrows(AtelierException.class, () -> ExperimentRunner.prepare(new Probe(), options)).getMessage();
    }
}

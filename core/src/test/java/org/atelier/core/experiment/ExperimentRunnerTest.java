package org.atelier.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.Summary;
import org.atelier.core.testing.OnEachEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

    @TempDir
    Path temp;

    private static final RunFile VALUES = new RunFile("values.txt", "the summed numbers");
    private static final RunFile DATA = new RunFile("data.txt", "the data directory the experiment was given");

    /** Sums 0..n-1 on the engine, draws seeded random numbers and writes a file. */
    private static final Experiment ARANGE = new TestExperiment("arange", "data",
            List.of(Param.ofInt("n", 1000, "how many numbers").smoke(10).min(1),
                    Param.ofInts("widths", List.of(3, 4), "unused list")),
            context -> {
                int n = context.params().getInt("n");
                NDArray values = context.manager().arange(n);
                context.metric("sum", values.sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble());
                float[] random = context.manager().randomUniform(0, 1, new Shape(3)).toFloatArray();
                context.metric("first_random", random[0]);
                context.runDirectory().writeString(VALUES, values.toDebugString());
            });

    @OnEachEngine
    void writesASummaryWithEveryFieldAndType(String engine) throws Exception {
        Path out = temp.resolve(engine);
        Summary summary = ExperimentRunner.run(ARANGE, RunOptions.builder().optEngine(engine).optSmoke(true)
                .optSet("n", "100").optSeed(7).optOut(out).build());
        assertEquals(4950.0, summary.metrics().get("sum"), "sum of 0..99 computed on the engine");

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        assertEquals(List.of("experiment", "engine", "engine_version", "device", "seed", "smoke", "started",
                "duration_s", "status", "params", "metrics", "artifacts"), List.copyOf(json.keySet()));
        assertEquals("arange", json.get("experiment").getAsString());
        assertEquals(engine, json.get("engine").getAsString());
        assertFalse(json.get("engine_version").getAsString().isBlank());
        assertEquals("cpu", json.get("device").getAsString());
        assertEquals(7, json.get("seed").getAsInt());
        assertTrue(json.get("smoke").getAsBoolean());
        Instant started = Instant.parse(json.get("started").getAsString());
        assertTrue(started.isBefore(Instant.now()) && started.isAfter(Instant.now().minusSeconds(600)));
        assertTrue(json.get("duration_s").getAsDouble() > 0);
        assertEquals("succeeded", json.get("status").getAsString());
        JsonObject params = json.getAsJsonObject("params");
        assertEquals(100, params.get("n").getAsInt());
        assertEquals(2, params.getAsJsonArray("widths").size());
        JsonObject metrics = json.getAsJsonObject("metrics");
        assertEquals(4950.0, metrics.get("sum").getAsDouble());
        assertTrue(metrics.get(ExperimentRunner.PEAK_RSS_METRIC).getAsDouble() > 50, "a JVM with an engine uses > 50 MiB");
        assertEquals("values.txt", json.getAsJsonArray("artifacts").get(0).getAsString());

        Summary read = Summary.read(out);
        assertEquals(List.of(summary.experiment(), summary.engine(), summary.engineVersion(), summary.started()),
                List.of(read.experiment(), read.engine(), read.engineVersion(), read.started()));
        assertEquals(summary.durationS(), read.durationS());
        assertEquals(summary.metrics(), read.metrics());
        assertEquals(summary.artifacts(), read.artifacts());
        assertEquals(100L, read.params().get("n"), "integral parameters read back as whole numbers");
    }

    @OnEachEngine
    void sameSeedSameNumbers(String engine) {
        double first = randomDraw(engine, 11, "a");
        assertEquals(first, randomDraw(engine, 11, "b"));
        assertTrue(first != randomDraw(engine, 12, "c"), "a different seed draws differently");
    }

    private double randomDraw(String engine, int seed, String dir) {
        return ExperimentRunner.run(ARANGE, RunOptions.builder().optEngine(engine).optSmoke(true).optSeed(seed)
                .optOut(temp.resolve(dir)).build()).metrics().get("first_random");
    }

    @Test
    void failureIsRecordedThenPropagated() throws Exception {
        IllegalStateException boom = new IllegalStateException("loss became NaN at epoch 3");
        Experiment failing = new TestExperiment("failing", "data", List.of(), context -> {
            context.metric("initial_loss", 2.3);
            throw boom;
        });
        Path out = temp.resolve("failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> ExperimentRunner.run(failing, RunOptions.builder().optOut(out).build()));
        assertSame(boom, thrown);
        Summary summary = Summary.read(out.resolve("summary.json"));
        assertEquals(Summary.Status.FAILED, summary.status());
        assertEquals("loss became NaN at epoch 3", summary.error());
        assertEquals(2.3, summary.metrics().get("initial_loss"));
    }

    @Test
    void errorsAreRecordedAndRethrownAsTheyAre() {
        Experiment exhausted = new TestExperiment("exhausted", "data", List.of(), context -> {
            throw new OutOfMemoryError("Java heap space");
        });
        Path out = temp.resolve("oom");
        assertThrows(OutOfMemoryError.class, () -> ExperimentRunner.run(exhausted, RunOptions.builder().optOut(out).build()));
        assertEquals("Java heap space", Summary.read(out).error());
    }

    @Test
    void checkedExceptionsAreWrapped() {
        Experiment failing = new TestExperiment("checked", "data", List.of(), context -> {
            throw new java.io.IOException("cannot read grid.png");
        });
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> ExperimentRunner.run(failing, RunOptions.builder().optOut(temp.resolve("io")).build()));
        assertEquals("cannot read grid.png", e.getCause().getMessage());
    }

    @Test
    void badInputFailsBeforeAnythingIsCreated() {
        Path runs = temp.resolve("runs");
        RunOptions unknownKey = RunOptions.builder().optRunsRoot(runs).optSet("nope", "1").build();
        assertThrows(AtelierException.class, () -> ExperimentRunner.prepare(ARANGE, unknownKey));
        RunOptions badEngine = RunOptions.builder().optRunsRoot(runs).optEngine("Caffe").build();
        assertThrows(AtelierException.class, () -> ExperimentRunner.prepare(ARANGE, badEngine));
        assertFalse(Files.exists(runs));
    }

    /** Issue 10, reproduction 3: missing data was found only after the run (and its directory) had started. */
    @Test
    void missingDataOfADeclaredDatasetIsRefusedBeforeAnythingIsCreated() throws Exception {
        Experiment reader = new TestExperiment("reader", "data", List.of(), context -> { }) {
            @Override
            public List<String> datasets() {
                return List.of("fashion-mnist");
            }
        };
        Path empty = Files.createDirectory(temp.resolve("empty-data"));
        Path out = temp.resolve("reader");
        AtelierException e = assertThrows(AtelierException.class, () -> ExperimentRunner.prepare(reader,
                RunOptions.builder().optDataDir(empty).optOut(out).build()));
        assertTrue(e.getMessage().contains("not found in " + empty.resolve("fashion-mnist"))
                && e.getMessage().contains("data/fetch --dir " + empty + " fashion-mnist"), e.getMessage());
        assertEquals(List.of("empty-data"), List.of(temp.toFile().list()));
    }

    @Test
    void defaultRunDirectoryIsRunsNameTimestamp() {
        ExperimentRunner runner = ExperimentRunner.prepare(ARANGE,
                RunOptions.builder().optRunsRoot(temp.resolve("runs")).optSmoke(true).build());
        assertEquals(Map.of("n", 10, "widths", List.of(3, 4)), runner.params().asMap());
        runner.execute();
        Path dir = runner.location();
        assertEquals(temp.resolve("runs/arange"), dir.getParent());
        assertTrue(dir.getFileName().toString().matches("\\d{8}-\\d{6}"), dir.toString());
        assertTrue(Files.isRegularFile(dir.resolve("summary.json")));
        assertThrows(IllegalStateException.class, runner::execute);
    }

    @Test
    void explicitDataDirReachesTheExperiment() throws Exception {
        Path data = temp.resolve("my-data");
        Experiment probe = new TestExperiment("probe", "data", List.of(),
                context -> context.runDirectory().writeString(DATA, context.data().root().toString()));
        Path out = temp.resolve("probe");
        ExperimentRunner.run(probe, RunOptions.builder().optDataDir(data).optOut(out).build());
        assertEquals(List.of("data.txt"), Summary.read(out).artifacts());
        assertEquals(data.toAbsolutePath().toString(), Files.readString(out.resolve("data.txt")));
    }
}

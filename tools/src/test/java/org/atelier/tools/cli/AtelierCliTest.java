package org.atelier.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atelier.core.report.Summary;
import org.atelier.core.testing.OnEachEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the CLI in-process against the test plugins {@code hello-ndarray} and {@code fails-on-purpose}. */
class AtelierCliTest {

    @TempDir
    Path temp;

    /** What one CLI invocation printed and returned. */
    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result atelier(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = AtelierCli.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static void assertOneErrorLine(Result result, int exit, String... fragments) {
        assertEquals(exit, result.exit(), result.err());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("atelier: "), result.err());
        for (String fragment : fragments) {
            assertTrue(result.err().contains(fragment), "'" + fragment + "' missing from: " + result.err());
        }
    }

    @Test
    void listShowsNameThenDescriptionAligned() {
        Result result = atelier("list");
        assertEquals(0, result.exit(), result.err());
        List<String> lines = result.out().lines().toList();
        String hello = lines.stream().filter(l -> l.startsWith("hello-ndarray ")).findFirst().orElseThrow();
        String failing = lines.stream().filter(l -> l.startsWith("fails-on-purpose ")).findFirst().orElseThrow();
        assertTrue(hello.endsWith("Sums 0..n-1 on the engine and draws seeded noise (the plugin example)"), hello);
        assertEquals(hello.indexOf("Sums"), failing.indexOf("Records"), "descriptions start in one column");
    }

    @Test
    void describeShowsQuestionParametersAndOutputs() {
        Result result = atelier("describe", "hello-ndarray");
        assertEquals(0, result.exit(), result.err());
        String out = result.out();
        assertTrue(out.startsWith("hello-ndarray — Sums 0..n-1"), out);
        assertTrue(out.contains("study: examples"), out);
        assertTrue(out.contains("Does the engine add up?"), out);
        String nRow = out.lines().filter(l -> l.strip().startsWith("n ")).findFirst().orElseThrow();
        assertTrue(nRow.matches("\\s+n\\s+int\\s+1000000\\s+1000\\s+how many numbers to sum \\(an integer ≥ 1\\)"), nRow);
        assertTrue(out.contains("noise_scale"), out);
        assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("noise.csv ")), out);
        assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("summary.json ")), out);
    }

    @OnEachEngine
    void runWritesTheRunDirectory(String engine) {
        Path out = temp.resolve(engine);
        Result result = atelier("run", "hello-ndarray", "--engine", engine, "--smoke", "--set", "n=500",
                "--seed", "3", "--out", out.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().strip().endsWith("run directory: " + out), result.out());
        Summary summary = Summary.read(out);
        assertEquals("hello-ndarray", summary.experiment());
        assertEquals(engine, summary.engine());
        assertEquals(3, summary.seed());
        assertTrue(summary.smoke());
        assertEquals(Summary.Status.SUCCEEDED, summary.status());
        assertEquals(500L, summary.params().get("n"));
        assertEquals(1.0, summary.params().get("noise_scale"));
        assertEquals(500.0 * 499 / 2, summary.metrics().get("sum"));
        assertEquals(List.of("noise.csv"), summary.artifacts());
        assertEquals(10, assertLines(out.resolve("noise.csv")));
    }

    private static long assertLines(Path file) {
        try {
            return Files.readAllLines(file).stream().mapToDouble(Double::parseDouble).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unknownExperimentIsOneLineExitTwo() {
        assertOneErrorLine(atelier("run", "helo-ndarray"), 2,
                "unknown experiment 'helo-ndarray'; did you mean hello-ndarray?", "./atelier list");
        assertOneErrorLine(atelier("describe", "nothing-like-it"), 2, "unknown experiment 'nothing-like-it'");
    }

    @Test
    void gpuWithoutGpuIsOneLineExitTwo() {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
        Path out = temp.resolve("gpu");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--device", "gpu", "--smoke", "--out", out.toString()), 2,
                "sees no GPU", "--device cpu");
        assertFalse(Files.exists(out), "nothing is created for a refused run");
    }

    @Test
    void badParametersAreOneLineExitTwo() {
        assertOneErrorLine(atelier("run", "hello-ndarray", "--set", "nope=1"), 2,
                "unknown parameter 'nope'", "valid keys: n, noise_scale");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--set", "n=many"), 2,
                "invalid value 'many' for parameter n: expected an integer ≥ 1");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--set", "n=0"), 2, "parameter n");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--seed", "x"), 2, "--seed", "'atelier run --help'");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--frobnicate"), 2, "--frobnicate");
        assertOneErrorLine(atelier("run"), 2, "NAME");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--engine", "Theano"), 2, "unknown engine 'Theano'");
    }

    @Test
    void trialExecutorOptionsAreCheckedAndRecorded() {
        assertOneErrorLine(atelier("run", "hello-ndarray", "--executor", "spark"), 2,
                "atelier: unknown trial executor 'spark'; choices: auto, jvm, local; the spark executor is a module of its own"
                        + " (tools/spark): ./atelier puts it and Spark on the class path for --executor spark");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--executor", "jvm", "--master", "spark://h:7077"), 2,
                "atelier: --master is for an executor that runs trials on a cluster (--executor spark); the jvm executor"
                        + " runs them on this machine: leave --master out");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--executor", "jvm", "--parallel", "0"), 2,
                "--parallel must be at least 1, got 0");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--executor", "local", "--parallel", "2"), 2,
                "--parallel 2 needs --executor jvm");
        assertOneErrorLine(atelier("run", "hello-ndarray", "--parallel", "two"), 2, "--parallel", "'atelier run --help'");
        assertOneErrorLine(atelier("compare-engines", "hello-ndarray", "--executor", "spark"), 2,
                "unknown trial executor 'spark'");

        Path out = temp.resolve("jvm");
        Result result = atelier("run", "hello-ndarray", "--smoke", "--executor", "jvm", "--parallel", "2", "--out",
                out.toString());
        assertEquals(0, result.exit(), result.err());
        Summary summary = Summary.read(out);
        assertEquals("jvm", summary.params().get("executor"));
        assertEquals(2L, summary.params().get("parallel"));
        assertEquals("local", Summary.read(runDefault()).params().get("executor"), "a --smoke run stays in this JVM");
        // --parallel alone asks auto for workers, even for a smoke run.
        Path parallel = temp.resolve("parallel");
        assertEquals(0, atelier("run", "hello-ndarray", "--smoke", "--parallel", "2", "--out", parallel.toString()).exit());
        assertEquals(List.of("jvm", 2L), List.of(Summary.read(parallel).params().get("executor"),
                Summary.read(parallel).params().get("parallel")));
    }

    private Path runDefault() {
        Path out = temp.resolve("default-executor");
        assertEquals(0, atelier("run", "hello-ndarray", "--smoke", "--out", out.toString()).exit());
        return out;
    }

    @Test
    void outHoldingARunIsRefusedUnlessForced() {
        Path out = temp.resolve("twice");
        assertEquals(0, atelier("run", "hello-ndarray", "--smoke", "--out", out.toString()).exit());
        assertOneErrorLine(atelier("run", "hello-ndarray", "--smoke", "--out", out.toString()), 2, "already holds a succeeded run of hello-ndarray", "--force");
        assertEquals(0, atelier("run", "hello-ndarray", "--smoke", "--out", out.toString(), "--force", "--set", "n=10").exit());
        assertEquals(45.0, Summary.read(out).metrics().get("sum"));
    }

    @Test
    void failureDuringARunIsOneLineExitOneAndRecorded() {
        Path out = temp.resolve("bug");
        Result result = atelier("run", "fails-on-purpose", "--out", out.toString());
        assertOneErrorLine(result, 1, "fails-on-purpose failed: loss became NaN at epoch 3", out.toString(), "--verbose");
        Summary summary = Summary.read(out);
        assertEquals(Summary.Status.FAILED, summary.status());
        assertEquals("loss became NaN\nat epoch 3", summary.error());
        assertEquals(2.3, summary.metrics().get("initial_loss"));
    }

    @Test
    void userFixableFailureDuringARunExitsTwo() {
        Path out = temp.resolve("data");
        assertOneErrorLine(atelier("run", "fails-on-purpose", "--set", "user_error=true", "--out", out.toString()), 2,
                "train-images-idx3-ubyte is missing; run data/fetch");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Result result = atelier("--verbose", "run", "fails-on-purpose", "--out", temp.resolve("v").toString());
        assertEquals(1, result.exit());
        assertTrue(result.errLines().size() > 3, result.err());
        assertTrue(result.err().contains("at org.atelier.tools.cli.FailingExperiment.run"), result.err());
        Result inherited = atelier("run", "fails-on-purpose", "--verbose", "--out", temp.resolve("w").toString());
        assertTrue(inherited.errLines().size() > 3, "--verbose also works after the command");
    }

    @Test
    void versionAndUsage() {
        Result version = atelier("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("atelier "), version.out());
        assertTrue(version.out().contains("DJL 0.35.0"), version.out());
        Result bare = atelier();
        assertEquals(2, bare.exit());
        assertTrue(bare.err().contains("compare-engines"), bare.err());
    }

    @Test
    void compareEnginesRunsEachEngineInAChildJvmAndTabulates() throws Exception {
        Path out = temp.resolve("compare");
        Result result = atelier("compare-engines", "hello-ndarray", "--smoke", "--set", "n=200", "--out", out.toString());
        assertEquals(0, result.exit(), result.err());
        Summary pytorch = Summary.read(out.resolve("pytorch"));
        Summary mxnet = Summary.read(out.resolve("mxnet"));
        assertEquals(List.of("PyTorch", "MXNet"), List.of(pytorch.engine(), mxnet.engine()));

        List<String> csv = Files.readAllLines(out.resolve(CompareEnginesCommand.CSV.name()));
        assertEquals("metric,PyTorch,MXNet", csv.get(0));
        assertEquals(List.of("duration_s", "peak_rss_mb", "sum", "noise_mean"),
                csv.stream().skip(1).map(l -> l.split(",")[0]).toList());
        String[] sum = csv.get(3).split(",");
        assertEquals(19900.0, Double.parseDouble(sum[1]));
        assertEquals(19900.0, Double.parseDouble(sum[2]));
        String[] rss = csv.get(2).split(",");
        assertEquals(pytorch.metrics().get("peak_rss_mb"), Double.parseDouble(rss[1]), 1e-9);
        assertEquals(mxnet.metrics().get("peak_rss_mb"), Double.parseDouble(rss[2]), 1e-9);
        assertTrue(pytorch.metrics().get("peak_rss_mb") != mxnet.metrics().get("peak_rss_mb"),
                "each engine's memory is measured in its own JVM");

        String markdown = Files.readString(out.resolve(CompareEnginesCommand.MARKDOWN.name()));
        assertTrue(markdown.contains("| metric | PyTorch | MXNet |"), markdown);
        assertTrue(markdown.startsWith("# hello-ndarray on PyTorch 2.7.1 and MXNet "), markdown);
        assertTrue(markdown.contains("| sum | 19900.0000 | 19900.0000 |"), markdown);

        Summary comparison = Summary.read(out);
        assertEquals("compare-engines", comparison.experiment());
        assertEquals("PyTorch,MXNet", comparison.engine());
        assertEquals("hello-ndarray", comparison.params().get("experiment"));
        assertEquals(200L, comparison.params().get("n"));
        assertEquals(19900.0, comparison.metrics().get("sum_mxnet"));
        assertTrue(comparison.metrics().get("peak_rss_mb_pytorch") > 50);
        assertEquals(List.of("comparison.csv", "comparison.md", "mxnet/summary.json", "pytorch/summary.json"),
                comparison.artifacts());
        assertTrue(result.out().contains("run directory: " + out.resolve("mxnet")), "children's output is passed on");
        assertTrue(result.out().strip().endsWith("run directory: " + out), result.out());
    }

    @Test
    void compareEnginesStopsAtAFailingChild() {
        Path out = temp.resolve("child-fails");
        Result result = atelier("compare-engines", "fails-on-purpose", "--engines", "pytorch", "--out", out.toString());
        assertEquals(1, result.exit());
        assertEquals(2, result.errLines().size(), "the child's error line, then the parent's: " + result.err());
        assertTrue(result.errLines().get(0).startsWith("atelier: fails-on-purpose failed: loss became NaN"), result.err());
        assertTrue(result.errLines().get(1).startsWith("atelier: the PyTorch run of fails-on-purpose failed (exit 1"),
                result.err());
        assertTrue(result.errLines().get(1).endsWith(out.resolve("pytorch").toString()), result.err());
        assertEquals(Summary.Status.FAILED, Summary.read(out.resolve("pytorch")).status());
        assertFalse(Files.exists(out.resolve(CompareEnginesCommand.CSV.name())));
    }

    @Test
    void compareEnginesRejectsBadInputBeforeStartingChildren() {
        Path out = temp.resolve("refused");
        assertOneErrorLine(atelier("compare-engines", "hello-ndarray", "--set", "nope=1", "--out", out.toString()), 2,
                "unknown parameter 'nope'");
        assertOneErrorLine(atelier("compare-engines", "hello-ndarray", "--engines", "PyTorch,Theano"), 2,
                "unknown engine 'Theano'", "available: MXNet, PyTorch");
        assertFalse(Files.exists(out));
    }
}

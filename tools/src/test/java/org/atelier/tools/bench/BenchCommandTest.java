package org.atelier.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atelier.core.AtelierException;
import java.util.List;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void smokeRunWritesSummaryAndTable(@TempDir Path out) throws Exception {
        BenchCommand bench = new BenchCommand();
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        bench.setConsole(new PrintStream(table, true, StandardCharsets.UTF_8));
        int exit = new CommandLine(bench).execute("--smoke", "--engines", "PyTorch,MXNet", "--models", "mlp,cnn",
                "--epochs", "1", "--out", out.toString(), "--data-dir", RealData.locator(Datasets.FASHION_MNIST).root().toString());
        assertEquals(0, exit);

        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        assertEquals("bench", summary.get("experiment").getAsString());
        assertEquals("PyTorch,MXNet", summary.get("engine").getAsString());
        assertEquals("cpu", summary.get("device").getAsString());
        assertEquals(512, summary.getAsJsonObject("params").get("train_images").getAsInt());
        JsonObject metrics = summary.getAsJsonObject("metrics");
        for (String engine : new String[] {"pytorch", "mxnet"}) {
            for (String model : new String[] {"mlp", "cnn"}) {
                String variant = "_" + engine + "_" + model;
                double seconds = metrics.get("seconds_per_epoch" + variant).getAsDouble();
                assertTrue(seconds > 0, "seconds_per_epoch" + variant);
                assertEquals(512 / seconds, metrics.get("images_per_second" + variant).getAsDouble(), 1e-6 * 512 / seconds);
                assertTrue(metrics.get("plain_seconds_per_epoch" + variant).getAsDouble() > 0);
            }
        }
        assertTrue(metrics.get("sgemm_gflops").getAsDouble() > 0);
        assertTrue(metrics.get("sgemm_gflops_mxnet").getAsDouble() > 0);
        String printed = table.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("| PyTorch | mlp |"), printed);
        assertTrue(printed.contains("| MXNet | cnn |"), printed);
        Table csv = Table.read().csv(out.resolve("bench.csv").toFile());
        assertEquals(4, csv.rowCount(), "2 engines × 2 models");
        assertEquals(metrics.get("seconds_per_epoch_mxnet_cnn").getAsDouble(),
                csv.where(csv.stringColumn("engine").isEqualTo("MXNet").and(csv.stringColumn("model").isEqualTo("cnn")))
                        .doubleColumn("seconds_per_epoch").get(0), 1e-9);
        assertEquals(List.of("bench.csv", "bench.md"),
                summary.getAsJsonArray("artifacts").asList().stream().map(e -> e.getAsString()).toList());
    }

    @Test
    void unknownModelIsAOneLineError() {
        BenchCommand bench = new BenchCommand();
        CommandLine cli = new CommandLine(bench);
        cli.parseArgs("--models", "mlp,resnet");
        AtelierException error = org.junit.jupiter.api.Assertions.assertThrows(AtelierException.class, bench::call);
        assertEquals("unknown bench model 'resnet'; use softmax, mlp, cnn", error.getMessage());
    }

    @Test
    void badDeviceIsAOneLineErrorBeforeAnyWork() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--device", "tpu", "--data-dir", "/nonexistent");
        AtelierException error = org.junit.jupiter.api.Assertions.assertThrows(AtelierException.class, bench::call);
        assertTrue(error.getMessage().startsWith("unknown device 'tpu'"), error.getMessage());
    }
}

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
import org.atelier.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void smokeRunWritesSummaryAndTable(@TempDir Path out) throws Exception {
        BenchCommand bench = new BenchCommand();
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        bench.setConsole(new PrintStream(table, true, StandardCharsets.UTF_8));
        int exit = new CommandLine(bench).execute("--smoke", "--engines", "PyTorch,MXNet", "--models", "mlp,cnn",
                "--epochs", "1", "--out", out.toString(), "--data-dir", TestData.directory().toString());
        assertEquals(0, exit);

        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        assertEquals("bench", summary.get("experiment").getAsString());
        assertEquals("PyTorch,MXNet", summary.get("engine").getAsString());
        assertEquals(512, summary.getAsJsonObject("params").get("train_images").getAsInt());
        JsonObject metrics = summary.getAsJsonObject("metrics");
        for (String engine : new String[] {"pytorch", "mxnet"}) {
            for (String model : new String[] {"mlp", "cnn"}) {
                String prefix = engine + "_" + model + "_";
                double seconds = metrics.get(prefix + "seconds_per_epoch").getAsDouble();
                assertTrue(seconds > 0, prefix + "seconds_per_epoch");
                assertEquals(512 / seconds, metrics.get(prefix + "images_per_second").getAsDouble(), 1e-6 * 512 / seconds);
                assertTrue(metrics.get(prefix + "plain_seconds_per_epoch").getAsDouble() > 0);
            }
        }
        assertTrue(metrics.get("sgemm_gflops").getAsDouble() > 0);
        String printed = table.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("PyTorch  mlp"), printed);
        assertTrue(printed.contains("MXNet    cnn"), printed);
    }

    @Test
    void unknownModelIsAOneLineError() {
        BenchCommand bench = new BenchCommand();
        CommandLine cli = new CommandLine(bench);
        cli.parseArgs("--models", "mlp,resnet");
        AtelierException error = org.junit.jupiter.api.Assertions.assertThrows(AtelierException.class, bench::call);
        assertEquals("unknown bench model 'resnet'; use softmax, mlp, cnn", error.getMessage());
    }
}

package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.ScriptedFit;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private static final String NUMBER = "\\d+\\.\\d{4}";
    private static final String VALUES = " - loss: " + NUMBER + " - accuracy: " + NUMBER
            + " - val_loss: " + NUMBER + " - val_accuracy: " + NUMBER;

    @OnEachEngine
    void plainModePrintsOneLinePerEpoch(String engine) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        TrainingTest.fit(engine, Models.softmaxRegression(4), SyntheticData.blobs(200, 8, 4, 1),
                SyntheticData.blobs(50, 8, 4, 2), TrainingTest.base().setEpochs(2).optProgress(printer));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, bytes.toString(StandardCharsets.UTF_8));
        for (int i = 0; i < 2; i++) {
            assertTrue(lines[i].matches("Epoch " + (i + 1) + "/2 - \\d+\\.\\ds" + VALUES), lines[i]);
        }
    }

    @Test
    void terminalModeRedrawsTheBarInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        FitContext fit = new ScriptedFit(10, 0.1) {
            @Override
            public int batchesPerEpoch() {
                return 938;
            }
        };
        printer.onFitBegin(fit);
        printer.onEpochBegin(fit, 3);
        printer.onBatchEnd(fit, new FixedProgress(469, 938));
        printer.onEpochEnd(fit, new EpochRecord(3, 0.3822, 0.9736, 0.41, 0.86, 0.1, 5.2, 2814));
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] parts = out.split("\r");
        assertEquals("Epoch 3/10\n", parts[0]);
        assertTrue(parts[1].matches("469/938 \\[={14}>\\.{15}\\] - 2s 5ms/step - loss: 0\\.5000 - accuracy: 0\\.7500"),
                parts[1]);
        assertEquals("938/938 [==============================] - 5s 6ms/step - loss: 0.3822 - accuracy: 0.9736"
                + " - val_loss: 0.4100 - val_accuracy: 0.8600\n", parts[2]);
    }

    /** A mid-epoch state with fixed numbers. */
    private record FixedProgress(int batch, int batches) implements BatchProgress {
        @Override
        public int epoch() {
            return 3;
        }

        @Override
        public long elapsedNanos() {
            return 2_400_000_000L;
        }

        @Override
        public double runningLoss() {
            return 0.5;
        }

        @Override
        public double runningAccuracy() {
            return 0.75;
        }
    }
}

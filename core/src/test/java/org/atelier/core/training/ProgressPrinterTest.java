package org.atelier.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.atelier.core.AtelierException;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.ScriptedFit;
import org.junit.jupiter.api.Test;

/** Keras's {@code verbose} levels: what a real fit prints at 0, 1 and 2, and the bar drawn in place. */
class ProgressPrinterTest {

    private static final String NUMBER = "\\d+\\.\\d{4}";
    private static final String VALUES = " - loss: " + NUMBER + " - accuracy: " + NUMBER
            + " - val_loss: " + NUMBER + " - val_accuracy: " + NUMBER;
    /** 200 training samples at batch 64: ⌈200 / 64⌉ = 4 steps per epoch (the last batch holds 8). */
    private static final int SAMPLES = 200;
    private static final int BATCH = 64;

    @OnEachEngine
    void levelZeroPrintsNothing(String engine) {
        assertEquals("", fitPrinting(engine, 3, (config, out) -> config.optVerbose(0, out)));
    }

    @OnEachEngine
    void levelTwoPrintsOneLinePerEpoch(String engine) {
        String[] lines = fitPrinting(engine, 3, (config, out) -> config.optVerbose(2, out)).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        for (int i = 0; i < 3; i++) {
            assertTrue(lines[i].matches("Epoch " + (i + 1) + "/3 - \\d+\\.\\ds" + VALUES), lines[i]);
        }
    }

    @OnEachEngine
    void levelOnePrintsEachEpochsHeaderAndFinishedBarOfCeilNOverBatchSteps(String engine) {
        String printed = fitPrinting(engine, 2, (config, out) -> config.optVerbose(1, out));
        // off a terminal (as under Maven) each bar is printed once, finished; on one it is redrawn
        // with \r first, so the line read is what follows the last \r
        List<String> lines = Arrays.stream(printed.split("\n")).map(l -> l.substring(l.lastIndexOf('\r') + 1)).toList();
        assertEquals(4, lines.size(), printed);
        for (int epoch = 1; epoch <= 2; epoch++) {
            assertEquals("Epoch " + epoch + "/2", lines.get(2 * epoch - 2));
            assertTrue(lines.get(2 * epoch - 1).matches("4/4 \\[={30}\\] - \\d+s \\d+ms/step" + VALUES),
                    lines.get(2 * epoch - 1));
        }
    }

    @OnEachEngine
    void levelOneOffATerminalPrintsNoCarriageReturns(String engine) {
        String printed = fitPrinting(engine, 2,
                (config, out) -> config.optProgress(new ProgressPrinter(out, Verbosity.PROGRESS_BAR, false)));
        assertTrue(!printed.contains("\r") && printed.split("\n").length == 4, printed);
    }

    @Test
    void levelsOtherThanKerasesAreRefusedInOneLine() {
        for (int level : new int[] {-1, 3}) {
            AtelierException e = assertThrows(AtelierException.class, () -> FitConfig.builder().optVerbose(level));
            assertEquals("verbose must be 0 (silent), 1 (progress bar) or 2 (one line per epoch), as in Keras's fit;"
                    + " got " + level, e.getMessage());
        }
        assertEquals(Verbosity.ONE_LINE_PER_EPOCH, Verbosity.of(2));
    }

    @Test
    void terminalModeRedrawsTheBarInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Verbosity.PROGRESS_BAR, true);
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

    @Test
    void epochLineIsLevelTwosLine() {
        assertEquals("Epoch 3/10 - 5.2s - loss: 0.3822 - accuracy: 0.9736 - val_loss: 0.4100 - val_accuracy: 0.8600",
                ProgressPrinter.epochLine(new EpochRecord(3, 0.3822, 0.9736, 0.41, 0.86, 0.1, 5.2, 2814), 10));
    }

    /** A fit of {@link #SAMPLES} blobs at batch {@link #BATCH}, printing as {@code configure} sets it up, to a buffer. */
    private static String fitPrinting(String engine, int epochs, BiConsumer<FitConfig.Builder, PrintStream> configure) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FitConfig.Builder config = FitConfig.builder().setEpochs(epochs).setBatchSize(BATCH);
        configure.accept(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        TrainingTest.fit(engine, Models.softmaxRegression(4), SyntheticData.blobs(SAMPLES, 8, 4, 1),
                SyntheticData.blobs(50, 8, 4, 2), config);
        return bytes.toString(StandardCharsets.UTF_8);
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

package org.atelier.core.training;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Keras-style progress. On a terminal, a bar redrawn in place with {@code \r}:
 * <pre>{@code
 * Epoch 3/10
 * 938/938 [==============================] - 5s 5ms/step - loss: 0.3822 - accuracy: 0.8736 - val_loss: 0.4011 - val_accuracy: 0.8590
 * }</pre>
 * Elsewhere (a log file, a pipe, a test) one plain line per epoch:
 * <pre>{@code
 * Epoch 3/10 - 5.1s - loss: 0.3822 - accuracy: 0.8736 - val_loss: 0.4011 - val_accuracy: 0.8590
 * }</pre>
 * The bar is redrawn at most every {@value #REDRAW_MILLIS} ms because each redraw reads the
 * running loss from the device.
 */
public final class ProgressPrinter implements FitListener {

    /** Minimum time between two redraws of the bar. */
    public static final long REDRAW_MILLIS = 250;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private int maxEpochs;
    private int batchesPerEpoch;
    private long lastDraw;

    /**
     * Creates a printer.
     *
     * @param out where to print
     * @param terminal true for the in-place bar, false for one line per epoch
     */
    public ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * A printer that draws the bar when the JVM has a console and plain lines otherwise.
     *
     * @param out where to print
     * @return the printer
     */
    public static ProgressPrinter auto(PrintStream out) {
        return new ProgressPrinter(out, System.console() != null);
    }

    @Override
    public void onFitBegin(FitContext context) {
        this.maxEpochs = context.maxEpochs();
        this.batchesPerEpoch = context.batchesPerEpoch();
    }

    @Override
    public void onEpochBegin(FitContext context, int epoch) {
        if (terminal) {
            out.println("Epoch " + epoch + "/" + maxEpochs);
            lastDraw = 0;
        }
    }

    @Override
    public void onBatchEnd(FitContext context, BatchProgress p) {
        long now = System.nanoTime() / 1_000_000;
        if (terminal && p.batch() < p.batches() && now - lastDraw >= REDRAW_MILLIS) {
            lastDraw = now;
            out.print("\r" + bar(p.batch(), p.batches(), p.elapsedNanos() / 1e9)
                    + metrics(p.runningLoss(), p.runningAccuracy()));
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(FitContext context, EpochRecord r) {
        String values = metrics(r.trainLoss(), r.trainAccuracy()) + validation(r);
        if (terminal && r.epoch() > 0) {
            out.println("\r" + bar(batchesPerEpoch, batchesPerEpoch, r.seconds()) + values);
        } else {
            out.println(String.format(Locale.ROOT, "Epoch %d/%d - %.1fs", r.epoch(), maxEpochs, r.seconds()) + values);
        }
        out.flush();
    }

    private String bar(int done, int total, double seconds) {
        int filled = (int) ((long) BAR_WIDTH * done / total);
        String arrow = filled < BAR_WIDTH ? ">" : "";
        String bar = "=".repeat(Math.max(0, filled - arrow.length())) + arrow + ".".repeat(BAR_WIDTH - filled);
        long perStepMs = Math.round(seconds * 1000 / done);
        return String.format(Locale.ROOT, "%d/%d [%s] - %.0fs %dms/step", done, total, bar, seconds, perStepMs);
    }

    private static String metrics(double loss, double accuracy) {
        return String.format(Locale.ROOT, " - loss: %.4f - accuracy: %.4f", loss, accuracy);
    }

    private static String validation(EpochRecord r) {
        return r.hasValidation()
                ? String.format(Locale.ROOT, " - val_loss: %.4f - val_accuracy: %.4f", r.valLoss(), r.valAccuracy())
                : "";
    }
}

package org.atelier.core.training;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Keras-style progress at Keras's {@code verbose} levels ({@link Verbosity}). Level 1 on a
 * terminal: the epoch's header, then a bar of its ⌈N / batch⌉ steps redrawn in place with {@code \r}:
 * <pre>{@code
 * Epoch 3/10
 * 938/938 [==============================] - 5s 5ms/step - loss: 0.3822 - accuracy: 0.8736 - val_loss: 0.4011 - val_accuracy: 0.8590
 * }</pre>
 * Level 1 elsewhere (a log file, a pipe): the same two lines per epoch, the bar printed once,
 * finished, as Keras's progress bar does without a dynamic display (Keras would add a line per
 * redraw; a log gains nothing from them). Level 2: one plain line per epoch:
 * <pre>{@code
 * Epoch 3/10 - 5.1s - loss: 0.3822 - accuracy: 0.8736 - val_loss: 0.4011 - val_accuracy: 0.8590
 * }</pre>
 * Level 0 prints nothing. Epoch 0 (the evaluation before training, when requested) is always a
 * plain line. The bar is redrawn at most every {@value #REDRAW_MILLIS} ms because each redraw
 * reads the running loss from the device.
 */
public final class ProgressPrinter implements FitListener {

    /** Minimum time between two redraws of the bar. */
    public static final long REDRAW_MILLIS = 250;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final Verbosity verbosity;
    private final boolean terminal;
    private int maxEpochs;
    private int batchesPerEpoch;
    private long lastDraw;

    /**
     * Creates a printer.
     *
     * @param out where to print
     * @param verbosity what to print
     * @param terminal whether {@code out} is a terminal, on which level 1 redraws its bar in place
     */
    public ProgressPrinter(PrintStream out, Verbosity verbosity, boolean terminal) {
        this.out = out;
        this.verbosity = verbosity;
        this.terminal = terminal;
    }

    /**
     * A printer at a level, drawing the bar in place when the JVM has a console.
     *
     * @param out where to print
     * @param verbosity what to print
     * @return the printer
     */
    public static ProgressPrinter of(PrintStream out, Verbosity verbosity) {
        return new ProgressPrinter(out, verbosity, System.console() != null);
    }

    /**
     * The default of {@link FitConfig}: the bar (level 1) when the JVM has a console and one line per
     * epoch (level 2) otherwise, which is what Keras's {@code verbose="auto"} amounts to in a
     * notebook and in a log.
     *
     * @param out where to print
     * @return the printer
     */
    public static ProgressPrinter auto(PrintStream out) {
        boolean terminal = System.console() != null;
        return new ProgressPrinter(out, terminal ? Verbosity.PROGRESS_BAR : Verbosity.ONE_LINE_PER_EPOCH, terminal);
    }

    /** What this printer prints. */
    public Verbosity verbosity() {
        return verbosity;
    }

    @Override
    public void onFitBegin(FitContext context) {
        this.maxEpochs = context.maxEpochs();
        this.batchesPerEpoch = context.batchesPerEpoch();
    }

    @Override
    public void onEpochBegin(FitContext context, int epoch) {
        if (verbosity == Verbosity.PROGRESS_BAR) {
            out.println("Epoch " + epoch + "/" + maxEpochs);
            lastDraw = 0;
        }
    }

    @Override
    public void onBatchEnd(FitContext context, BatchProgress p) {
        long now = System.nanoTime() / 1_000_000;
        if (verbosity == Verbosity.PROGRESS_BAR && terminal && p.batch() < p.batches() && now - lastDraw >= REDRAW_MILLIS) {
            lastDraw = now;
            out.print("\r" + bar(p.batch(), p.batches(), p.elapsedNanos() / 1e9)
                    + metrics(p.runningLoss(), p.runningAccuracy()));
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(FitContext context, EpochRecord r) {
        if (verbosity == Verbosity.SILENT) {
            return;
        }
        if (verbosity == Verbosity.PROGRESS_BAR && r.epoch() > 0) {
            out.println((terminal ? "\r" : "") + bar(batchesPerEpoch, batchesPerEpoch, r.seconds())
                    + metrics(r.trainLoss(), r.trainAccuracy()) + validation(r));
        } else {
            out.println(epochLine(r, maxEpochs));
        }
        out.flush();
    }

    /**
     * The line level 2 prints for an epoch, e.g. {@code Epoch 3/10 - 5.1s - loss: 0.3822 - accuracy:
     * 0.8736 - val_loss: 0.4011 - val_accuracy: 0.8590}: also to write a finished history as Keras's log.
     *
     * @param r the epoch
     * @param maxEpochs the fit's epochs
     * @return the line, without a line break
     */
    public static String epochLine(EpochRecord r, int maxEpochs) {
        return String.format(Locale.ROOT, "Epoch %d/%d - %.1fs", r.epoch(), maxEpochs, r.seconds())
                + metrics(r.trainLoss(), r.trainAccuracy()) + validation(r);
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

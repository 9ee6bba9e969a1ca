package org.atelier.experiments.study3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.atelier.core.prediction.RunModels;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import org.atelier.core.report.StudyReport.Section;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.ColorMap;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.FigureRow;
import org.atelier.core.report.chart.HeatMap;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.atelier.core.training.ProgressPrinter;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.TrialSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The words and figures of {@code keras-history}: each method turns one finding into its report
 * section, answer and metrics, so that a number cannot differ between {@code report.md} and
 * {@code summary.json}. {@link KerasHistory} computes, this class explains.
 */
final class KerasHistoryReport {

    /** The sheet's fit, one row per epoch, Keras's keys as columns. */
    static final RunFile HISTORY = new RunFile("history.csv",
            "the sheet's fit per epoch with Keras's keys as columns: epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds");

    private final StudyReport report;

    /**
     * Starts the report.
     *
     * @param smoke whether the run is a smoke run, whose numbers mean nothing
     */
    KerasHistoryReport(boolean smoke) {
        this.report = new Study3Report("Keras's training history on MNIST, and epochs × batch size", smoke).report();
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    // ----- files ----------------------------------------------------------------------------

    /** Keras's {@code pd.DataFrame(history.history)} with the epoch and each epoch's seconds. */
    static Table historyTable(History history) {
        Table table = history.toKerasTable();
        table.addColumns(DoubleColumn.create("seconds", history.epochs().stream().filter(e -> e.epoch() > 0)
                .mapToDouble(EpochRecord::seconds)));
        return table;
    }

    /** The fit's log as Keras's {@code verbose=2} prints it, one line per epoch. */
    static String log(History history, int epochs) {
        return history.epochs().stream().filter(e -> e.epoch() > 0).map(e -> ProgressPrinter.epochLine(e, epochs))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    // ----- step 1: the sheet's fit ------------------------------------------------------------

    void fit(TrialSpec sheet, History history, long parameters, int trainImages, int validationImages, RunFile log,
            RunFile table) {
        FitSpec fit = sheet.fit();
        String hidden = sheet.model().args().get(0);
        int steps = steps(trainImages, fit.batchSize());
        String keras = String.join("\n", "```python",
                "model = keras.Sequential([",
                "    keras.layers.Dense(" + hidden + ", activation=\"relu\", input_shape=(784,)),",
                "    keras.layers.Dense(10, activation=\"softmax\")])",
                String.format(Locale.ROOT, "model.compile(optimizer=keras.optimizers.Adam(%s),", fit.learningRate()),
                "              loss=\"sparse_categorical_crossentropy\", metrics=[\"accuracy\"])",
                String.format(Locale.ROOT, "model_history = model.fit(x_train, y_train, epochs=%d, batch_size=%d,",
                        fit.maxEpochs(), fit.batchSize()),
                "                          validation_data=(x_val, y_val))",
                "model_history.history.keys()",
                "```");
        String[] lines = log(history, fit.maxEpochs()).split("\n");
        section("The sheet's network and fit")
                .paragraph(String.format(Locale.ROOT, "The sheet continues with the network of its predecessor "
                        + "(\"Neuronales Netzwerk – MNIST 1\"), which it does not print; this is Keras's classic dense "
                        + "MNIST network (also hyperparameter-search's): a hidden Dense layer of %s ReLU units and a "
                        + "softmax output, %d trainable parameters (784·%s + %s weights and biases into the hidden "
                        + "layer, %s·10 + 10 into the output), Glorot-uniform weights and zero biases (Keras's "
                        + "defaults), Adam at rate %s (Keras's default rate; Chollet's version of this network uses "
                        + "RMSprop, which Atelier's trials do not offer), cross-entropy. Atelier runs the same as a trial "
                        + "(`ModelSpec.mlp(10, %s)`, `FitSpec`: Adam, batch %d, %d epochs, `glorot-uniform`); its "
                        + "logits go into a softmax cross-entropy, which is Keras's softmax layer and loss in one.",
                        hidden, parameters, hidden, hidden, hidden, fit.learningRate(), hidden, fit.batchSize(),
                        fit.maxEpochs()))
                .paragraph(keras)
                .paragraph(String.format(Locale.ROOT, "The sheet passes the test images as `validation_data`; here the "
                        + "validation data are %d training images held out (stratified), so that the test images "
                        + "judge the finished model once (§4) and nothing is chosen on them. That leaves %d training "
                        + "images: at batch %d an epoch is ⌈%d / %d⌉ = **%d updates** (the sheet's 60 000 / 64 = 937.5 "
                        + "→ 938 is the same rule). `History.keys()` lists %s (Keras adds `lr` with a learning-rate "
                        + "callback; here it is always recorded). The log, as Keras prints it with `verbose=2` "
                        + "(`FitConfig.optVerbose(2)`; `verbose=1` prints `%d/%d [==============================] - …` "
                        + "per epoch), is in %s, the values in %s:", validationImages, trainImages, fit.batchSize(), trainImages,
                        fit.batchSize(), steps, history.keys().stream().map(k -> "`" + k + "`")
                                .collect(Collectors.joining(", ")), steps, steps, log.name(), table.name()))
                .paragraph("```\n" + String.join("\n", lines) + "\n```")
                .answer(String.format(Locale.ROOT, "**Keras's history:** `fit` returns a `History` with the keys %s; "
                        + "%d epochs of ⌈%d / %d⌉ = %d updates each.", String.join(", ", history.keys()),
                        history.last().epoch(), trainImages, fit.batchSize(), steps))
                .metric("parameters", parameters)
                .metric("steps_per_epoch", steps)
                .metric("seconds_per_epoch", history.totalSeconds() / history.last().epoch());
    }

    void accuracy(History history, RunFile training, RunFile trainVal) {
        double[] accuracy = history.get("accuracy");
        double[] valAccuracy = history.get("val_accuracy");
        int top = argMax(valAccuracy) + 1;
        int last = accuracy.length;
        section("Accuracy per epoch")
                .paragraph(String.format(Locale.ROOT, "`model_history.history[\"accuracy\"]` holds one value per "
                        + "epoch (%d here): %s. Keras's training accuracy of an epoch is the running mean over its "
                        + "batches while the weights still change, so it lags the network at the epoch's end.",
                        last, Arrays.stream(accuracy).mapToObj(a -> String.format(Locale.ROOT, "%.4f", a))
                                .collect(Collectors.joining(", "))))
                .image("training accuracy per epoch", training)
                .paragraph(String.format(Locale.ROOT, "With `validation_data`, `val_accuracy` is measured on the "
                        + "held-out images after each epoch. Training accuracy climbs from %.2f %% to %.2f %%; "
                        + "validation accuracy from %.2f %% to %.2f %%, highest after epoch %d (%.2f %%). %s",
                        100 * accuracy[0], 100 * accuracy[last - 1], 100 * valAccuracy[0], 100 * valAccuracy[last - 1],
                        top, 100 * valAccuracy[top - 1], accuracy[last - 1] > valAccuracy[last - 1]
                                ? String.format(Locale.ROOT, "At the end the network is right on %.2f points more "
                                        + "of the images it trains on than of new ones.",
                                        100 * (accuracy[last - 1] - valAccuracy[last - 1]))
                                : "At the end training accuracy has not passed validation accuracy."))
                .image("training and validation accuracy per epoch", trainVal);
    }

    void loss(History history, RunFile figure) {
        EpochRecord best = history.best();
        EpochRecord last = history.last();
        String verdict = best.epoch() < last.epoch()
                ? String.format(Locale.ROOT, "after epoch %d it is %.4f, %+.0f %% above its minimum. This is the "
                        + "sheet's dashed line: training longer than epoch %d only fits the training images better "
                        + "(their loss keeps falling) while new images are predicted with more confidence in the wrong "
                        + "places, although the validation accuracy moves little (%.2f %% at epoch %d, %.2f %% at epoch "
                        + "%d): the loss punishes confident mistakes, which accuracy does not see.", last.epoch(),
                        last.valLoss(), 100 * (last.valLoss() / best.valLoss() - 1), best.epoch(),
                        100 * best.valAccuracy(), best.epoch(), 100 * last.valAccuracy(), last.epoch())
                : "that is the last epoch: the validation loss was still falling when the fit ended, so these "
                        + "epochs show no point to stop at; more epochs may still help.";
        section("Training against validation loss: when to stop")
                .paragraph(String.format(Locale.ROOT, "The training loss (`loss`) falls from %.4f to %.4f. The "
                        + "validation loss (`val_loss`) is lowest after **epoch %d** (%.4f), the marked line; %s",
                        history.get("loss")[0], last.trainLoss(), best.epoch(), best.valLoss(), verdict))
                .image("training and validation loss per epoch", figure)
                .answer(best.epoch() < last.epoch()
                        ? String.format(Locale.ROOT, "**When to stop:** the validation loss stops improving after "
                                + "epoch %d of %d (%.4f; %.4f at the end); Keras's `EarlyStopping(patience=…, "
                                + "restore_best_weights=True)` would keep that epoch.", best.epoch(), last.epoch(),
                                best.valLoss(), last.valLoss())
                        : String.format(Locale.ROOT, "**When to stop:** not within these %d epochs: the validation "
                                + "loss was still falling at the last (%.4f).", last.epoch(), last.valLoss()))
                .metric("best_epoch", best.epoch())
                .metric("best_val_loss", best.valLoss())
                .metric("val_loss", last.valLoss())
                .metric("val_accuracy", last.valAccuracy())
                .metric("accuracy", last.trainAccuracy())
                .metric("loss", last.trainLoss());
    }

    void test(TrainedModel trained, int testImages, double reloadedAgreement, RunFile models) {
        EpochRecord last = trained.history().last();
        section("The test set, once; the model saved and loaded")
                .paragraph(String.format(Locale.ROOT, "`model.evaluate(x_test, y_test)` after the fit, i.e. with "
                        + "the last epoch's weights (Keras keeps no other without a callback): **test accuracy "
                        + "%.2f %%** on the %d test images, against %.2f %% validation accuracy after the same epoch.",
                        100 * trained.testAccuracy(), testImages, 100 * last.valAccuracy()))
                .paragraph(String.format(Locale.ROOT, "The sheet's last task, `model.save` and `load_model`: the model "
                        + "is saved under `%s/%s/` (DJL's parameters and `model.json`: network, normalization, "
                        + "class names; `%s` names it the default) and loaded back from there as another program "
                        + "would load it, which classifies %.2f %% of the test images as the trained model did. "
                        + "`./atelier predict --run RUN_DIR IMAGE...` uses it.",
                        RunModels.FOLDER, trained.spec().id(), models.name(),
                        100 * reloadedAgreement))
                .answer(String.format(Locale.ROOT, "**Test accuracy** of the fitted network: %.2f %%; saved and "
                        + "loaded back it predicts %.2f %% of the test images identically.",
                        100 * trained.testAccuracy(), 100 * reloadedAgreement))
                .metric("test_accuracy", trained.testAccuracy())
                .metric("reloaded_agreement", reloadedAgreement);
    }

    // ----- step 2: epochs × batch size --------------------------------------------------------

    void grid(EpochsBatchGrid grid, int trainImages, RunFile table, RunFile heatMaps, RunFile curves, String load) {
        EpochsBatchGrid.Plan plan = grid.plan();
        EpochsBatchGrid.Cell best = grid.best();
        EpochsBatchGrid.Cell quick = grid.quickestNearBest();
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < plan.batchSizes().size(); row++) {
            int batch = plan.batchSizes().get(row);
            EpochRecord rowBest = grid.bestEpoch(row);
            EpochsBatchGrid.Cell end = cell(grid, batch, plan.maxEpochs());
            rows.add(String.format(Locale.ROOT, "batch %d: %d updates per epoch, %.3g s per epoch; validation loss "
                    + "lowest after epoch %d (%.4f), %.4f after epoch %d, where validation − training loss is %+.4f "
                    + "and training − validation accuracy %+.2f points", batch, steps(trainImages, batch),
                    grid.secondsPerEpoch(row), rowBest.epoch(), rowBest.valLoss(), end.valLoss(), end.epochs(),
                    end.gapLoss(), 100 * end.gapAccuracy()));
        }
        int smallest = plan.batchSizes().get(0);
        int largest = plan.batchSizes().get(plan.batchSizes().size() - 1);
        int smallestBest = grid.bestEpoch(0).epoch();
        int largestBest = grid.bestEpoch(plan.batchSizes().size() - 1).epoch();
        Section section = section("Epochs × batch size: which combinations converge best")
                .paragraph(String.format(Locale.ROOT, "The sheet asks to try epochs and batch sizes until the curves "
                        + "converge as well as possible. The same network and optimizer are fitted with batch sizes %s "
                        + "for %d epochs each, and every epochs value of %s is read from that fit's history: with a "
                        + "fixed learning rate and each epoch's batch order drawn from the seed and the epoch's number, "
                        + "the first E epochs of a longer fit are exactly a fit of E epochs (a learning-rate schedule "
                        + "over the whole fit would need one fit per cell). A cell converges well when its final "
                        + "validation loss is low; its gap (validation − training loss, training loss as Keras "
                        + "reports it) says how far it has begun to fit the training images only; its wall time is "
                        + "the cost. All cells are in %s:", plan.batchSizes(), plan.maxEpochs(), plan.epochs(),
                        table.name()))
                .table(grid.table(), 4)
                .image("heat maps of validation loss, gap and wall time over epochs × batch size", heatMaps)
                .bullets(rows)
                .image("training and validation loss per epoch by batch size", curves)
                .paragraph(String.format(Locale.ROOT, "**Best: batch %d for %d epochs**, validation loss %.4f "
                        + "(validation accuracy %.2f %%, gap %+.4f, %.1f s). %s Smaller batches make more updates "
                        + "per epoch (%d at batch %d against %d at batch %d), so their validation loss %s; larger "
                        + "batches need more epochs for the same number of updates but each epoch costs less. %s%s",
                        best.batchSize(), best.epochs(), best.valLoss(),
                        100 * best.valAccuracy(), best.gapLoss(), best.seconds(),
                        quick.equals(best) ? "No cell within " + Math.round(100 * EpochsBatchGrid.NEAR_BEST)
                                + " % of its validation loss is quicker."
                                : String.format(Locale.ROOT, "Within %d %% of its validation loss, batch %d for %d "
                                        + "epochs (%.4f) takes %.1f s instead of %.1f s.",
                                        Math.round(100 * EpochsBatchGrid.NEAR_BEST), quick.batchSize(),
                                        quick.epochs(), quick.valLoss(), quick.seconds(), best.seconds()),
                        steps(trainImages, smallest), smallest, steps(trainImages, largest), largest,
                        smallestBest < largestBest ? String.format(Locale.ROOT, "bottoms out in fewer epochs (epoch "
                                + "%d at batch %d, %d at batch %d)", smallestBest, smallest, largestBest, largest)
                                : String.format(Locale.ROOT, "does not bottom out in fewer epochs here (epoch %d at "
                                        + "batch %d, %d at batch %d)", smallestBest, smallest, largestBest, largest),
                        overfitting(grid), load))
                .answer(String.format(Locale.ROOT, "**Epochs × batch size:** lowest validation loss with batch %d "
                        + "for %d epochs (%.4f, %.1f s); %s", best.batchSize(), best.epochs(), best.valLoss(),
                        best.seconds(), quick.equals(best) ? "no quicker cell comes within "
                                + Math.round(100 * EpochsBatchGrid.NEAR_BEST) + " % of it."
                                : String.format(Locale.ROOT, "within %d %% of it the quickest is batch %d for %d "
                                        + "epochs (%.1f s).", Math.round(100 * EpochsBatchGrid.NEAR_BEST),
                                        quick.batchSize(), quick.epochs(), quick.seconds())))
                .metric("grid_best_batch_size", best.batchSize())
                .metric("grid_best_epochs", best.epochs())
                .metric("grid_best_val_loss", best.valLoss())
                .metric("grid_best_gap", best.gapLoss())
                .metric("grid_best_seconds", best.seconds())
                .metric("grid_quick_batch_size", quick.batchSize())
                .metric("grid_quick_epochs", quick.epochs())
                .metric("grid_quick_seconds", quick.seconds());
        for (int row = 0; row < plan.batchSizes().size(); row++) {
            section.metric("seconds_per_epoch_batch_" + plan.batchSizes().get(row), grid.secondsPerEpoch(row));
        }
    }

    /** What the rows that passed their lowest validation loss did afterwards. */
    private static String overfitting(EpochsBatchGrid grid) {
        List<String> passed = new ArrayList<>();
        for (int row = 0; row < grid.histories().size(); row++) {
            History history = grid.histories().get(row);
            EpochRecord best = history.best();
            EpochRecord last = history.last();
            if (best.epoch() < last.epoch()) {
                passed.add(String.format(Locale.ROOT, "batch %d (validation loss %.4f → %.4f, training loss %.4f → "
                        + "%.4f)", grid.plan().batchSizes().get(row), best.valLoss(), last.valLoss(), best.trainLoss(),
                        last.trainLoss()));
            }
        }
        return passed.isEmpty() ? "Every row's validation loss was still lowest at its last epoch: longer fits might "
                + "still converge further."
                : "Past its lowest point a row's validation loss rises while its training loss keeps falling, so "
                        + "more epochs only widen the gap; from the lowest point to epoch " + grid.plan().maxEpochs()
                        + ": " + String.join("; ", passed) + ".";
    }

    // ----- figures ----------------------------------------------------------------------------

    /** The sheet's figure 1: training accuracy per epoch. */
    static Figure trainingAccuracy(History history) {
        double[] epochs = epochs(history);
        return EpochAxis.wholeEpochs(LineChart.builder().title("Training accuracy per epoch").xLabel("epoch")
                .yLabel("accuracy (%)").markers(true).series("training", epochs, percent(history.get("accuracy")))
                .build());
    }

    /** The sheet's figure 2: training and validation accuracy, the epoch of lowest validation loss marked. */
    static Figure accuracyTrainVal(History history) {
        double[] epochs = epochs(history);
        return EpochAxis.wholeEpochs(LineChart.builder().title("Training and validation accuracy per epoch")
                .xLabel("epoch").yLabel("accuracy (%)").markers(true)
                .series("training", epochs, percent(history.get("accuracy")))
                .series("validation", epochs, percent(history.get("val_accuracy")))
                .markX(history.bestEpoch(), "lowest validation loss: epoch " + history.bestEpoch()).build());
    }

    /** Training and validation loss, the epoch after which the validation loss stops improving marked. */
    static Figure lossTrainVal(History history) {
        double[] epochs = epochs(history);
        return EpochAxis.wholeEpochs(LineChart.builder().title("Training and validation loss per epoch")
                .xLabel("epoch").yLabel("cross-entropy loss (log scale)").logY(true).markers(true)
                .series("training (loss)", epochs, history.get("loss"))
                .series("validation (val_loss)", epochs, history.get("val_loss"))
                .markX(history.bestEpoch(), "validation loss stops improving: epoch " + history.bestEpoch()).build());
    }

    /** Three heat maps side by side: validation loss (best outlined), gap, wall time. */
    static Figure heatMaps(EpochsBatchGrid grid) {
        List<String> columns = grid.plan().epochs().stream().map(String::valueOf).toList();
        List<String> rows = grid.plan().batchSizes().stream().map(String::valueOf).toList();
        int[] best = grid.position(grid.best());
        double[][] gaps = grid.values(EpochsBatchGrid.Cell::gapLoss);
        double widest = Arrays.stream(gaps).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(1);
        ChartFigure loss = panel("Validation loss (outlined: lowest)", columns, rows)
                .values(grid.values(EpochsBatchGrid.Cell::valLoss)).valueLabel("validation loss")
                .colorMap(ColorMap.BLUES.reversed()).cellFormat("%.4f").highlight(best[0], best[1]).build();
        ChartFigure gap = panel("Validation − training loss", columns, rows).values(gaps)
                .valueLabel("val_loss − loss (red: overfitting)").colorMap(ColorMap.DIVERGING)
                .range(-Math.max(widest, 1e-6), Math.max(widest, 1e-6)).cellFormat("%+.3f").build();
        ChartFigure time = panel("Wall time", columns, rows).values(grid.values(EpochsBatchGrid.Cell::seconds))
                .valueLabel("wall time (s)").cellFormat("%.3g").build();
        return new FigureRow("Epochs × batch size on MNIST: after E epochs of each batch size", List.of(loss, gap, time));
    }

    private static HeatMap.Builder panel(String title, List<String> columns, List<String> rows) {
        return HeatMap.builder().title(title).xLabel("epochs").yLabel("batch size").columns(columns).rows(rows)
                .size(640, 520);
    }

    /** Every batch size's training (dashed) and validation (solid) loss per epoch. */
    static Figure gridCurves(EpochsBatchGrid grid) {
        LineChart.Builder chart = LineChart.builder().title("Loss per epoch by batch size (dashed: training, solid: "
                + "validation)").xLabel("epoch").yLabel("cross-entropy loss (log scale)").logY(true).size(1000, 620);
        for (int row = 0; row < grid.histories().size(); row++) {
            History history = grid.histories().get(row);
            chart.learningCurve("batch " + grid.plan().batchSizes().get(row), epochs(history), history.get("loss"),
                    history.get("val_loss"));
        }
        return EpochAxis.wholeEpochs(chart.build());
    }

    // ----- helpers ----------------------------------------------------------------------------

    private Section section(String heading) {
        return report.section(heading);
    }

    /** Updates per epoch: ⌈N / batch⌉. */
    static int steps(int samples, int batchSize) {
        return (samples + batchSize - 1) / batchSize;
    }

    private static EpochsBatchGrid.Cell cell(EpochsBatchGrid grid, int batch, int epochs) {
        return grid.cells().stream().filter(c -> c.batchSize() == batch && c.epochs() == epochs).findFirst()
                .orElseThrow();
    }

    private static double[] epochs(History history) {
        return IntStream.rangeClosed(1, history.get("loss").length).asDoubleStream().toArray();
    }

    private static double[] percent(double[] values) {
        return Arrays.stream(values).map(v -> 100 * v).toArray();
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }
}

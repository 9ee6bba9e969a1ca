package org.atelier.experiments.study3;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import org.atelier.core.report.StudyReport.Section;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.ChartStyle;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.report.chart.LineStyle;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.trial.DataSpec;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.TextAnchor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The words of study 3: each method turns one finding into its report section, its answer bullet
 * and its metrics, side by side, so that a number cannot differ between {@code report.md}, the
 * answers at a glance and {@code summary.json}. The experiments compute, this class explains.
 */
final class Study3Report {

    /** The study the experiments belong to, as {@code ./atelier list} groups them. */
    static final String STUDY = "3 — Keras-style training";

    /** The report of an experiment. */
    static final RunFile REPORT = new RunFile("report.md", "the study's answers with the run's numbers and figures");
    /** Per-epoch histories of the trained models. */
    static final RunFile HISTORY = new RunFile("history.csv",
            "per-epoch history of every trained model (model, epoch, train/validation loss and accuracy, seconds)");

    /** The share of the training images held out for validation. */
    static final double VALIDATION = 0.1;

    private final StudyReport report;

    /**
     * Starts a report.
     *
     * @param title its title
     * @param smoke whether the run is a smoke run, whose numbers mean nothing
     */
    Study3Report(String title, boolean smoke) {
        this.report = new StudyReport(title);
        if (smoke) {
            report.preface("**Smoke run: a few hundred images, small inputs and narrow models only; the numbers below mean nothing.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    /** MNIST with 10 % of the training images held out (stratified), standardized on the training split. */
    static DataSpec mnist(ExperimentContext context) {
        return DataSpec.of("mnist").with("splitSeed", context.seed()).with("smoke", context.smoke())
                .with("validation", VALIDATION);
    }

    // ----- mnist-tiny-cnn -------------------------------------------------------------------

    void tinyParameters(LayerParameters tiny, RunFile table, RunFile summary) {
        StringBuilder sum = new StringBuilder();
        for (LayerParameters.Row row : tiny.withParameters()) {
            sum.append(sum.length() == 0 ? "" : " + ").append(row.trainable());
        }
        section("The tiny CNN and its parameters")
                .paragraph("Input 1 × 28 × 28 (one grey channel). Each convolution has one weight per filter, "
                        + "input channel and kernel position plus one bias per filter; each dense layer one weight "
                        + "per unit and input plus one bias per unit; ReLU, max-pooling and flattening have none. "
                        + "Counted from the built DJL block (" + table.name() + ", Keras-style summary in "
                        + summary.name() + "):")
                .table(tiny.table(), 0)
                .paragraph(String.format(Locale.ROOT, "Total: %s = **%d trainable parameters**. Pooling halves each "
                        + "side (24 → 12, 8 → 4), so the second convolution's 3 maps of 4 × 4 leave only 48 numbers "
                        + "for the dense layers: the convolutions share their 5 × 5 kernels over all positions, "
                        + "which is why the CNN sees the whole image with so few weights.", sum, tiny.trainable()))
                .answer(String.format(Locale.ROOT, "**Where do the 1 765 parameters come from?** %s = %d "
                        + "(weights + biases per layer).", sum, tiny.trainable()))
                .metric("trainable_parameters", tiny.trainable());
    }

    void denseFormula(DenseEquivalent dense) {
        int n = dense.nearestN();
        int other = dense.exactN() > n ? n + 1 : Math.max(1, n - 1);
        section("The dense network of the same size")
                .paragraph(String.format(Locale.ROOT, "One hidden layer of n nodes between 784 inputs and 10 outputs "
                        + "has 784·n weights + n biases into the hidden layer and 10·n weights + 10 biases into the "
                        + "output layer: **784·n + n + 10·n + 10 = 795·n + 10** parameters. Setting this to %d gives "
                        + "n = (%d − 10) / 795 = %.4f: no whole n matches. The nearest is **n = %d with %d "
                        + "parameters** (%+d); n = %d would have %d (%+d).", dense.budget(), dense.budget(),
                        dense.exactN(), n, dense.parameters(n), dense.parameters(n) - dense.budget(), other,
                        dense.parameters(other), dense.parameters(other) - dense.budget()))
                .table(dense.table(), 4)
                .answer(String.format(Locale.ROOT, "**Dense network with one hidden layer of n nodes:** 784·n + n + "
                        + "10·n + 10 = 795·n + 10 parameters; %d parameters would need n = %.2f, the nearest whole n "
                        + "is %d (%d parameters).", dense.budget(), dense.exactN(), n, dense.parameters(n)))
                .metric("dense_hidden_n", n)
                .metric("dense_parameters", dense.parameters(n));
    }

    void tinyTrained(TrainedModel tiny, TrainedModel dense, RunFile accuracy, RunFile loss) {
        section("Training and testing the tiny CNN")
                .paragraph(String.format(Locale.ROOT, "Both networks train with Adam (rate %s), batch %d, Glorot-uniform "
                        + "weights, at most %d epochs with early stopping on the validation loss (patience %d); the "
                        + "epoch of lowest validation loss is kept and tested on the 10 000 test images.",
                        tiny.spec().fit().learningRate(), tiny.spec().fit().batchSize(), tiny.spec().fit().maxEpochs(),
                        tiny.spec().fit().earlyStopping().patience()))
                .keyNumbers(keyNumbers(tiny, dense))
                .image("accuracy per epoch", accuracy)
                .image("loss per epoch", loss)
                .paragraph(String.format(Locale.ROOT, "With %d parameters against %d, the CNN reaches %.2f %% test "
                        + "accuracy and the dense network %.2f %%: %s The dense network must squeeze every image through "
                        + "%d numbers, and its %d first-layer weights per hidden node cannot be reused at another "
                        + "position; the CNN's kernels can.", tiny.parameters(), dense.parameters(),
                        100 * tiny.testAccuracy(), 100 * dense.testAccuracy(),
                        tiny.testAccuracy() > dense.testAccuracy()
                                ? String.format(Locale.ROOT, "%.1f percentage points more with about the same "
                                        + "budget.", 100 * (tiny.testAccuracy() - dense.testAccuracy()))
                                : "here the dense network is not worse.",
                        dense.spec().model().args().isEmpty() ? 0 : Integer.parseInt(dense.spec().model().args().get(0)),
                        784))
                .answer(String.format(Locale.ROOT, "**Tiny CNN on MNIST:** test accuracy %.2f %% (kept epoch %d of "
                        + "%d); the dense network of %d parameters: %.2f %%.", 100 * tiny.testAccuracy(),
                        tiny.kept().epoch(), tiny.history().last().epoch(), dense.parameters(),
                        100 * dense.testAccuracy()))
                .metric("test_accuracy", tiny.testAccuracy())
                .metric("test_accuracy_dense", dense.testAccuracy())
                .metric("best_epoch_tiny", tiny.kept().epoch())
                .metric("seconds_per_epoch_tiny", tiny.secondsPerEpoch());
    }

    private static Map<String, Number> keyNumbers(TrainedModel... models) {
        Map<String, Number> numbers = new LinkedHashMap<>();
        for (TrainedModel m : models) {
            numbers.put(m.label() + ": parameters", m.parameters());
            numbers.put(m.label() + ": epochs trained", m.history().last().epoch());
            numbers.put(m.label() + ": kept epoch (lowest validation loss)", m.kept().epoch());
            numbers.put(m.label() + ": validation accuracy (kept epoch)", m.kept().valAccuracy());
            numbers.put(m.label() + ": test accuracy", m.testAccuracy());
        }
        return numbers;
    }

    void capacity(TrainedModel best, TrainedModel tiny, LayerParameters layers, RunFile layerTable, RunFile ladder,
            boolean smoke, String load) {
        List<String> args = best.spec().model().args();
        boolean reached = best.testAccuracy() >= 0.993;
        section("More capacity: a VGG-style CNN")
                .paragraph(String.format(Locale.ROOT, "Stages of filters %s, each two 3 × 3 convolutions (padding 1) "
                        + "with batch normalization and ReLU, then max-pool 2 and dropout %s; then dense %s with batch "
                        + "normalization, ReLU, dropout %s and the output layer: **%d trainable parameters**, %.0f× "
                        + "the tiny CNN (per layer in %s). Adam (rate %s), batch %d, at most %d epochs, early stopping "
                        + "(patience %d), lowest-validation-loss epoch kept.", args.get(0), args.get(2), args.get(1),
                        args.get(3), best.parameters(), (double) best.parameters() / tiny.parameters(),
                        layerTable.name(), best.spec().fit().learningRate(), best.spec().fit().batchSize(),
                        best.spec().fit().maxEpochs(), best.spec().fit().earlyStopping().patience()))
                .table(ladder(List.of(tiny, best)), 4)
                .paragraph(String.format(Locale.ROOT, "Test accuracy **%.2f %%** (target ≥ 99.3 %%: %s), against "
                        + "%.2f %% for the tiny CNN; the test error rate goes from %.2f %% to %.2f %%, at %.1f× the time "
                        + "per epoch (%.1f s against %.1f s on this machine).%s", 100 * best.testAccuracy(),
                        reached ? "reached" : smoke ? "not reached, as expected in a smoke run" : "NOT reached",
                        100 * tiny.testAccuracy(), 100 * (1 - tiny.testAccuracy()), 100 * (1 - best.testAccuracy()),
                        best.secondsPerEpoch() / tiny.secondsPerEpoch(), best.secondsPerEpoch(),
                        tiny.secondsPerEpoch(), load))
                .answer(String.format(Locale.ROOT, "**Best accuracy with more capacity:** %.2f %% on the test set "
                        + "with %d parameters (target ≥ 99.3 %% %s).", 100 * best.testAccuracy(),
                        best.parameters(), reached ? "reached" : "not reached"))
                .metric("best_test_accuracy", best.testAccuracy())
                .metric("parameters_best", best.parameters())
                .metric("seconds_per_epoch_best", best.secondsPerEpoch());
        if (layers.trainable() != best.parameters()) {
            throw new IllegalStateException("parameter counts disagree: " + layers.trainable() + " and " + best.parameters());
        }
    }

    void epochs(TrainedModel best, RunFile curves) {
        List<EpochRecord> epochs = best.history().epochs();
        EpochRecord kept = best.kept();
        EpochRecord topAccuracy = epochs.stream().max((a, b) -> Double.compare(a.valAccuracy(), b.valAccuracy()))
                .orElseThrow();
        int last = best.history().last().epoch();
        String stop = best.history().stoppedEarly()
                ? String.format(Locale.ROOT, "training stopped after epoch %d, %d epochs without a lower validation "
                        + "loss", last, last - kept.epoch())
                : String.format(Locale.ROOT, "training ran to the cap of %d epochs without early stopping — the curve "
                        + "had not turned yet, so more epochs might still help", last);
        section("How many epochs")
                .paragraph(String.format(Locale.ROOT, "The number of epochs is read off the validation curves: the "
                        + "training loss keeps falling as long as the network can fit the training images better, "
                        + "while the validation loss, measured on 6 000 images the network never trains on, stops "
                        + "falling once further epochs only fit the training set. The validation loss was lowest "
                        + "after **epoch %d** (%.4f; validation accuracy %.2f %%); the validation accuracy peaked at "
                        + "epoch %d (%.2f %%); %s. The kept parameters are epoch %d's: early stopping with the best "
                        + "epoch restored is the method, and the curves show it.", kept.epoch(), kept.valLoss(),
                        100 * kept.valAccuracy(), topAccuracy.epoch(), 100 * topAccuracy.valAccuracy(), stop,
                        kept.epoch()))
                .image("accuracy of the larger CNN per epoch", curves)
                .answer(String.format(Locale.ROOT, "**Optimal number of epochs:** chosen by the validation loss "
                        + "(early stopping, best epoch restored): epoch %d of %d trained.", kept.epoch(), last))
                .metric("best_epoch", kept.epoch())
                .metric("epochs_trained", last);
    }

    void trainBelowValidation(TrainedModel best, double inferenceTrain, int images) {
        EpochRecord kept = best.kept();
        double trainingMode = kept.trainAccuracy();
        double val = kept.valAccuracy();
        boolean below = trainingMode < val;
        section("Why training accuracy can lie below validation accuracy")
                .paragraph(String.format(Locale.ROOT, "Keras (and Atelier's history) report the training accuracy "
                        + "of an epoch as the running mean over its batches, computed in **training mode**: dropout "
                        + "(%s after each stage, %s before the output) switches off a random share of the units for "
                        + "every batch, batch normalization uses each batch's own statistics, and the weights still "
                        + "change during the epoch. The validation accuracy is computed after the epoch in "
                        + "**inference mode**: all units on, running statistics, final weights. The same kept "
                        + "parameters (epoch %d), measured both ways:", best.spec().model().args().get(2),
                        best.spec().model().args().get(3), kept.epoch()))
                .keyNumbers(modes(kept, trainingMode, inferenceTrain, images, val))
                .paragraph(String.format(Locale.ROOT, "%s In inference mode the training images are classified "
                        + "%s (%.2f %% against %.2f %% on validation): the network fits its training data at least "
                        + "as well as unseen data, as it should. The gap of %.2f percentage points between the two "
                        + "training-accuracy measurements is what dropout (and the changing weights) cost during "
                        + "training; it is a property of how the number is measured, not of the model.",
                        below ? String.format(Locale.ROOT, "In training mode the training accuracy (%.2f %%) lies %.2f "
                                + "points **below** the validation accuracy (%.2f %%).", 100 * trainingMode,
                                100 * (val - trainingMode), 100 * val)
                                : String.format(Locale.ROOT, "In this run the training-mode accuracy (%.2f %%) is not "
                                        + "below the validation accuracy (%.2f %%).", 100 * trainingMode, 100 * val),
                        inferenceTrain >= val ? "better" : "slightly worse", 100 * inferenceTrain, 100 * val,
                        100 * (inferenceTrain - trainingMode)))
                .answer(String.format(Locale.ROOT, "**Why is training accuracy below validation accuracy?** Dropout "
                        + "and batch statistics are active only in training mode: training accuracy %.2f %% in "
                        + "training mode, %.2f %% in inference mode, validation %.2f %%.", 100 * trainingMode,
                        100 * inferenceTrain, 100 * val))
                .metric("train_accuracy_training_mode", trainingMode)
                .metric("train_accuracy_inference_mode", inferenceTrain)
                .metric("val_accuracy_best", val);
    }

    private static Map<String, Number> modes(EpochRecord kept, double trainingMode, double inferenceTrain, int images,
            double val) {
        Map<String, Number> numbers = new LinkedHashMap<>();
        numbers.put("training accuracy, training mode (running mean over epoch " + kept.epoch() + ")", trainingMode);
        numbers.put("training accuracy, inference mode (" + images + " training images)", inferenceTrain);
        numbers.put("validation accuracy, inference mode", val);
        return numbers;
    }

    private Section section(String heading) {
        return report.section(heading);
    }

    // ----- architecture-zoo ------------------------------------------------------------------

    void zoo(List<ZooModel.Measured> measured, int divisor, RunFile table, RunFile figure, String device,
            String load) {
        Section section = section("Parameters, output shapes and forward time")
                .paragraph(String.format(Locale.ROOT, "Every network is a DJL block: LeNet-5, AlexNet, VGG-16 and "
                        + "GoogLeNet from DJL's basicmodelzoo (ai.djl:model-zoo), the Inception network being "
                        + "**GoogLeNet, i.e. Inception-v1** (Inception-v4 is not built here); the two MNIST CNNs are "
                        + "study 3's (mnist-tiny-cnn's defaults). The ImageNet networks have 1000 outputs as published; "
                        + "the column for 10 classes restates their count with a 10-unit output layer. A forward "
                        + "pass of a batch checked each output shape (batch × classes). Times: inference mode, no "
                        + "gradients, on %s, median of the timed passes after one warm-up, divided by the batch.%s"
                        + "%s", device, load, divisor == 1 ? "" : " **Widths of AlexNet and VGG-16 divided by " + divisor
                                + ": their counts are not the published architectures'.**"))
                .table(zooTable(measured), 2)
                .image("parameters against time per image", figure);
        List<String> notes = new ArrayList<>();
        for (ZooModel.Measured m : measured) {
            String key = m.model().key();
            long diff = m.parameters() - m.model().published();
            String note = switch (key) {
                case "lenet5" -> String.format(Locale.ROOT, "**LeNet-5**: %d parameters against LeCun et al.'s "
                        + "60 000 (%+d). DJL's LeNet is the textbook (d2l) version: its C3 convolution connects all 6 "
                        + "input maps to all 16 filters (the paper's connection table gives 1 516 parameters instead of "
                        + "2 416: +900), its output is a trained dense layer (+850; the paper's RBF output was fixed), "
                        + "its first convolution has no bias (−6) and its average pooling no trainable coefficients (the "
                        + "paper's S2 and S4 have 12 + 32: −44). Input 28 × 28, padded to the paper's 32 × 32 by the "
                        + "first convolution.", m.parameters(), diff);
                case "alexnet" -> String.format(Locale.ROOT, "**AlexNet**: %d parameters against Krizhevsky et "
                        + "al.'s 60 965 224 (%+d, %.1f %%). The paper split conv2, conv4 and conv5 into two groups "
                        + "(one per GPU), each filter seeing half the input channels; DJL's AlexNet connects all "
                        + "channels, which adds half of those layers' weights. The input side %s gives 6 × 6 final maps "
                        + "as in the paper (9 216 inputs to the first dense layer); 224 without padding would give 5 × 5 "
                        + "and 11.5 million fewer. Local response normalization has no parameters.", m.parameters(),
                        diff, 100.0 * diff / m.model().published(), m.model().input().get(1));
                case "vgg16" -> String.format(Locale.ROOT, "**VGG-16**: %d parameters against Simonyan and "
                        + "Zisserman's 138 357 544 (%+d): configuration D (13 convolutions, 3 dense layers) on %s "
                        + "input with 1000 classes is the published network%s. %.0f %% of its parameters sit in the "
                        + "first dense layer (512 · 7 · 7 inputs × 4096), which a 10-class output barely changes.",
                        m.parameters(), diff, m.model().input(), diff == 0 ? ", exactly" : "; the difference comes "
                                + "from the input size or widths of this run",
                        100.0 * (512.0 / divisor * 49 * 4096) / m.parameters());
                case "googlenet" -> String.format(Locale.ROOT, "**GoogLeNet (Inception-v1)**: %d parameters "
                        + "against Szegedy et al.'s ≈ 6.8 million (%+d, %.1f %%; the paper's table sums rounded "
                        + "thousands per layer). DJL builds the nine inception modules of the paper with global "
                        + "average pooling and one dense layer; it leaves out the two auxiliary classifiers (about 3 "
                        + "million more parameters each, used only in training and not in the published count), "
                        + "local response normalization and dropout (no parameters). Global pooling makes the count "
                        + "independent of the input size.", m.parameters(), diff, 100.0 * diff / m.model().published());
                default -> String.format(Locale.ROOT, "**%s**: %d parameters on 1 × 28 × 28 (no published "
                        + "count: built here).", m.model().label(), m.parameters());
            };
            notes.add(note);
            section.metric("parameters_" + key, m.parameters())
                    .metric("ms_per_image_batch1_" + key, m.msPerImageSingle())
                    .metric("ms_per_image_" + key, m.msPerImageBatch());
        }
        section.bullets(notes);
        ZooModel.Measured vgg = find(measured, "vgg16");
        ZooModel.Measured tiny = find(measured, "tiny_cnn");
        ZooModel.Measured ours = find(measured, "vgg_cnn");
        section.paragraph(String.format(Locale.ROOT, "Scale: VGG-16 has %.0f× the parameters of the tiny CNN and "
                + "takes %.0f× its time per image (%.1f ms against %.3f ms at batch %d); study 3's VGG-style CNN "
                + "(%d parameters, %.3f ms) sits between LeNet-5 and AlexNet. Time grows with the multiply-adds of "
                + "the convolutions over large images more than with the parameter count: GoogLeNet has fewer "
                + "parameters than AlexNet but more computation per image, which is why the points do not lie on "
                + "one line. Batching amortizes per-call overhead, which dominates the small networks.",
                (double) vgg.parameters() / tiny.parameters(), vgg.msPerImageBatch() / tiny.msPerImageBatch(),
                vgg.msPerImageBatch(), tiny.msPerImageBatch(), vgg.batch(), ours.parameters(), ours.msPerImageBatch()))
                .answer(String.format(Locale.ROOT, "**Classic architectures:** LeNet-5 %d, AlexNet %d, VGG-16 %d, "
                        + "GoogLeNet (Inception-v1) %d parameters as built; VGG-16 takes %.1f ms per image on this "
                        + "CPU against %.3f ms for the 1 765-parameter CNN.", find(measured, "lenet5").parameters(),
                        find(measured, "alexnet").parameters(), vgg.parameters(), find(measured, "googlenet").parameters(),
                        vgg.msPerImageBatch(), tiny.msPerImageBatch()));
    }

    private static ZooModel.Measured find(List<ZooModel.Measured> measured, String key) {
        return measured.stream().filter(m -> m.model().key().equals(key)).findFirst().orElseThrow();
    }

    /** One row per network of the architecture comparison. */
    static Table zooTable(List<ZooModel.Measured> measured) {
        Table table = Table.create("architectures", StringColumn.create("network"), StringColumn.create("input"),
                LongColumn.create("parameters"), LongColumn.create("parameters_10_classes"),
                StringColumn.create("published"), StringColumn.create("output_shape"),
                DoubleColumn.create("ms_per_image_batch_1"), DoubleColumn.create("ms_per_image_batch_n"),
                IntColumn.create("batch_n"));
        for (ZooModel.Measured m : measured) {
            table.stringColumn("network").append(m.model().label());
            table.stringColumn("input").append(m.model().input().toString());
            table.longColumn("parameters").append(m.parameters());
            table.longColumn("parameters_10_classes").append(m.parametersFor(10));
            table.stringColumn("published").append(m.model().published() == 0 ? "—"
                    : String.format(Locale.ROOT, "%,d", m.model().published()));
            table.stringColumn("output_shape").append(m.outputShape().toString());
            table.doubleColumn("ms_per_image_batch_1").append(m.msPerImageSingle());
            table.doubleColumn("ms_per_image_batch_n").append(m.msPerImageBatch());
            table.intColumn("batch_n").append(m.batch());
        }
        return table;
    }

    /** Parameters against time per image at the small batch, both axes logarithmic, each point labelled. */
    static Figure zooFigure(List<ZooModel.Measured> measured, String device) {
        int batch = measured.get(0).batch();
        LineChart.Builder chart = LineChart.builder().title("Parameters against forward time per image (" + device
                + ", batch " + batch + ")").xLabel("trainable parameters (log scale)")
                .yLabel("forward time per image (ms, log scale)").logX(true).logY(true).markers(true).size(1000, 650);
        for (ZooModel.Measured m : measured) {
            chart.series(m.model().label(), new double[] {m.parameters()}, new double[] {m.msPerImageBatch()});
        }
        ChartFigure figure = chart.build();
        XYPlot plot = figure.chart().getXYPlot();
        for (ZooModel.Measured m : measured) {
            XYTextAnnotation label = new XYTextAnnotation(
                    " " + m.model().label(), m.parameters(), m.msPerImageBatch());
            label.setFont(ChartStyle.TICK_FONT);
            label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(label);
        }
        // room for the labels right of and above the points
        widen(plot.getDomainAxis(), 0.5, 20);
        widen(plot.getRangeAxis(), 0.5, 4);
        return figure;
    }

    private static void widen(ValueAxis axis, double below, double above) {
        axis.setAutoRange(false);
        axis.setRange(axis.getLowerBound() * below, axis.getUpperBound() * above);
    }

    // ----- tables and figures ---------------------------------------------------------------

    /** One row per model: parameters, epochs, accuracies at the kept epoch, test accuracy, seconds per epoch. */
    static Table ladder(List<TrainedModel> models) {
        Table table = Table.create("capacity", StringColumn.create("model"), LongColumn.create("parameters"),
                IntColumn.create("kept_epoch"), IntColumn.create("epochs"), DoubleColumn.create("train_accuracy"),
                DoubleColumn.create("val_accuracy"), DoubleColumn.create("test_accuracy"),
                DoubleColumn.create("seconds_per_epoch"));
        for (TrainedModel m : models) {
            table.stringColumn("model").append(m.label());
            table.longColumn("parameters").append(m.parameters());
            table.intColumn("kept_epoch").append(m.kept().epoch());
            table.intColumn("epochs").append(m.history().last().epoch());
            table.doubleColumn("train_accuracy").append(m.kept().trainAccuracy());
            table.doubleColumn("val_accuracy").append(m.kept().valAccuracy());
            table.doubleColumn("test_accuracy").append(m.testAccuracy());
            table.doubleColumn("seconds_per_epoch").append(m.secondsPerEpoch());
        }
        return table;
    }

    /** Every model's history, a {@code model} column first. */
    static Table histories(List<TrainedModel> models) {
        Table all = null;
        for (TrainedModel m : models) {
            Table table = m.history().toTable();
            table.insertColumn(0, StringColumn.create("model",
                    Collections.nCopies(table.rowCount(), m.result().id())));
            all = all == null ? table : all.append(table);
        }
        return all;
    }

    static Figure accuracyCurves(List<TrainedModel> models) {
        LineChart.Builder chart = LineChart.builder().title("Accuracy per epoch (dashed: training, solid: validation)")
                .xLabel("epoch").yLabel("accuracy (%)").markers(true).size(1000, 600);
        for (TrainedModel m : models) {
            chart.learningCurve(m.label() + ", " + m.parameters() + " parameters", epochs(m),
                    values(m, e -> 100 * e.trainAccuracy()), values(m, e -> 100 * e.valAccuracy()));
        }
        return EpochAxis.wholeEpochs(chart.build());
    }

    static Figure lossCurves(List<TrainedModel> models) {
        LineChart.Builder chart = LineChart.builder().title("Cross-entropy loss per epoch (dashed: training, solid: "
                + "validation)").xLabel("epoch").yLabel("loss (log scale)").logY(true).markers(true).size(1000, 600);
        for (TrainedModel m : models) {
            chart.learningCurve(m.label() + ", " + m.parameters() + " parameters", epochs(m),
                    values(m, EpochRecord::trainLoss), values(m, EpochRecord::valLoss));
        }
        return EpochAxis.wholeEpochs(chart.build());
    }

    static Figure bestCurves(TrainedModel best, double inferenceTrain) {
        double[] x = epochs(best);
        double[] kept = {best.kept().epoch()};
        return EpochAxis.wholeEpochs(LineChart.builder().title(best.label() + ": accuracy per epoch ("
                + best.parameters() + " parameters)").xLabel("epoch").yLabel("accuracy (%)").markers(true)
                .size(1000, 600)
                .series("training, training mode (dropout on, running mean over the epoch)", x,
                        values(best, e -> 100 * e.trainAccuracy()), LineStyle.DASHED)
                .series("validation, inference mode", x, values(best, e -> 100 * e.valAccuracy()))
                .series("training, inference mode, kept epoch " + best.kept().epoch(), kept,
                        new double[] {100 * inferenceTrain})
                .build());
    }

    private static double[] epochs(TrainedModel m) {
        return m.history().epochs().stream().mapToDouble(EpochRecord::epoch).toArray();
    }

    private static double[] values(TrainedModel m, ToDoubleFunction<EpochRecord> f) {
        return m.history().epochs().stream().mapToDouble(f).toArray();
    }
}

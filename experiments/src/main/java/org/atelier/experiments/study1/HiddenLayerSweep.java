package org.atelier.experiments.study1;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.models.Initializers;
import org.atelier.core.models.Models;
import org.atelier.core.report.MarkdownReport;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.LearningRateSweep;
import org.atelier.core.study.MeanCurve;
import org.atelier.core.study.ModelSelection;
import org.atelier.core.study.SeedRuns;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * {@code hidden-layer-sweep}: one hidden ReLU layer of n units before the softmax output, for
 * several n and seeds, trained by mini-batch gradient descent with the study-1 protocol; the best n
 * by a stated rule, its test metrics, and the comparison with softmax regression (retrained here
 * with the same shared protocol code, so the run depends on no other run directory).
 */
public final class HiddenLayerSweep implements Experiment {

    /** Training images used to measure the initial logits' variance: enough for three digits. */
    private static final int INITIAL_CHECK_SAMPLES = 10_000;

    private static final RunFile REPORT = new RunFile("report.md", "the study's answers with the run's numbers and figures");
    private static final RunFile HISTORY = new RunFile("history.csv", "per-epoch history of the final hidden-layer model");
    private static final RunFile WIDTHS_CSV = new RunFile("hidden-sizes.csv",
            "per width: parameters, initial loss, best validation accuracy and loss (mean ± std)");
    private static final RunFile WIDTHS_MARKDOWN = new RunFile("hidden-sizes.md", "the same as a Markdown table");
    private static final RunFile HISTORIES = new RunFile("hidden-histories.csv", "every width's and seed's history");
    private static final RunFile ACCURACY_VS_N = new RunFile("accuracy-vs-n.png",
            "best validation accuracy against n, mean ± std");
    private static final RunFile LOSS_VS_N = new RunFile("loss-vs-n.png", "best validation loss against n, mean ± std");
    private static final RunFile CURVES_LOSS = new RunFile("curves-loss.png", "mean loss curves per n");
    private static final RunFile CURVES_ACCURACY = new RunFile("curves-accuracy.png", "mean accuracy curves per n");
    private static final TestSetEvaluation.Files HIDDEN_TEST = TestSetEvaluation.Files.of("hidden-test",
            "the final hidden-layer model");
    private static final TestSetEvaluation.Files SOFTMAX_TEST = TestSetEvaluation.Files.of("softmax-test",
            "the softmax comparison model");

    @Override
    public String name() {
        return "hidden-layer-sweep";
    }

    @Override
    public String description() {
        return "One hidden ReLU layer on Fashion-MNIST for n = 10…1000 units: best n, test metrics, comparison with softmax";
    }

    @Override
    public String study() {
        return "1 — softmax and one hidden layer";
    }

    @Override
    public String details() {
        return """
                Which hidden-layer width n gives the best Fashion-MNIST classifier with one hidden ReLU
                layer? Same protocol as softmax-regression (N(0, 1/√fan_in) weights, starting-loss check,
                mini-batch GD with a learning-rate sweep at one width, early stopping, several seeds per
                width). Plots validation accuracy and loss against n (mean ± std) and the learning curves
                per n, picks n by the rule "smallest n whose mean validation accuracy is within one
                standard deviation of the best mean", evaluates that model on the test set and compares
                it with a softmax regression trained in the same run (accuracy, macro precision / recall /
                F1, per-class F1, parameters, training time).""";
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> params = new ArrayList<>(List.of(
                Param.ofInts("hidden_sizes", List.of(10, 20, 50, 100, 200, 500, 1000), "hidden-layer widths n")
                        .smoke(List.of(10, 20)).between(1, 100_000),
                Param.ofInt("seeds", 3, "independent initializations per width").smoke(2).between(2, 100),
                Param.ofInt("sweep_hidden_size", 100, "the width whose learning-rate sweep sets the rate for all")
                        .smoke(10).between(1, 100_000),
                Param.ofDoubles("softmax_rates", List.of(0.001, 0.003, 0.01),
                        "learning rates of the softmax comparison model's sweep").smoke(List.of(0.001, 0.01))
                        .between(1e-6, 100)));
        params.addAll(MinibatchSettings.parameters(List.of(0.01, 0.03, 0.1), 10, 30, 4));
        return params;
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(REPORT, HISTORY));
        outputs.addAll(MinibatchSettings.FILES.sweep());
        outputs.addAll(List.of(WIDTHS_CSV, WIDTHS_MARKDOWN, HISTORIES, ACCURACY_VS_N, LOSS_VS_N, CURVES_LOSS,
                CURVES_ACCURACY, SoftmaxComparison.HEADLINE, SoftmaxComparison.PER_CLASS_F1));
        outputs.addAll(SoftmaxComparison.FILES.all());
        outputs.addAll(HIDDEN_TEST.all());
        outputs.addAll(SOFTMAX_TEST.all());
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        try (NDManager manager = context.manager().newSubManager()) {
            new Run(context, new FashionProtocol(context, FashionData.load(context, manager))).execute();
        }
    }

    /** The measurements of one width. */
    private record Width(int size, long parameters, InitialLossCheck initial, SeedRuns runs) {
        MeanStd valAccuracy() {
            return runs.statistic(h -> h.best().valAccuracy());
        }

        MeanStd valLoss() {
            return runs.statistic(h -> h.best().valLoss());
        }
    }

    /** The state of one run of the experiment. */
    private static final class Run {
        private final ExperimentContext context;
        private final FashionProtocol protocol;
        private final FashionData data;
        private final MarkdownReport report = new MarkdownReport();
        private final List<Width> widths = new ArrayList<>();
        private final List<String> answers = new ArrayList<>();
        private double refinementSeconds;

        Run(ExperimentContext context, FashionProtocol protocol) {
            this.context = context;
            this.protocol = protocol;
            this.data = protocol.data();
        }

        void execute() {
            GradientDescent method = MinibatchSettings.variant(context.params());
            report.paragraph(String.format(Locale.ROOT, "Data as in softmax-regression: %d training, %d validation and "
                    + "%d test images, pixels standardized with the training split's mean %.4f and std %.4f.%s",
                    data.train().size(), data.validation().size(), data.test().size(), data.pixelMean(), data.pixelStd(),
                    context.smoke() ? " **Smoke run: a few hundred images only; the numbers below mean nothing.**" : ""));
            int sweepSize = context.params().getInt("sweep_hidden_size");
            LearningRateSweep sweep = protocol.sweep(method, "Hidden layer n = " + sweepSize, () -> mlp(sweepSize));
            try {
                for (int size : context.params().getInts("hidden_sizes")) {
                    widths.add(train(method, size, sweep.chosenRate()));
                }
                describeMethod(method, sweep, sweepSize);
                Width best = chooseWidth();
                TestSetEvaluation hidden = finalModel(best, method, sweep.chosenRate());
                compareWithSoftmax(best, hidden);
            } finally {
                widths.forEach(w -> w.runs().close());
            }
            context.runDirectory().markdown(REPORT, new MarkdownReport()
                    .heading(1, "One hidden layer on Fashion-MNIST: which width n?")
                    .heading(2, "Answers at a glance").bullets(answers)
                    .paragraph(report.toMarkdown()));
        }

        private static SequentialBlock mlp(int size) {
            return Models.mlp(new int[] {size}, 10);
        }

        private Width train(GradientDescent method, int size, double rate) {
            InitialLossCheck initial = InitialLossCheck.measure(context.backend(), () -> mlp(size),
                    Initializers.normalFanIn(), protocol.seeds(context.params().getInt("seeds")),
                    data.train().slice(0, Math.min(INITIAL_CHECK_SAMPLES, data.train().size())));
            SeedRuns runs = protocol.trainSeeds(method, "n = " + size, () -> mlp(size), rate,
                    protocol.seeds(context.params().getInt("seeds")));
            return new Width(size, protocol.parameterCount(runs.bestModel()), initial, runs);
        }

        private void describeMethod(GradientDescent method, LearningRateSweep sweep, int sweepSize) {
            report.heading(2, "1. Protocol");
            report.paragraph(String.format(Locale.ROOT, "Model: flatten → dense n → ReLU → dense 10 → softmax, "
                    + "cross-entropy loss; weights N(0, 1/√fan_in) (fan-in 784 for the hidden layer, n for the output "
                    + "layer), biases 0. Optimizer: %s, the variant that reached the lower validation loss in "
                    + "softmax-regression. The learning rate was swept once, at n = %d, and used for every n "
                    + "(rule: lowest validation loss after %d epoch(s) among non-diverged rates): **%s**.",
                    method.label(), sweepSize, method.sweepEpochs(), sweep.chosenRate()));
            report.image("learning-rate sweep", method.files().sweepChart());
            report.table(sweep.toTable(), 4);
            report.paragraph("Epochs: " + method.criterion() + ". Seeds per width: "
                    + context.params().getInt("seeds") + ".");
            answers.add(String.format(Locale.ROOT, "**Optimizer:** %s with learning rate %s (sweep at n = %d), "
                    + "early stopping on validation loss (§1).", method.label(), sweep.chosenRate(), sweepSize));
            context.metric("lr_minibatch", sweep.chosenRate());
        }

        private Width chooseWidth() {
            Table table = widthTable();
            RunDirectory dir = context.runDirectory();
            dir.csv(WIDTHS_CSV, table);
            dir.markdown(WIDTHS_MARKDOWN, table, 4);
            writeHistories();
            againstWidth(ACCURACY_VS_N, "best validation accuracy", Width::valAccuracy, 100, "validation accuracy (%)");
            againstWidth(LOSS_VS_N, "lowest validation loss", Width::valLoss, 1, "validation loss");
            meanCurves(CURVES_LOSS, "loss", EpochRecord::trainLoss, EpochRecord::valLoss);
            meanCurves(CURVES_ACCURACY, "accuracy", EpochRecord::trainAccuracy, EpochRecord::valAccuracy);

            List<Integer> sizes = widths.stream().map(Width::size).toList();
            List<MeanStd> accuracies = widths.stream().map(Width::valAccuracy).toList();
            Width top = widths.get(ModelSelection.bestMean(accuracies));
            Width chosen = widths.get(ModelSelection.smallestWithinOneStd(sizes, accuracies));
            report.heading(2, "2. Initialization and starting loss per width");
            report.paragraph("With N(0, 1/√fan_in) weights the hidden pre-activations have variance ≈ 1 (standardized "
                    + "pixels), the ReLU keeps half of their second moment, so the output logits have variance ≈ 1/2 "
                    + "and the loss should start near ln 10 + (1 − 1/10)·s²/2 with s² the measured variance of the "
                    + "initial logits (column `initial_logit_variance`). Columns `initial_loss` (epoch 0 of the "
                    + "training runs, mean over seeds) and `expected_initial_loss` below check it for every width.");
            report.heading(2, "3. Validation results per width");
            report.table(table, 4);
            report.image("validation accuracy against n", ACCURACY_VS_N);
            report.image("validation loss against n", LOSS_VS_N);
            report.image("mean loss curves per n", CURVES_LOSS);
            report.image("mean accuracy curves per n", CURVES_ACCURACY);
            report.paragraph("Each value is the seed's best epoch (lowest validation loss), mean ± one sample standard "
                    + "deviation over the seeds. Curves are means over the seeds still training at that epoch (all "
                    + "histories: `" + HISTORIES.name() + "`).");
            report.heading(2, "4. The best n");
            report.paragraph(String.format(Locale.ROOT, "Rule: the smallest n whose mean validation accuracy lies "
                    + "within one standard deviation of the best mean (differences smaller than the seed-to-seed "
                    + "spread are not evidence, and the smaller network is cheaper and less prone to overfit). The "
                    + "best mean is n = %d with %.2f ± %.2f %%; the threshold is %.2f %%; chosen: **n = %d** "
                    + "(%.2f ± %.2f %%, %d parameters).", top.size(), 100 * top.valAccuracy().mean(),
                    100 * top.valAccuracy().std(), 100 * (top.valAccuracy().mean() - top.valAccuracy().std()),
                    chosen.size(), 100 * chosen.valAccuracy().mean(), 100 * chosen.valAccuracy().std(),
                    chosen.parameters()));
            answers.add(String.format(Locale.ROOT, "**Best n:** %d by the rule \"smallest n within one standard "
                    + "deviation of the best mean validation accuracy\" (best mean: n = %d, %.2f ± %.2f %%) (§4).",
                    chosen.size(), top.size(), 100 * top.valAccuracy().mean(), 100 * top.valAccuracy().std()));
            answers.add(String.format(Locale.ROOT, "**Starting loss** of n = %d: %.4f against the expectation %.4f "
                    + "from its initial logits' variance %.3f (§2).", chosen.size(),
                    chosen.runs().statistic(h -> h.initial().orElseThrow().trainLoss()).mean(),
                    chosen.initial().expected(10), chosen.initial().logitVariance()));
            context.metric("best_hidden_size", chosen.size());
            context.metric("best_mean_hidden_size", top.size());
            context.metric("best_val_accuracy", chosen.valAccuracy().mean());
            context.metric("initial_loss", chosen.runs().statistic(h -> h.initial().orElseThrow().trainLoss()).mean());
            context.metric("initial_loss_expected", chosen.initial().expected(10));
            return chosen;
        }

        private Table widthTable() {
            Table table = Table.create("hidden sizes", IntColumn.create("hidden_size"), LongColumn.create("parameters"),
                    DoubleColumn.create("initial_logit_variance"), DoubleColumn.create("initial_loss"),
                    DoubleColumn.create("expected_initial_loss"), DoubleColumn.create("val_accuracy_mean"),
                    DoubleColumn.create("val_accuracy_std"), DoubleColumn.create("val_loss_mean"),
                    DoubleColumn.create("val_loss_std"), DoubleColumn.create("best_epoch_mean"),
                    DoubleColumn.create("seconds_per_epoch"));
            for (Width w : widths) {
                table.intColumn("hidden_size").append(w.size());
                table.longColumn("parameters").append(w.parameters());
                table.doubleColumn("initial_logit_variance").append(w.initial().logitVariance());
                table.doubleColumn("initial_loss").append(w.runs().statistic(h -> h.initial().orElseThrow().trainLoss()).mean());
                table.doubleColumn("expected_initial_loss").append(w.initial().expected(10));
                table.doubleColumn("val_accuracy_mean").append(w.valAccuracy().mean());
                table.doubleColumn("val_accuracy_std").append(w.valAccuracy().std());
                table.doubleColumn("val_loss_mean").append(w.valLoss().mean());
                table.doubleColumn("val_loss_std").append(w.valLoss().std());
                table.doubleColumn("best_epoch_mean").append(w.runs().statistic(History::bestEpoch).mean());
                table.doubleColumn("seconds_per_epoch").append(w.runs().secondsPerEpoch());
            }
            return table;
        }

        private void writeHistories() {
            Table all = null;
            for (Width w : widths) {
                Table table = FashionProtocol.historiesTable(w.runs());
                table.insertColumn(0, IntColumn.create("hidden_size", table.rowCount()).setMissingTo(w.size()));
                all = all == null ? table : all.append(table);
            }
            context.runDirectory().csv(HISTORIES, all);
        }

        private void againstWidth(RunFile file, String what, Function<Width, MeanStd> metric,
                double scale, String yLabel) {
            double[] x = widths.stream().mapToDouble(Width::size).toArray();
            double[] mean = widths.stream().mapToDouble(w -> scale * metric.apply(w).mean()).toArray();
            double[] std = widths.stream().mapToDouble(w -> scale * metric.apply(w).std()).toArray();
            context.runDirectory().save(file, LineChart.builder().title(capitalized(what)
                    + " against hidden width n (mean ± 1 std, " + context.params().getInt("seeds") + " seeds)")
                    .xLabel("hidden units n (log scale)").yLabel(yLabel)
                    .size(1000, 600).logX(true).markers(true).band(what, x, mean, std).build());
        }

        private void meanCurves(RunFile file, String metric, ToDoubleFunction<EpochRecord> train,
                ToDoubleFunction<EpochRecord> validation) {
            boolean loss = metric.equals("loss");
            // from epoch 1: the common start at epoch 0 (chance level) would squeeze the differences between widths
            LineChart.Builder chart = LineChart.builder().title("Mean " + metric + " per epoch for each n "
                    + "(dashed train, solid validation)").xLabel("epoch").yLabel(loss ? "loss (log scale)" : metric)
                    .logY(loss).size(1000, 650);
            for (Width w : widths) {
                MeanCurve trainCurve = MeanCurve.of(w.runs().histories(), train);
                MeanCurve valCurve = MeanCurve.of(w.runs().histories(), validation);
                int from = Math.min(1, trainCurve.epochs().length - 1);
                int to = trainCurve.epochs().length;
                double[] epochs = Arrays.stream(trainCurve.epochs()).asDoubleStream().skip(from).toArray();
                chart.learningCurve("n = " + w.size(), epochs, Arrays.copyOfRange(trainCurve.mean(), from, to),
                        Arrays.copyOfRange(valCurve.mean(), from, to));
            }
            context.runDirectory().save(file, EpochAxis.wholeEpochs(chart.build()));
        }

        private static String capitalized(String text) {
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }

        private TestSetEvaluation finalModel(Width best, GradientDescent method, double rate) {
            History history = best.runs().histories().get(best.runs().bestIndex());
            long seed = best.runs().seeds().get(best.runs().bestIndex());
            report.heading(2, "5. Final hidden-layer model on the test set");
            report.paragraph(String.format(Locale.ROOT, "The final model is the seed of n = %d with the lowest "
                    + "validation loss (seed %d, %.4f at epoch %d), with the parameters of that epoch, refined once "
                    + "with a smaller rate.",
                    best.size(), seed, history.best().valLoss(), history.bestEpoch()));
            Model model = best.runs().bestModel();
            History refinement = protocol.refine(model, method, rate, seed);
            protocol.describeRefinement(report, refinement, rate);
            refinementSeconds = SeedRuns.trainingSeconds(refinement);
            TestSetEvaluation test = protocol.evaluateOnTest(model, HIDDEN_TEST,
                    "Hidden layer n = " + best.size() + ": confusion matrix on the test set");
            test.addTo(report, HIDDEN_TEST, "the final hidden-layer model (n = " + best.size() + ")");
            String params = protocol.saveParameters(model, "hidden-" + best.size(), history.bestEpoch() + refinement.bestEpoch());
            report.paragraph("Parameters: `" + params + "`; per-epoch history of the first stage: `" + HISTORY.name() + "`.");
            context.runDirectory().csv(HISTORY, history.toTable());
            answers.add(String.format(Locale.ROOT, "**Final hidden-layer model** (n = %d, seed %d): test accuracy "
                    + "**%.2f %%**, macro precision %.4f, macro recall %.4f, macro F1 %.4f (§5).", best.size(), seed,
                    100 * test.matrix().accuracy(), test.matrix().macroPrecision(), test.matrix().macroRecall(),
                    test.matrix().macroF1()));
            context.metric("test_accuracy", test.matrix().accuracy());
            context.metric("test_macro_precision", test.matrix().macroPrecision());
            context.metric("test_macro_recall", test.matrix().macroRecall());
            context.metric("test_macro_f1", test.matrix().macroF1());
            long epochs = Math.max(1, Math.round(best.runs().statistic(History::bestEpoch).mean()));
            context.metric("epochs_minibatch", epochs);
            context.metric("steps_minibatch", epochs * MinibatchSettings.variant(context.params())
                    .batchesPerEpoch(data.train().size()));
            context.metric("seconds_per_epoch", best.runs().secondsPerEpoch());
            return test;
        }

        private void compareWithSoftmax(Width best, TestSetEvaluation hidden) {
            GradientDescent softmaxMethod = SoftmaxComparison.variant(context.params());
            try (VariantRun softmax = protocol.runVariant(softmaxMethod, "Softmax regression",
                    () -> Models.softmaxRegression(10), protocol.seeds(1))) {
                History refinement = protocol.refine(softmax.runs().bestModel(), softmaxMethod,
                        softmax.sweep().chosenRate(), softmax.bestSeed());
                TestSetEvaluation softmaxTest = protocol.evaluateOnTest(softmax.runs().bestModel(), SOFTMAX_TEST,
                        "Softmax regression: confusion matrix on the test set");
                History hiddenHistory = best.runs().histories().get(best.runs().bestIndex());
                SoftmaxComparison comparison = new SoftmaxComparison(softmaxTest, hidden,
                        protocol.parameterCount(softmax.runs().bestModel()), best.parameters(),
                        softmax.bestRunSeconds() + SeedRuns.trainingSeconds(refinement),
                        SeedRuns.trainingSeconds(hiddenHistory) + refinementSeconds, best.size());
                comparison.write(context.runDirectory());
                report.heading(2, "6. Softmax regression against one hidden layer (test set)");
                report.paragraph(String.format(Locale.ROOT, "The softmax model is retrained here with the same shared "
                        + "protocol code as softmax-regression (mini-batch GD, its own learning-rate sweep over %s → "
                        + "%s, early stopping, one refinement with a smaller rate, seed %d), so this run needs no other "
                        + "run's files. Training times include the refinements.",
                        softmaxMethod.rates(), softmax.sweep().chosenRate(), softmax.bestSeed()));
                report.image("softmax learning-rate sweep", softmaxMethod.files().sweepChart());
                comparison.addTo(report);
                answers.add("**Softmax against one hidden layer** (§6): " + comparison.judgement());
                report.image("confusion matrix of the softmax model", SOFTMAX_TEST.confusionChart());
                context.metric("test_accuracy_softmax", softmaxTest.matrix().accuracy());
                context.metric("test_macro_f1_softmax", softmaxTest.matrix().macroF1());
            }
        }
    }
}

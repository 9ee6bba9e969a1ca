package org.atelier.experiments.study1;

import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atelier.core.data.Datasets;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.models.Initializers;
import org.atelier.core.models.Models;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.study.ClassifierComparison;
import org.atelier.core.study.FinalModel;
import org.atelier.core.study.GradientDescent;
import org.atelier.core.study.InitialLossCheck;
import org.atelier.core.study.LearningRateSweep;
import org.atelier.core.study.Protocol;
import org.atelier.core.study.SeedRuns;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.study.VariantFiles;
import org.atelier.core.study.VariantRun;
import org.atelier.core.training.History;
import org.atelier.core.trial.ModelSpec;

/**
 * {@code hidden-layer-sweep}: one hidden ReLU layer of n units before the softmax output, for
 * several n and seeds, trained by mini-batch gradient descent with the study-1 protocol; the best n
 * by a stated rule, its test metrics, and the comparison with softmax regression (retrained here
 * with the same shared protocol code, so the run depends on no other run directory).
 */
public final class HiddenLayerSweep implements Experiment {

    /** Training images used to measure the initial logits' variance: enough for three digits. */
    private static final int INITIAL_CHECK_SAMPLES = 10_000;

    private static final RunFile WIDTHS_CSV = new RunFile("hidden-sizes.csv",
            "per width: parameters, initial loss, best validation accuracy and loss (mean ± std)");
    private static final RunFile WIDTHS_MARKDOWN = new RunFile("hidden-sizes.md", "the same as a Markdown table");
    private static final Study1Report.WidthFiles WIDTH_FILES = new Study1Report.WidthFiles(
            new RunFile("hidden-histories.csv", "every width's and seed's history"),
            new RunFile("accuracy-vs-n.png", "best validation accuracy against n, mean ± std"),
            new RunFile("loss-vs-n.png", "best validation loss against n, mean ± std"),
            new RunFile("curves-loss.png", "mean loss curves per n"),
            new RunFile("curves-accuracy.png", "mean accuracy curves per n"));
    private static final TestSetEvaluation.Files HIDDEN_TEST = TestSetEvaluation.Files.of("hidden-test",
            "the final hidden-layer model");
    private static final VariantFiles SOFTMAX_FILES = VariantFiles.of("softmax", "the softmax comparison model");
    private static final ClassifierComparison.Files COMPARISON = ClassifierComparison.Files.of("comparison",
            "softmax against hidden layer");
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
        return Study1Report.STUDY;
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
    public List<String> datasets() {
        return List.of(Datasets.FASHION_MNIST);
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(Study1Report.REPORT, Study1Report.HISTORY));
        outputs.addAll(MinibatchSettings.FILES.sweep());
        outputs.addAll(List.of(WIDTHS_CSV, WIDTHS_MARKDOWN, WIDTH_FILES.histories(), WIDTH_FILES.accuracy(),
                WIDTH_FILES.loss(), WIDTH_FILES.lossCurves(), WIDTH_FILES.accuracyCurves()));
        outputs.addAll(SOFTMAX_FILES.all());
        outputs.addAll(COMPARISON.all());
        outputs.addAll(HIDDEN_TEST.all());
        outputs.addAll(SOFTMAX_TEST.all());
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        RunDirectory dir = context.runDirectory();
        Study1Report report = new Study1Report("One hidden layer on Fashion-MNIST: which width n?", context.smoke());
        int seeds = context.params().getInt("seeds");
        Protocol protocol = new Protocol(context, Study1Report.data(context));
        report.hiddenData(protocol.data());
        GradientDescent method = MinibatchSettings.variant(context.params());
        int sweepSize = context.params().getInt("sweep_hidden_size");
        LearningRateSweep sweep = protocol.sweep(method, "Hidden layer n = " + sweepSize, ModelSpec.mlp(10, sweepSize));
        WidthSweep widths = trainWidths(context, protocol, method, sweep.chosenRate());
        report.hiddenProtocol(method, sweep, sweepSize, seeds);
        dir.csv(WIDTHS_CSV, widths.table());
        dir.markdown(WIDTHS_MARKDOWN, widths.table(), 4);
        dir.csv(WIDTH_FILES.histories(), widths.histories());
        dir.save(WIDTH_FILES.accuracy(), widths.accuracyAgainstWidth());
        dir.save(WIDTH_FILES.loss(), widths.lossAgainstWidth());
        dir.save(WIDTH_FILES.lossCurves(), widths.lossCurves());
        dir.save(WIDTH_FILES.accuracyCurves(), widths.accuracyCurves());
        report.widths(widths, WIDTH_FILES);

        WidthSweep.Width best = widths.chosen();
        FinalModel hidden = protocol.finalModel(best.runs(), method, sweep.chosenRate(), ModelSpec.mlp(10, best.size()),
                HIDDEN_TEST, "hidden-" + best.size(), "Hidden layer n = " + best.size() + ": confusion matrix on the test set");
        dir.csv(Study1Report.HISTORY, hidden.firstStage().toTable());
        long epochs = Math.max(1, Math.round(best.runs().statistic(History::bestEpoch).mean()));
        report.finalModel("Final hidden-layer model on the test set", Study1Report.hiddenChoice(best, hidden),
                hidden, "the final hidden-layer model (n = " + best.size() + ")", Study1Report.HISTORY)
                .metric("epochs_minibatch", epochs)
                .metric("steps_minibatch", epochs * method.batchesPerEpoch(protocol.data().train().size()))
                .metric("seconds_per_epoch", best.runs().secondsPerEpoch());

        GradientDescent softmaxMethod = new GradientDescent(SOFTMAX_FILES, method.label(), method.batchSize(),
                context.params().getDoubles("softmax_rates"), method.sweepEpochs(), method.maxEpochs(),
                method.patience(), method.minDelta());
        VariantRun softmax = protocol.runVariant(softmaxMethod, "Softmax regression", ModelSpec.softmax(10),
                protocol.seeds(1));
        FinalModel softmaxModel = protocol.finalModel(softmax.runs(), softmaxMethod,
                softmax.sweep().chosenRate(), ModelSpec.softmax(10), SOFTMAX_TEST, "softmax",
                "Softmax regression: confusion matrix on the test set");
        ClassifierComparison comparison = new ClassifierComparison(softmaxModel, "softmax", hidden,
                "hidden_n" + best.size(), "The hidden layer (n = " + best.size() + ")");
        comparison.write(dir, COMPARISON);
        report.softmaxComparison(comparison, softmaxMethod, softmaxModel);
        report.report().write(dir, Study1Report.REPORT, context::metric);
    }

    /** Trains every width's seeds with the swept rate (one batch of trials), after measuring its initial logits. */
    private static WidthSweep trainWidths(ExperimentContext context, Protocol protocol, GradientDescent method,
            double rate) {
        List<Long> seeds = protocol.seeds(context.params().getInt("seeds"));
        List<Integer> sizes = context.params().getInts("hidden_sizes");
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        sizes.forEach(size -> models.put("n = " + size, ModelSpec.mlp(10, size)));
        List<SeedRuns> runs = protocol.trainSeeds(method, models, rate, seeds);
        List<WidthSweep.Width> widths = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            InitialLossCheck initial = InitialLossCheck.measure(context.backend(), () -> mlp(size),
                    Initializers.normalFanIn(), seeds, protocol.data().train()
                            .slice(0, Math.min(INITIAL_CHECK_SAMPLES, protocol.data().train().size())));
            widths.add(new WidthSweep.Width(size, protocol.parameterCount(ModelSpec.mlp(10, size)), initial,
                    runs.get(i)));
        }
        return new WidthSweep(widths, seeds.size());
    }

    private static SequentialBlock mlp(int size) {
        return Models.mlp(new int[] {size}, 10);
    }
}

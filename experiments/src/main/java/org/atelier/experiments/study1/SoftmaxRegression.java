package org.atelier.experiments.study1;

import ai.djl.Model;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.data.Datasets;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.ImageGrid;
import org.atelier.core.study.FinalModel;
import org.atelier.core.study.GradientDescent;
import org.atelier.core.study.Protocol;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.study.VariantFiles;
import org.atelier.core.study.VariantRun;
import org.atelier.core.trial.ModelSpec;

/**
 * {@code softmax-regression}: one dense layer with softmax and cross-entropy on Fashion-MNIST,
 * trained by full-batch and by mini-batch gradient descent from several initializations, with the
 * initialization and starting-loss check, the learning-rate and epoch choices, the comparison of
 * the two variants, the final model's test metrics and its weights as images.
 */
public final class SoftmaxRegression implements Experiment {

    private static final String MODEL = "Softmax regression";
    private static final ModelSpec SOFTMAX = ModelSpec.softmax(10);
    private static final RunFile INITIAL_LOGITS = new RunFile("initial-logits.png", "histogram of the logits before training");
    private static final RunFile COMPARISON_CHART = new RunFile("full-vs-minibatch.png",
            "validation loss against epochs and against updates");
    private static final RunFile COMPARISON_TABLE = new RunFile("full-vs-minibatch.csv",
            "epochs and updates to reach full-batch GD's validation loss");
    private static final RunFile WEIGHTS = new RunFile("softmax-weights.png", "the ten weight vectors as 28 × 28 images");
    private static final VariantFiles FULL_BATCH = VariantFiles.of("full-batch", "full-batch GD");
    private static final TestSetEvaluation.Files TEST = TestSetEvaluation.Files.of("softmax-test", "the final softmax model");

    @Override
    public String name() {
        return "softmax-regression";
    }

    @Override
    public String description() {
        return "Softmax regression on Fashion-MNIST: initialization, starting loss, full-batch vs mini-batch GD, test metrics, weights";
    }

    @Override
    public String study() {
        return Study1Report.STUDY;
    }

    @Override
    public String details() {
        return """
                One dense layer with softmax and cross-entropy on Fashion-MNIST (54 000 train / 6 000
                validation / 10 000 test, pixels standardized). Weights w ~ N(0, 1/√784), b = 0: the
                report shows why (initial logits of order 1) and checks the starting loss against ln 10
                and the initialization-aware expectation. Full-batch GD and mini-batch GD each get a
                learning-rate sweep, an early-stopping epoch criterion and several seeds (mean ± std
                curves); they are compared in epochs and updates needed to reach the same validation
                loss. The final model (stated rule) is evaluated on the test set (confusion matrix,
                per-class and system precision/recall/F1) and its ten weight vectors are drawn as images.""";
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> params = new ArrayList<>(List.of(
                Param.ofInt("seeds", 10, "independent initializations per variant").smoke(2).between(2, 100),
                Param.ofDoubles("full_batch_rates", List.of(0.01, 0.03, 0.1, 0.3, 1.0, 3.0),
                        "learning rates of the full-batch sweep").smoke(List.of(0.1, 1.0)).between(1e-6, 100),
                Param.ofInt("full_batch_sweep_epochs", 20, "epochs per rate in the full-batch sweep").smoke(2)
                        .between(1, 1000),
                Param.ofInt("full_batch_max_epochs", 150, "most epochs per full-batch seed").smoke(2)
                        .between(1, 100_000),
                Param.ofInt("full_batch_patience", 5, "full-batch early stopping: epochs without improvement")
                        .smoke(1).between(1, 1000),
                Param.ofDouble("full_batch_min_delta", 0.0005, "full-batch early stopping: smallest improvement")
                        .between(0, 1)));
        params.addAll(MinibatchSettings.parameters(List.of(0.001, 0.003, 0.01, 0.03, 0.1), 5, 50, 5));
        return params;
    }

    @Override
    public List<String> datasets() {
        return List.of(Datasets.FASHION_MNIST);
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(Study1Report.REPORT, Study1Report.HISTORY, INITIAL_LOGITS,
                COMPARISON_CHART, COMPARISON_TABLE, WEIGHTS));
        outputs.addAll(FULL_BATCH.all());
        outputs.addAll(MinibatchSettings.FILES.all());
        outputs.addAll(TEST.all());
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        RunDirectory dir = context.runDirectory();
        Study1Report report = new Study1Report("Softmax regression on Fashion-MNIST", context.smoke());
        Protocol protocol = new Protocol(context, Study1Report.data(context));
        report.data(protocol.data(), context.seed());
        List<Long> seeds = protocol.seeds(context.params().getInt("seeds"));
        VariantRun full = protocol.runVariant(fullBatch(context.params()), MODEL, SOFTMAX, seeds);
        VariantRun mini = protocol.runVariant(MinibatchSettings.variant(context.params()), MODEL, SOFTMAX, seeds);
        Initialization init = Initialization.measure(context, protocol, full);
        dir.save(INITIAL_LOGITS, init.histogram(context.seed()));
        report.initialization(init, context.seed(), INITIAL_LOGITS);
        int trainSize = protocol.data().train().size();
        report.variant("Full-batch gradient descent", full, trainSize);
        report.learningRates(report.variant("Mini-batch gradient descent", mini, trainSize), full, mini);

        BatchComparison comparison = BatchComparison.of(full, mini);
        dir.csv(COMPARISON_TABLE, comparison.table());
        dir.save(COMPARISON_CHART, comparison.chart());
        report.batchComparison(comparison, trainSize, COMPARISON_CHART);

        VariantRun chosen = mini.bestValLoss().mean() < full.bestValLoss().mean() ? mini : full;
        FinalModel model = protocol.finalModel(chosen.runs(), chosen.method(), chosen.sweep().chosenRate(),
                SOFTMAX, TEST, "softmax", "Softmax regression: confusion matrix on the test set");
        dir.csv(Study1Report.HISTORY, model.firstStage().toTable());
        report.finalModel("Final model and its test metrics", Study1Report.softmaxChoice(chosen,
                chosen == mini ? full : mini), model, "the final softmax model", Study1Report.HISTORY)
                .metric("test_micro_f1", model.test().matrix().microF1())
                .metric("best_epoch_final", model.firstStage().bestEpoch())
                .metric("training_s_final", model.trainingSeconds())
                .metric("val_loss_refined", model.refinement().best().valLoss());
        try (Model kept = protocol.load(SOFTMAX, model)) {
            dir.save(WEIGHTS, weights(kept, protocol.data().classNames()));
        }
        report.weights(WEIGHTS);
        report.report().write(dir, Study1Report.REPORT, context::metric);
    }

    private static GradientDescent fullBatch(Params params) {
        return new GradientDescent(FULL_BATCH, "full-batch GD", Integer.MAX_VALUE,
                params.getDoubles("full_batch_rates"), params.getInt("full_batch_sweep_epochs"),
                params.getInt("full_batch_max_epochs"), params.getInt("full_batch_patience"),
                params.getDouble("full_batch_min_delta"));
    }

    /** The ten weight vectors as 28 × 28 images, one colour scale centred at 0. */
    private static Figure weights(Model model, List<String> classNames) {
        float[] weights = model.getBlock().getParameters().values().stream()
                .filter(p -> p.getType() == Parameter.Type.WEIGHT).findFirst().orElseThrow()
                .getArray().toFloatArray();
        int pixels = weights.length / classNames.size();
        ImageGrid.Builder grid = ImageGrid.weights().title("Softmax weights per class (red > 0, blue < 0)")
                .columns(5).scale(6);
        for (int c = 0; c < classNames.size(); c++) {
            float[] image = new float[pixels];
            System.arraycopy(weights, c * pixels, image, 0, pixels);
            grid.image(image, 28, 28, classNames.get(c));
        }
        return grid.build();
    }
}

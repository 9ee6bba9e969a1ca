package org.atelier.experiments.study4;

import java.util.ArrayList;
import java.util.List;
import org.atelier.core.data.Datasets;
import org.atelier.core.models.DeepMlp.Nonlinearity;
import org.atelier.core.training.EpochRecord;
import tech.tablesaw.api.Table;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;

/**
 * {@code vanishing-gradients}: deep fully-connected networks on Fashion-MNIST with sigmoid, tanh
 * and ReLU at several depths, then the remedies at the deepest depth (Xavier and He
 * initialization, batch normalization, residual connections, leaky ReLU): the L2 norm of
 * every layer's weight gradient at initialization and during training (the core's {@code
 * GradientNorms} listener), and the learning curves that show which networks learn and which
 * stall. Every configuration is one trial, so {@code --resume} and {@code --executor} apply.
 */
public final class VanishingGradients implements Experiment {

    private static final RunFile REPORT = new RunFile("report.md",
            "which networks stall, how far the gradient falls from the last to the first layer, which remedy fixes what");
    private static final RunFile CONFIGURATIONS_CSV = new RunFile("configurations.csv",
            "per configuration: settings, first and last layer's gradient norm at initialization and in the last epoch,"
                    + " orders of magnitude between them, final loss and validation accuracy, stalled or not");
    private static final RunFile CONFIGURATIONS_MD = new RunFile("configurations.md", "the same as a Markdown table");
    private static final RunFile HISTORY = new RunFile("history.csv",
            "every configuration's epochs (epoch 0 before training): training and validation loss and accuracy, seconds");
    private static final RunFile NORMS = new RunFile("gradient-norms.csv",
            "every sampled update of every configuration: epoch, step, layer, weight shape, gradient L2 norm");
    private static final RunFile AT_INIT = new RunFile("gradient-norms-at-init.png",
            "the deepest networks' gradient norm per layer at initialization, plain and remedied, log scale");
    private static final RunFile SIGMOID = new RunFile("gradient-norms-sigmoid.png",
            "sigmoid networks at every depth: gradient norm per layer at initialization and per epoch, log scale");
    private static final RunFile TANH = new RunFile("gradient-norms-tanh.png", "the same for tanh networks");
    private static final RunFile RELU = new RunFile("gradient-norms-relu.png", "the same for ReLU networks");
    private static final RunFile INIT_REMEDIES = new RunFile("gradient-norms-remedy-init.png",
            "the deepest networks with Xavier (sigmoid, tanh) and He (ReLU) initialization: the same per layer");
    private static final RunFile OTHER_REMEDIES = new RunFile("gradient-norms-remedy-architecture.png",
            "the deepest sigmoid network with batch norm, with residual connections, and a leaky-ReLU network with He"
                    + " initialization: the same per layer");
    private static final RunFile ACCURACY = new RunFile("learning-curves-accuracy.png",
            "validation accuracy per epoch, plain networks and remedies");
    private static final RunFile LOSS = new RunFile("learning-curves-loss.png",
            "training loss per epoch, plain networks and remedies");

    @Override
    public String name() {
        return "vanishing-gradients";
    }

    @Override
    public String description() {
        return "Per-layer gradient norms of 5- to 20-layer sigmoid/tanh/ReLU MLPs on Fashion-MNIST, and the remedies that"
                + " make them learn";
    }

    @Override
    public String study() {
        return Study4.STUDY;
    }

    @Override
    public List<String> datasets() {
        return List.of(Datasets.FASHION_MNIST);
    }

    @Override
    public String details() {
        return """
                Why do deep networks stop learning, and what fixes it? Fully-connected networks of 5, 10
                and 20 hidden layers (64 units each) with sigmoid, tanh and ReLU, initialized as PyTorch's
                nn.Linear is by default (U(±1/√fan_in)), are trained with plain SGD on Fashion-MNIST
                (54 000 training, 6 000 validation images, standardized). The L2 norm of every layer's
                weight gradient (bias left out) is recorded at the first update (the gradient at
                initialization) and every few updates after it. Then the remedies at the deepest depth:
                Xavier initialization (sigmoid, tanh), He initialization (ReLU), batch normalization and
                residual connections (sigmoid), and leaky ReLU with He initialization instead of sigmoid. The report says which networks stall, by how many orders of magnitude the first
                layer's gradient is smaller than the last one's, and which remedy fixes what.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofInts("depths", List.of(5, 10, 20), "hidden layers of the plain networks; remedies use the deepest")
                        .smoke(List.of(2, 4)).between(1, 100),
                Param.ofInt("width", 64, "units of every hidden layer").smoke(16).between(1, 4096),
                Param.ofInt("epochs", 5, "training epochs of every configuration").smoke(2).between(1, 1000),
                Param.ofDouble("learning_rate", 0.05, "plain SGD's learning rate").between(1e-6, 10),
                Param.ofInt("batch_size", 128, "images per update").between(1, 60_000),
                Param.ofInt("sample_every", 25, "record the gradient norms every this many updates (the first always)")
                        .smoke(2).between(1, 1_000_000));
    }

    @Override
    public List<RunFile> outputs() {
        return List.of(REPORT, CONFIGURATIONS_CSV, CONFIGURATIONS_MD, HISTORY, NORMS, AT_INIT, SIGMOID, TANH, RELU,
                INIT_REMEDIES, OTHER_REMEDIES, ACCURACY, LOSS);
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        VanishingGradientsReport report = new VanishingGradientsReport(context.smoke());

        List<DepthConfiguration> configurations = DepthConfiguration.all(params.getInts("depths"), params.getInt("width"));
        DataSpec data = DataSpec.fashionMnist(context.seed(), context.smoke());
        FitSpec fit = FitSpec.builder().sgd(params.getDouble("learning_rate")).batchSize(params.getInt("batch_size"))
                .maxEpochs(params.getInt("epochs")).evaluateBeforeTraining(true)
                .gradientNormEvery(params.getInt("sample_every")).build();
        report.setup(fit, params.getInt("width"), params.getInt("sample_every"), context.seed());

        List<TrialSpec> specs = configurations.stream().map(c -> c.trial(data, fit, context.seed())).toList();
        List<TrialResult> results = TrialResult.requireSucceeded(context.trials().run(specs));
        List<ConfigurationRun> runs = new ArrayList<>();
        for (int i = 0; i < configurations.size(); i++) {
            runs.add(ConfigurationRun.of(configurations.get(i), results.get(i)));
        }
        Table table = GradientFigures.configurations(runs);
        dir.csv(CONFIGURATIONS_CSV, table);
        dir.markdown(CONFIGURATIONS_MD, table, 4);
        dir.csv(HISTORY, GradientFigures.histories(runs));
        dir.csv(NORMS, GradientFigures.norms(runs));

        int deepest = params.getInts("depths").stream().mapToInt(Integer::intValue).max().orElseThrow();
        dir.save(AT_INIT, GradientFigures.atInitialization("Gradient norm per layer at initialization, " + deepest
                + " hidden layers", runs.stream().filter(r -> r.configuration().mlp().depth() == deepest).toList()));
        List<RunFile> plainFigures = List.of(SIGMOID, TANH, RELU);
        for (int a = 0; a < DepthConfiguration.PLAIN.size(); a++) {
            Nonlinearity activation = DepthConfiguration.PLAIN.get(a);
            dir.save(plainFigures.get(a), GradientFigures.layerProfiles("Gradient norm per layer: " + activation.label()
                    + " networks, default initialization", runs.stream().filter(r -> !r.configuration().isRemedy()
                            && r.configuration().mlp().activation() == activation).toList()));
        }
        List<ConfigurationRun> remedies = runs.stream().filter(r -> r.configuration().isRemedy()).toList();
        dir.save(INIT_REMEDIES, GradientFigures.layerProfiles("Remedy: fan-in-aware initialization",
                remedies.stream().filter(r -> isInitRemedy(r.configuration())).toList()));
        dir.save(OTHER_REMEDIES, GradientFigures.layerProfiles("Remedies: batch norm, residual connections, ReLU family",
                remedies.stream().filter(r -> !isInitRemedy(r.configuration())).toList()));
        dir.save(ACCURACY, GradientFigures.learningCurves("Validation accuracy per epoch", "validation accuracy", runs,
                EpochRecord::valAccuracy));
        dir.save(LOSS, GradientFigures.learningCurves("Training loss per epoch", "training loss (cross-entropy)", runs,
                EpochRecord::trainLoss));

        report.atInitialization(runs, table, AT_INIT, plainFigures, CONFIGURATIONS_MD);
        report.learning(runs, ACCURACY, LOSS);
        report.remedies(runs, List.of(INIT_REMEDIES, OTHER_REMEDIES));
        report.duringTraining(runs);
        report.report().write(dir, REPORT, context::metric);
        context.metric("seconds_per_epoch", runs.stream().mapToDouble(ConfigurationRun::secondsPerEpoch).average()
                .orElse(Double.NaN));
    }

    /** A remedy that changes only the initialization of the plain network's activation. */
    private static boolean isInitRemedy(DepthConfiguration configuration) {
        return !configuration.mlp().batchNorm() && !configuration.mlp().residual()
                && DepthConfiguration.PLAIN.contains(configuration.mlp().activation());
    }
}

package org.atelier.experiments.study4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import org.atelier.core.report.StudyReport.Section;
import org.atelier.core.trial.FitSpec;
import tech.tablesaw.api.Table;

/**
 * The words of {@code vanishing-gradients}: each method turns the configurations' runs into one
 * report section, its answer bullet and its metrics, side by side, so that a number cannot differ
 * between {@code report.md}, the answers at a glance and {@code summary.json}.
 *
 * <p>Metrics, per configuration (names as {@link DepthConfiguration} makes them, e.g. {@code
 * sigmoid_20}, {@code relu_20_he}): {@code <name>_first_layer_gradient_norm_at_init} (the L2 norm
 * of the first hidden layer's weight gradient at the first update), {@code
 * <name>_gradient_orders_of_magnitude_at_init} (log10 of the last layer's norm over the first's)
 * and {@code <name>_val_accuracy} (after the last epoch).
 */
final class VanishingGradientsReport {

    private final StudyReport report;
    private final boolean smoke;

    /**
     * Starts the report.
     *
     * @param smoke whether the run is a smoke run, whose numbers mean little
     */
    VanishingGradientsReport(boolean smoke) {
        this.smoke = smoke;
        this.report = new StudyReport("Vanishing gradients in deep fully-connected networks, and their remedies");
        if (smoke) {
            report.preface("**Smoke run: a few hundred images, shallow and narrow networks; the numbers below mean"
                    + " little.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    void setup(FitSpec fit, int width, int sampleEvery, long seed) {
        section("Networks, data and what is measured")
                .paragraph(String.format(Locale.ROOT, "Each network flattens the 28 × 28 image, passes it through "
                        + "*depth* hidden layers of %d units (affine map, then the activation) and an output layer of "
                        + "10 logits; the loss is softmax cross-entropy. Plain networks start from the weights PyTorch's "
                        + "`nn.Linear` gets by default, U(−a, a) with a = 1/√fan_in, biases 0. All train with plain SGD "
                        + "(rate %s, batch %d, %d epochs, seed %d) on Fashion-MNIST: %s training images, %s held out "
                        + "for validation, standardized with the training split's mean and standard deviation.",
                        width, fit.learningRate(), fit.batchSize(), fit.maxEpochs(), seed,
                        smoke ? "a few hundred" : "54 000", smoke ? "a few hundred" : "6 000"))
                .paragraph(String.format(Locale.ROOT, "The core's `GradientNorms` listener (a DJL `TrainingListener`) "
                        + "reads every layer's weight gradient after the backward pass and before the update, and records "
                        + "its L2 norm ‖∂loss/∂W‖₂: at the first update (the gradient at initialization) and every %d "
                        + "updates after it. Biases are left out (a bias gradient is the sum of the layer's "
                        + "back-propagated errors and tells the same story). A norm is one mini-batch's; the per-epoch "
                        + "values in the figures are geometric means of the samples of that epoch. Layer 1 is the first "
                        + "hidden layer (784 inputs), the last layer is the output layer.", sampleEvery));
    }

    void atInitialization(List<ConfigurationRun> runs, Table table, RunFile atInit, List<RunFile> plainFigures,
            RunFile tableFile) {
        List<ConfigurationRun> plain = runs.stream().filter(r -> !r.configuration().isRemedy()).toList();
        Section section = section("How the gradient shrinks from the output layer to the first layer")
                .paragraph("At initialization, before any update, the gradient of every layer of the deepest networks "
                        + "(dashed: default initialization, solid: remedies). A straight line falling to the left on this "
                        + "log scale means the same factor lost at every layer on the way back:")
                .image("gradient norm per layer at initialization, deepest networks", atInit);
        for (RunFile figure : plainFigures) {
            section.image("gradient norm per layer, " + figure.name(), figure);
        }
        List<String> bullets = new ArrayList<>();
        for (var activation : DepthConfiguration.PLAIN) {
            List<ConfigurationRun> family = plain.stream()
                    .filter(r -> r.configuration().mlp().activation() == activation).toList();
            bullets.add(String.format(Locale.ROOT, "**%s**: %s", activation.label(), family.stream()
                    .map(r -> String.format(Locale.ROOT, "%d layers: first layer %s, last layer %s, %s (every layer "
                            + "between %s and %s)", r.configuration().mlp().depth(), norm(r.firstLayerAtInit()),
                            norm(r.lastLayerAtInit()), orders(r.ordersOfMagnitudeAtInit()), norm(r.rangeAtInit()[0]),
                            norm(r.rangeAtInit()[1])))
                    .collect(Collectors.joining("; "))));
        }
        section.paragraph("The first hidden layer's and the output layer's gradient norm at initialization, and how many "
                + "orders of magnitude lie between them (log10 of last ÷ first):").bullets(bullets);
        section.paragraph("Every configuration (" + tableFile.name() + "):")
                .table(table.selectColumns("configuration", "first_layer_norm_at_init", "last_layer_norm_at_init",
                        "orders_of_magnitude_at_init", "val_accuracy"), 4);
        section.paragraph(String.format(Locale.ROOT, "Read the gap with the layers' sizes in mind: an L2 norm grows with "
                + "the square root of the number of weights, and the first layer (%s) has more than the output layer "
                + "(%s), so equal gradients per weight would make the first layer's norm %.2f orders *larger* (a gap of "
                + "%.2f). A gap near that value means no loss on the way back; a large positive gap is the vanishing "
                + "gradient. Networks whose every layer has a tiny norm have a different problem: the forward signal "
                + "itself dies out, so the output layer's gradient (error × its input) is tiny as well.",
                plain.get(0).gradients().shapes().get(0),
                plain.get(0).gradients().shapes().get(plain.get(0).gradients().layerCount() - 1),
                plain.get(0).sizeOrders(), -plain.get(0).sizeOrders()));
        section.paragraph(mechanism());
        String deepest = plain.stream().filter(r -> r.configuration().mlp().depth() == deepest(runs))
                .map(r -> String.format(Locale.ROOT, "%s %s (every layer ≤ %s)",
                        r.configuration().mlp().activation().label(), orders(r.ordersOfMagnitudeAtInit()),
                        norm(r.rangeAtInit()[1])))
                .collect(Collectors.joining(", "));
        section.answer(String.format(Locale.ROOT, "**By how many orders of magnitude is the first layer's gradient "
                + "smaller than the last one's?** At initialization with %d hidden layers: %s (log10 of last ÷ first; "
                + "negative: the first layer's is larger, as its %.2f orders more weights alone make it). A small gap "
                + "with every layer tiny is the other failure: the forward signal dies out.", deepest(runs), deepest,
                plain.get(0).sizeOrders()));
        for (ConfigurationRun run : runs) {
            section.metric(run.name() + "_first_layer_gradient_norm_at_init", run.firstLayerAtInit());
            section.metric(run.name() + "_gradient_orders_of_magnitude_at_init", run.ordersOfMagnitudeAtInit());
        }
    }

    private static String mechanism() {
        return "Why: back-propagation multiplies the gradient, layer by layer, by each layer's weight matrix and by the "
                + "activation's derivative. The sigmoid's derivative is at most 1/4, so even with weights that keep "
                + "the scale it loses at least a factor 4 per layer; tanh's derivative is 1 at 0 and ReLU's is 1 for "
                + "half the units, so there the weights decide. U(±1/√fan_in) weights have variance 1/(3·fan_in): "
                + "each layer multiplies the signal's variance by about 1/3 (1/6 behind a ReLU, which zeroes half "
                + "of it), forwards and backwards. Xavier initialization (variance 2/(fan_in + fan_out)) keeps the "
                + "variance of tanh layers, He initialization (2/fan_in) that of ReLU layers.";
    }

    void learning(List<ConfigurationRun> runs, RunFile accuracy, RunFile loss) {
        List<ConfigurationRun> stalled = runs.stream().filter(ConfigurationRun::stalled).toList();
        List<ConfigurationRun> learned = runs.stream().filter(r -> !r.stalled()).toList();
        Section section = section("Which networks learn, and which stall")
                .image("validation accuracy per epoch", accuracy)
                .image("training loss per epoch", loss)
                .paragraph(String.format(Locale.ROOT, "A network counts as stalled when its validation accuracy after "
                        + "the last epoch is below %.0f %% (twice chance with 10 classes); its training loss then stays "
                        + "near ln 10 = 2.30, the loss of a uniform guess.", 100 * ConfigurationRun.STALL_ACCURACY))
                .bullets(List.of(
                        "**Stalled** (" + stalled.size() + "): " + (stalled.isEmpty() ? "none" : accuracies(stalled)),
                        "**Learned** (" + learned.size() + "): " + (learned.isEmpty() ? "none" : accuracies(learned))));
        section.answer("**Which configurations stall?** " + (stalled.isEmpty() ? "none" : stalled.stream()
                .map(ConfigurationRun::name).collect(Collectors.joining(", "))) + "; the others learn (validation "
                + "accuracy after the last epoch: " + accuracies(runs) + ").");
        for (ConfigurationRun run : runs) {
            section.metric(run.name() + "_val_accuracy", run.valAccuracy());
        }
    }

    void remedies(List<ConfigurationRun> runs, List<RunFile> figures) {
        Map<String, ConfigurationRun> byName = new LinkedHashMap<>();
        runs.forEach(r -> byName.put(r.name(), r));
        Section section = section("Which remedy fixes what")
                .paragraph("Each remedy against the plain network it repairs (same depth, default initialization): the "
                        + "orders of magnitude between the last and the first layer's gradient at initialization, and "
                        + "the validation accuracy after the last epoch.");
        for (RunFile figure : figures) {
            section.image("gradient norm per layer, " + figure.name(), figure);
        }
        List<String> bullets = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (ConfigurationRun remedy : runs) {
            DepthConfiguration c = remedy.configuration();
            if (!c.isRemedy()) {
                continue;
            }
            ConfigurationRun base = Optional.ofNullable(byName.get(c.baseline())).orElseThrow();
            String verdict = verdict(base, remedy);
            bullets.add(String.format(Locale.ROOT, "**%s** on %s (%s): first layer's gradient at initialization %s → %s "
                    + "(%+.1f orders); gap to the last layer %s → %s; validation accuracy %.1f %% → %.1f %%: %s.",
                    c.remedy(), base.name(), remedy.name(), norm(base.firstLayerAtInit()), norm(remedy.firstLayerAtInit()),
                    Math.log10(remedy.firstLayerAtInit() / base.firstLayerAtInit()),
                    orders(base.ordersOfMagnitudeAtInit()), orders(remedy.ordersOfMagnitudeAtInit()),
                    100 * base.valAccuracy(), 100 * remedy.valAccuracy(), verdict));
            fixes.add(String.format(Locale.ROOT, "%s on %s: %s", c.remedy(), base.name(), verdict));
        }
        section.bullets(bullets);
        section.answer("**Which remedy fixes what?** " + String.join("; ", fixes) + ".");
    }

    /**
     * Whether a remedy fixed, helped or did not fix its plain network, from the accuracies and the
     * first layer's gradient at initialization (10× more counts as reaching it).
     */
    private static String verdict(ConfigurationRun base, ConfigurationRun remedy) {
        double gain = remedy.valAccuracy() - base.valAccuracy();
        double more = Math.log10(remedy.firstLayerAtInit() / base.firstLayerAtInit());
        String gap = more >= 1 ? String.format(Locale.ROOT, "%.1f orders more gradient in the first layer", more)
                : "no more gradient in the first layer";
        if (remedy.diverged()) {
            return "training diverges (the loss is not finite), " + gap;
        }
        if (base.stalled() && !remedy.stalled()) {
            return "fixes the stall, " + gap;
        }
        if (remedy.stalled()) {
            return "does not fix it, " + gap;
        }
        return String.format(Locale.ROOT, "%s (%+.1f points), %s", gain > 0.01 ? "learns better" : gain < -0.01
                ? "learns worse" : "no difference in accuracy", 100 * gain, gap);
    }

    void duringTraining(List<ConfigurationRun> runs) {
        int deepest = deepest(runs);
        List<ConfigurationRun> plain = runs.stream()
                .filter(r -> !r.configuration().isRemedy() && r.configuration().mlp().depth() == deepest).toList();
        List<String> bullets = plain.stream().map(r -> String.format(Locale.ROOT, "**%s**: first layer %s at "
                + "initialization, %s in the last epoch; gap %s → %s; validation accuracy %.1f %%", r.name(),
                norm(r.firstLayerAtInit()), norm(r.firstLayerAtEnd()), orders(r.ordersOfMagnitudeAtInit()),
                orders(r.ordersOfMagnitudeAtEnd()), 100 * r.valAccuracy())).toList();
        section("During training")
                .paragraph("The solid lines of the per-configuration figures are the epochs' mean norms. A network "
                        + "that learns changes its gradients as the output layer fits the data; a stalled one keeps "
                        + "the profile it started with, because the layers that would have to change are the ones "
                        + "that receive (almost) no gradient. The deepest plain networks:")
                .bullets(bullets)
                .answer("**Do the gradients recover during training?** " + String.join("; ", plain.stream()
                        .map(r -> String.format(Locale.ROOT, "%s gap %s → %s", r.name(),
                                orders(r.ordersOfMagnitudeAtInit()), orders(r.ordersOfMagnitudeAtEnd())))
                        .toList()) + " (at initialization → last epoch).");
    }

    private static int deepest(List<ConfigurationRun> runs) {
        return runs.stream().mapToInt(r -> r.configuration().mlp().depth()).max().orElseThrow();
    }

    private static String accuracies(List<ConfigurationRun> runs) {
        return runs.stream().map(r -> String.format(Locale.ROOT, "%s %.1f %%", r.name(), 100 * r.valAccuracy()))
                .collect(Collectors.joining(", "));
    }

    private static String norm(double value) {
        return String.format(Locale.ROOT, "%.2e", value);
    }

    private static String orders(double log10) {
        return Double.isFinite(log10) ? String.format(Locale.ROOT, "%.1f orders", log10)
                : "no finite gap (a layer's gradient is exactly 0: its units are dead)";
    }

    private Section section(String heading) {
        return report.section(heading);
    }
}

package org.atelier.experiments.study1;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport.Section;
import org.atelier.core.report.StudyReport;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.ClassifierComparison;
import org.atelier.core.study.FinalModel;
import org.atelier.core.study.GradientDescent;
import org.atelier.core.study.InitialLoss;
import org.atelier.core.study.LearningRateSweep;
import org.atelier.core.study.Protocol;
import org.atelier.core.study.VariantRun;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.TrialData;

/**
 * The words of study 1: each method turns one finding into its report section, its answer bullet
 * and its metrics, side by side, so that a number cannot differ between {@code report.md}, the
 * answers at a glance and {@code summary.json}. Both study-1 experiments write their reports
 * through it; the experiments compute, this class explains.
 */
final class Study1Report {

    /** The study both experiments belong to, as {@code ./atelier list} groups them. */
    static final String STUDY = "1 — softmax and one hidden layer";

    /** The report of either experiment. */
    static final RunFile REPORT = new RunFile("report.md", "the study's answers with the run's numbers and figures");
    /** The first stage's history of the final model. */
    static final RunFile HISTORY = new RunFile("history.csv", "per-epoch history of the final model's first stage");

    /** The share of the training images held out for validation. */
    static final double VALIDATION = 0.1;

    private final StudyReport report;

    /**
     * Starts a report.
     *
     * @param title its title
     * @param smoke whether the run is a smoke run, whose numbers mean nothing
     */
    Study1Report(String title, boolean smoke) {
        this.report = new StudyReport(title);
        if (smoke) {
            report.preface("**Smoke run: a few hundred images only; the numbers below mean nothing.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    /** The data of both experiments: Fashion-MNIST with 10 % of the training images held out, standardized. */
    static DataSpec data(ExperimentContext context) {
        return DataSpec.fashionMnist(context.seed(), context.smoke()).with("validation", VALIDATION);
    }

    void data(TrialData data, long seed) {
        report.section("Data").paragraph(String.format(Locale.ROOT, "Fashion-MNIST: the 60 000 training images split "
                + "stratified into %d for training and %d for validation (%.0f %% of each class, seed %d); the %d test "
                + "images are used only for the final model. Pixels are divided by 255, then standardized with one "
                + "mean (%.4f) and standard deviation (%.4f) computed on the training split alone.",
                data.train().size(), data.validation().size(), 100 * VALIDATION, seed,
                data.test().size(), data.standardizer().mean()[0], data.standardizer().std()[0]));
    }

    void initialization(Initialization init, long seed, RunFile histogram) {
        report.section("Initialization").paragraph(String.format(Locale.ROOT, "Weights w_ki ~ N(0, σ) with σ = 1/√n = "
                + "1/√%d = %.4f, biases 0. Why this is suitable: a logit z_k = Σ_i w_ki x_i sums n terms, so its "
                + "variance is σ²·‖x‖² = ‖x‖²/n, the mean squared standardized pixel — of order 1 whatever n is. On the "
                + "training split the mean of ‖x‖²/n is **s² = %.4f**; the measured logits have standard deviation "
                + "%.3f (seed %d). Logits of order 1 keep the softmax away from saturation: every class starts with a "
                + "probability near 1/10, the gradients (p − y)·x are neither vanishing nor exploding, and no "
                + "class is preferred before the data has spoken. With w ~ N(0, 1) the logits would have standard "
                + "deviation √(‖x‖²) ≈ %.1f, the softmax would put almost all mass on one random class, and the loss "
                + "would start in the tens (below).", init.pixels(), init.sigma(), init.s2(), init.logitStd(), seed,
                Math.sqrt(init.s2() * init.pixels())))
                .image("histogram of the initial logits", histogram)
                .answer(String.format(Locale.ROOT, "**Why N(0, 1/√n)?** It gives logits of variance s² = ‖x‖²/n = "
                        + "%.3f on average, of order 1 for any n: the softmax starts unsaturated. With N(0, 1) the loss "
                        + "would start at %.1f.", init.s2(), init.unitNormal().mean()))
                .metric("initial_logit_variance", init.s2());
        MeanStd measured = init.measured();
        Map<String, Number> numbers = new LinkedHashMap<>();
        numbers.put("measured initial loss, mean over " + measured.n() + " seeds", measured.mean());
        numbers.put("its standard deviation over the seeds", measured.std());
        numbers.put("ln 10 (uniform prediction, σ → 0)", InitialLoss.uniform(10));
        numbers.put("expected with s² = " + String.format(Locale.ROOT, "%.4f", init.s2()) + ": ln 10 + 0.9·s²/2",
                init.expected());
        numbers.put("measured with w ~ N(0, 1), mean over " + init.unitNormal().n() + " seeds", init.unitNormal().mean());
        String within = init.consistent() ? "within" : "OUTSIDE";
        report.section("Where the loss starts").paragraph("The loss is measured before the first update (epoch 0 of "
                + "every training run, on the whole training split). For z ~ N(0, s²) independent over the K = 10 "
                + "classes, E[loss] = E[logsumexp(z) − z_y] ≈ ln K + (1 − 1/K)·s²/2 (second-order expansion; "
                + "exact as σ → 0, where the prediction is uniform and the loss is ln K).")
                .keyNumbers(numbers)
                .paragraph(String.format(Locale.ROOT, "The measured start lies %.3f above ln 10 and %.3f %s the "
                        + "second-order expectation. Two things separate them. (1) The expansion drops higher-order "
                        + "terms that are negative and grow like s⁴; on this data they amount to at most %.3f "
                        + "(0.025·mean s⁴, from a Monte-Carlo fit; bright images with large ‖x‖ dominate). (2) All "
                        + "images share the same weights, so one seed's loss does not average out over the images: the "
                        + "seeds differ by %.3f (std), and their mean is known to ± %.3f (standard error). The "
                        + "difference is %s the tolerance of %.3f (bound (1) + 3 standard errors), so the loss starts "
                        + "%s. Reading it the other way: a start near %.1f would betray saturated logits (σ = 1), one "
                        + "far below ln 10 a bug such as labels leaking into the inputs.",
                        measured.mean() - InitialLoss.uniform(10), Math.abs(measured.mean() - init.expected()),
                        measured.mean() < init.expected() ? "below" : "above", init.higherOrder(), measured.std(),
                        measured.standardError(), within, init.tolerance(), init.consistent()
                                ? "where the initialization says it must" : "somewhere the initialization cannot explain",
                        init.unitNormal().mean()))
                .answer(String.format(Locale.ROOT, "**Where does the loss start?** At %.4f ± %.4f (%d seeds), between "
                        + "ln 10 = %.4f and the initialization-aware expectation %.4f, %s the tolerance %.3f.",
                        measured.mean(), measured.std(), measured.n(), InitialLoss.uniform(10), init.expected(), within,
                        init.tolerance()))
                .metric("initial_loss", measured.mean())
                .metric("initial_loss_std", measured.std())
                .metric("initial_loss_expected", init.expected())
                .metric("initial_loss_uniform", InitialLoss.uniform(10))
                .metric("initial_loss_unit_normal_init", init.unitNormal().mean())
                .metric("initial_loss_tolerance", init.tolerance());
    }

    /** The section of a variant: how its learning rate and epochs were chosen, its seeds' curves. */
    Section variant(String heading, VariantRun run, int trainSize) {
        Section section = report.section(heading);
        run.describe(section, trainSize);
        return section;
    }

    /** Why the two variants chose different rates; added to the mini-batch section. */
    void learningRates(Section section, VariantRun full, VariantRun mini) {
        double fullRate = full.sweep().chosenRate();
        double miniRate = mini.sweep().chosenRate();
        String relation = miniRate < fullRate ? "smaller than" : miniRate > fullRate ? "larger than" : "equal to";
        String why = miniRate < fullRate
                ? "so the best rate for a fixed budget is smaller, here by a factor " + (float) (fullRate / miniRate)
                : "which should make its best rate smaller; here the sweep found no such difference within its grid";
        section.paragraph(String.format(Locale.ROOT, "**Did the learning rate differ?** Mini-batch GD chose %s, "
                + "%s full-batch GD's %s. A full batch computes the exact gradient, so the step size is limited "
                + "only by the curvature of the loss (beyond ≈ 2 / largest Hessian eigenvalue GD oscillates and "
                + "diverges, as the sweep's largest rates show). A mini-batch gradient of %d images is a noisy "
                + "estimate: a large rate turns that noise into a random walk around the minimum, %s. In "
                + "exchange mini-batch GD makes %d updates per epoch instead of one.",
                miniRate, relation, fullRate, mini.method().batchSize(), why, mini.batchesPerEpoch()))
                .answer(String.format(Locale.ROOT, "**Learning rates** (short sweeps, lowest validation loss among "
                        + "non-diverged rates): full batch %s, mini-batch %s — %s.", fullRate, miniRate,
                        miniRate < fullRate ? "smaller for mini-batches, whose gradients are noisy, while the "
                                + "full-batch step is limited by curvature only" : "not smaller for mini-batches"))
                .metric("lr_full_batch", fullRate)
                .metric("lr_minibatch", miniRate);
    }

    void batchComparison(BatchComparison c, int trainSize, RunFile chart) {
        VariantRun full = c.full();
        VariantRun mini = c.mini();
        BatchComparison.Reach f = c.fullReach();
        BatchComparison.Reach m = c.miniReach();
        Section section = report.section("Full batch against mini-batch: epochs and updates")
                .paragraph(String.format(Locale.ROOT, "Target: the validation loss every full-batch seed reached, "
                        + "%.4f (the highest of the seeds' best values). For each seed, the first epoch at or below it "
                        + "and the updates made by then; mean over the seeds that reached it. The last two columns "
                        + "use each variant's own epoch criterion instead.", c.target()))
                .table(c.table(), 4)
                .image("validation loss against epochs and updates", chart)
                .paragraph(String.format(Locale.ROOT, "Full-batch GD %s; mini-batch GD %s. "
                        + "Counted in epochs (passes over the data, i.e. computation), mini-batch GD is %.0f× "
                        + "faster, because it updates %d times per pass; counted in updates, full-batch GD needs %.1f× "
                        + "fewer, because each of its updates averages the gradient over %d images instead of %d. Under "
                        + "its own criterion mini-batch GD stops after %d epochs (%d updates) at a validation loss of "
                        + "%.4f, full-batch GD after %d epochs (%d updates) at %.4f.", reached(f), reached(m),
                        f.epochs().mean() / m.epochs().mean(), mini.batchesPerEpoch(),
                        m.updates().mean() / f.updates().mean(), trainSize, mini.method().batchSize(),
                        mini.epochsByRule(), mini.stepsByRule(), mini.bestValLoss().mean(), full.epochsByRule(),
                        full.stepsByRule(), full.bestValLoss().mean()))
                .answer(String.format(Locale.ROOT, "**Epochs** (early stopping on validation loss, best epoch kept): "
                        + "full batch %d epochs = %d updates%s, mini-batch %d epochs = %d updates. Measured against full-batch "
                        + "GD's validation loss %.4f, full batch %s, mini-batch %s.", full.epochsByRule(),
                        full.stepsByRule(),
                        full.epochsByRule() >= full.method().maxEpochs() ? " (the cap: its loss was still falling)" : "",
                        mini.epochsByRule(), mini.stepsByRule(), c.target(), reached(f), reached(m)))
                .metric("epochs_full_batch", full.epochsByRule())
                .metric("steps_full_batch", full.stepsByRule())
                .metric("epochs_minibatch", mini.epochsByRule())
                .metric("steps_minibatch", mini.stepsByRule())
                .metric("val_loss_target", c.target());
        // recorded only where some seed reached the target: summary.json holds numbers, not NaN
        if (f.seeds() > 0) {
            section.metric("epochs_to_target_full_batch", f.epochs().mean())
                    .metric("steps_to_target_full_batch", f.updates().mean());
        }
        if (m.seeds() > 0) {
            section.metric("epochs_to_target_minibatch", m.epochs().mean())
                    .metric("steps_to_target_minibatch", m.updates().mean());
        }
        section.metric("best_val_loss_full_batch", full.bestValLoss().mean())
                .metric("best_val_loss_minibatch", mini.bestValLoss().mean())
                .metric("seconds_per_epoch_full_batch", full.secondsPerEpoch())
                .metric("seconds_per_epoch", mini.secondsPerEpoch());
    }

    /** Epochs and updates to the target, or that no seed reached it (the ratios are then NaN). */
    private static String reached(BatchComparison.Reach reach) {
        return reach.seeds() == 0 ? "did not reach the target" : String.format(Locale.ROOT,
                "needed %.1f epochs = %.0f updates to reach the target", reach.epochs().mean(), reach.updates().mean());
    }

    /**
     * The section of a final model: how it was chosen ({@code choice}), its refinement, its test
     * evaluation, its files, its answer and the test metrics.
     */
    Section finalModel(String heading, String choice, FinalModel model, String what, RunFile history) {
        Section section = report.section(heading).paragraph(choice);
        EpochRecord start = model.refinement().initial().orElseThrow();
        EpochRecord best = model.refinement().best();
        section.paragraph(String.format(Locale.ROOT, "**Refinement.** Early stopping ended the first stage when the "
                + "noise of learning rate %s stopped the progress. Once, the rate is divided by %.0f (%.3g) and "
                + "training continues from the kept parameters with the same criterion (Keras's ReduceLROnPlateau): "
                + "%d more epochs, the best after %d; validation loss %.4f → %.4f, validation accuracy %.2f %% → "
                + "%.2f %%.", model.rate(), Protocol.REFINE_FACTOR, model.rate() / Protocol.REFINE_FACTOR,
                model.refinement().last().epoch(), best.epoch(), start.valLoss(), best.valLoss(),
                100 * start.valAccuracy(), 100 * best.valAccuracy()));
        model.test().addTo(section.body(), model.testFiles(), what);
        ConfusionMatrix m = model.test().matrix();
        return section.paragraph("Parameters: `" + model.paramsFile() + "`; per-epoch history of the first stage: `"
                        + history.name() + "`.")
                .answer(String.format(Locale.ROOT, "**Final %s** (seed %d): test accuracy **%.2f %%**, macro "
                        + "precision %.4f, macro recall %.4f, macro F1 %.4f.", what.replaceFirst("^the final ", ""),
                        model.seed(), 100 * m.accuracy(), m.macroPrecision(), m.macroRecall(), m.macroF1()))
                .metric("test_accuracy", m.accuracy())
                .metric("test_macro_precision", m.macroPrecision())
                .metric("test_macro_recall", m.macroRecall())
                .metric("test_macro_f1", m.macroF1());
    }

    /** Why softmax regression's final model is the one it is. */
    static String softmaxChoice(VariantRun chosen, VariantRun other) {
        return String.format(Locale.ROOT, "Rule: the variant with the lower mean best validation loss over its seeds, "
                + "and within it the seed with the lowest validation loss, with the parameters of its best epoch, then "
                + "refined once with a smaller rate (below). %s (%.4f ± %.4f) beat %s (%.4f ± %.4f); its seed %d reached "
                + "%.4f at epoch %d (validation accuracy %.2f %%). Only this model ever sees the test set.",
                capitalized(chosen.method().label()), chosen.bestValLoss().mean(), chosen.bestValLoss().std(),
                other.method().label(), other.bestValLoss().mean(), other.bestValLoss().std(), chosen.bestSeed(),
                chosen.bestHistory().best().valLoss(), chosen.bestHistory().bestEpoch(),
                100 * chosen.bestHistory().best().valAccuracy());
    }

    void weights(RunFile weights) {
        report.section("The weights as images").image("the ten weight vectors as 28 × 28 images", weights)
                .paragraph("Each panel is the weight vector of one class reshaped to 28 × 28, one colour scale for all "
                        + "panels centred at 0. The logit of a class is the dot product of its panel with the "
                        + "standardized image: a red pixel raises the class's score where the image is brighter than "
                        + "the mean pixel and lowers it where the image is darker, a blue pixel the reverse. So each "
                        + "panel is a template of where its class has ink and its competitors do not (the gap between "
                        + "the trouser legs, the outline of shoes and bags). The fine-grained speckle is what is left "
                        + "of the random initialization in pixels whose gradient stays small.");
    }

    void hiddenData(TrialData data) {
        report.preface(String.format(Locale.ROOT, "Data as in softmax-regression: %d training, %d validation and %d "
                + "test images, pixels standardized with the training split's mean %.4f and std %.4f.",
                data.train().size(), data.validation().size(), data.test().size(), data.standardizer().mean()[0],
                data.standardizer().std()[0]));
    }

    void hiddenProtocol(GradientDescent method, LearningRateSweep sweep, int sweepSize, int seeds) {
        report.section("Protocol").paragraph(String.format(Locale.ROOT, "Model: flatten → dense n → ReLU → dense 10 → "
                + "softmax, cross-entropy loss; weights N(0, 1/√fan_in) (fan-in 784 for the hidden layer, n for the "
                + "output layer), biases 0. Optimizer: %s, the variant that reached the lower validation loss in "
                + "softmax-regression. The learning rate was swept once, at n = %d, and used for every n (rule: lowest "
                + "validation loss after %d epoch(s) among non-diverged rates): **%s**.", method.label(), sweepSize,
                method.sweepEpochs(), sweep.chosenRate()))
                .image("learning-rate sweep", method.files().sweepChart())
                .table(sweep.toTable(), 4)
                .paragraph("Epochs: " + method.criterion() + ". Seeds per width: " + seeds + ".")
                .answer(String.format(Locale.ROOT, "**Optimizer:** %s with learning rate %s (sweep at n = %d), early "
                        + "stopping on validation loss.", method.label(), sweep.chosenRate(), sweepSize))
                .metric("lr_minibatch", sweep.chosenRate());
    }

    /** Files of the width sweep, in the order the report shows them. */
    record WidthFiles(RunFile histories, RunFile accuracy, RunFile loss, RunFile lossCurves, RunFile accuracyCurves) {}

    void widths(WidthSweep sweep, WidthFiles files) {
        WidthSweep.Width top = sweep.top();
        WidthSweep.Width chosen = sweep.chosen();
        report.section("Initialization and starting loss per width").paragraph("With N(0, 1/√fan_in) weights the "
                + "hidden pre-activations have variance ≈ 1 (standardized pixels), the ReLU keeps half of their second "
                + "moment, so the output logits have variance ≈ 1/2 and the loss should start near ln 10 + (1 − "
                + "1/10)·s²/2 with s² the measured variance of the initial logits (column `initial_logit_variance`). "
                + "Columns `initial_loss` (epoch 0 of the training runs, mean over seeds) and `expected_initial_loss` "
                + "in §3 check it for every width.")
                .answer(String.format(Locale.ROOT, "**Starting loss** of n = %d: %.4f against the expectation %.4f "
                        + "from its initial logits' variance %.3f.", chosen.size(), chosen.initialLoss(),
                        chosen.initial().expected(10), chosen.initial().logitVariance()))
                .metric("initial_loss", chosen.initialLoss())
                .metric("initial_loss_expected", chosen.initial().expected(10));
        report.section("Validation results per width").table(sweep.table(), 4)
                .image("validation accuracy against n", files.accuracy())
                .image("validation loss against n", files.loss())
                .image("mean loss curves per n", files.lossCurves())
                .image("mean accuracy curves per n", files.accuracyCurves())
                .paragraph("Each value is the seed's best epoch (lowest validation loss), mean ± one sample standard "
                        + "deviation over the seeds. Curves are means over the seeds still training at that epoch (all "
                        + "histories: `" + files.histories().name() + "`).");
        report.section("The best n").paragraph(String.format(Locale.ROOT, "Rule: the smallest n whose mean validation "
                + "accuracy lies within one standard deviation of the best mean (differences smaller than the "
                + "seed-to-seed spread are not evidence, and the smaller network is cheaper and less prone to "
                + "overfit). The best mean is n = %d with %.2f ± %.2f %%; the threshold is %.2f %%; chosen: **n = %d** "
                + "(%.2f ± %.2f %%, %d parameters).", top.size(), 100 * top.valAccuracy().mean(),
                100 * top.valAccuracy().std(), 100 * (top.valAccuracy().mean() - top.valAccuracy().std()),
                chosen.size(), 100 * chosen.valAccuracy().mean(), 100 * chosen.valAccuracy().std(),
                chosen.parameters()))
                .answer(String.format(Locale.ROOT, "**Best n:** %d by the rule \"smallest n within one standard "
                        + "deviation of the best mean validation accuracy\" (best mean: n = %d, %.2f ± %.2f %%).",
                        chosen.size(), top.size(), 100 * top.valAccuracy().mean(), 100 * top.valAccuracy().std()))
                .metric("best_hidden_size", chosen.size())
                .metric("best_mean_hidden_size", top.size())
                .metric("best_val_accuracy", chosen.valAccuracy().mean());
    }

    /** Why the hidden-layer sweep's final model is the one it is. */
    static String hiddenChoice(WidthSweep.Width best, FinalModel model) {
        return String.format(Locale.ROOT, "The final model is the seed of n = %d with the lowest validation loss "
                + "(seed %d, %.4f at epoch %d), with the parameters of that epoch, refined once with a smaller rate.",
                best.size(), model.seed(), model.firstStage().best().valLoss(), model.firstStage().bestEpoch());
    }

    void softmaxComparison(ClassifierComparison c, GradientDescent method, FinalModel softmax) {
        report.section("Softmax regression against one hidden layer (test set)")
                .paragraph(String.format(Locale.ROOT, "The softmax model is retrained here with the same shared "
                        + "protocol code as softmax-regression (mini-batch GD, its own learning-rate sweep over %s → "
                        + "%s, early stopping, one refinement with a smaller rate, seed %d), so this run needs no "
                        + "other run's files. Training times include the refinements.", method.rates(),
                        softmax.rate(), softmax.seed()))
                .image("softmax learning-rate sweep", method.files().sweepChart())
                .table(c.headline(), 4)
                .table(c.perClassF1(), 4)
                .paragraph("**Judgement.** " + c.judgement())
                .image("confusion matrix of the softmax model", softmax.testFiles().confusionChart())
                .answer("**Softmax against one hidden layer:** " + c.judgement())
                .metric("test_accuracy_softmax", softmax.test().matrix().accuracy())
                .metric("test_macro_f1_softmax", softmax.test().matrix().macroF1());
    }

    static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

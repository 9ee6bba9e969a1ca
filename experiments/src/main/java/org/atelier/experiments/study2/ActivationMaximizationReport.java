package org.atelier.experiments.study2;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import org.atelier.core.report.StudyReport.Section;
import org.atelier.core.stats.SpearmanCorrelation;
import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.training.History;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.visualize.ActivationMaximizer;
import tech.tablesaw.api.Table;

/**
 * The words of {@code activation-maximization}: each method turns one finding into its report
 * section, its answer bullet and its metrics, side by side, so that a number cannot differ between
 * {@code report.md}, the answers at a glance and {@code summary.json}. The experiment computes,
 * this class explains.
 */
final class ActivationMaximizationReport {

    /** The report. */
    static final RunFile REPORT = new RunFile("report.md", "the sheet's questions answered with the run's numbers and figures");

    /** Significance level of the correlation test. */
    static final double ALPHA = 0.05;

    private final StudyReport report;

    ActivationMaximizationReport(boolean smoke) {
        this.report = new StudyReport("What did the network learn? Activation maximization on Fashion-MNIST");
        if (smoke) {
            report.preface("**Smoke run: a few hundred images, one epoch, a few ascent steps; the numbers below mean"
                    + " nothing.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    void models(TrialData data, long parameters, TrialResult model, TrialResult judge, long modelSeed, long judgeSeed,
            double testAccuracy, double judgeAccuracy, Params params) {
        History history = model.history();
        double secondsPerEpoch = history.totalSeconds() / history.last().epoch();
        report.section("The model and the judge").paragraph(String.format(Locale.ROOT, "Fashion-MNIST: %d training "
                + "and %d validation images (a stratified 10 %% hold-out of the 60 000), %d test images; pixels "
                + "divided by 255 and standardized with the training split's mean %.4f and standard deviation %.4f. "
                + "The network is the CNN of the PyTorch MNIST example (conv 10@5×5 → max-pool → ReLU → conv 20@5×5 → "
                + "dropout → max-pool → ReLU → fc 50 → ReLU → dropout → fc2 10, %,d parameters, dropout %.2f; the example's 0.5 on a 50-unit layer still underfits after 10 epochs), "
                + "trained with Adam (rate %s%s, batch %d) for %d epochs; the epoch of lowest validation loss is kept "
                + "(epoch %d, %.1f s per epoch). It reaches a test accuracy of **%.2f %%**.",
                data.train().size(), data.validation().size(), data.test().size(), data.standardizer().mean()[0],
                data.standardizer().std()[0], parameters, params.getDouble("dropout"), params.getDouble("learning_rate"),
                CnnCases.scheduleWords(params), params.getInt("batch_size"), params.getInt("epochs"), history.bestEpoch(), secondsPerEpoch,
                100 * testAccuracy))
                .paragraph(String.format(Locale.ROOT, "The **judge** is a second network of the same kind, trained "
                        + "the same way but from another seed (%d instead of %d: other initial weights, dropout masks "
                        + "and batch order; kept epoch %d). It never sees the synthesized images during training and "
                        + "serves only to score them: its test accuracy is %.2f %%. The visualized model cannot judge "
                        + "its own images: they were optimized to score high on it.",
                        judgeSeed, modelSeed, judge.history().bestEpoch(), 100 * judgeAccuracy))
                .answer(String.format(Locale.ROOT, "**Model:** the PyTorch-example CNN, test accuracy %.2f %% "
                        + "(epoch %d of %d); the independent judge reaches %.2f %%.", 100 * testAccuracy,
                        history.bestEpoch(), params.getInt("epochs"), 100 * judgeAccuracy))
                .metric("best_epoch", history.bestEpoch())
                .metric("seconds_per_epoch", secondsPerEpoch)
                .metric("judge_test_accuracy", judgeAccuracy);
    }

    void method(ActivationMaximizer maximizer, Params params) {
        report.section("Activation maximization: the method").paragraph("Start from an all-zero (black, empty) "
                + "image in pixel units and pick a class c. Each step computes the gradient of the class's "
                + "**pre-softmax** output unit (the fc2 logit z_c; the softmax probability could also rise by "
                + "pushing the other classes down) with respect to the input image — DJL's GradientCollector with "
                + "the image attached to it and the model in inference mode (dropout off, parameters frozen) — and "
                + "moves the image a step up that gradient (gradient *ascent*). The gradient is divided by its root "
                + "mean square, so that each step changes the pixels by the same amount whatever the logit's scale; "
                + "after each step the pixels are clipped to [0, 1], the range of real images. The ten classes are "
                + "optimized together as one batch, each image by its own logit's gradient.")
                .paragraph(String.format(Locale.ROOT, "Plain gradient ascent finds high-frequency patterns that "
                        + "excite the network but look like noise (§4). Three regularizers keep the images natural "
                        + "(Yosinski et al. 2015; Olah et al. 2017, \"Feature Visualization\"):"))
                .bullets(List.of(
                        String.format(Locale.ROOT, "**L2 decay** %s: the image is multiplied by 1 − %s after "
                                + "every step, so pixels the class does not need fade back to black, the "
                                + "background of every Fashion-MNIST image.", params.getDouble("l2"),
                                params.getDouble("l2")),
                        String.format(Locale.ROOT, "**Gaussian blur** every %d steps (σ = %s px): removes the "
                                + "pixel-level patterns a blur would not survive, and real images contain few of.",
                                params.getInt("blur_every"), params.getDouble("blur_sigma")),
                        String.format(Locale.ROOT, "**Jitter**: before every step the image is shifted by a random "
                                + "offset of up to ±%d px in each direction and the gradient shifted back, so only "
                                + "patterns that excite the class at several positions grow.", params.getInt("jitter"))))
                .paragraph(String.format(Locale.ROOT, "%d steps of size %s (pixel units, root mean square per "
                        + "image); the jitter offsets come from the run's seed, so the same seed gives the same "
                        + "images (`%s`).", params.getInt("steps"), params.getDouble("rate"), maximizer))
                .answer(String.format(Locale.ROOT, "**Method:** gradient ascent on the input from an empty image, "
                        + "%d steps, regularized by L2 decay (%s per step), a Gaussian blur (σ = %s px every %d steps) "
                        + "and jitter (±%d px).", params.getInt("steps"), params.getDouble("l2"),
                        params.getDouble("blur_sigma"), params.getInt("blur_every"), params.getInt("jitter")));
    }

    void images(ClassImages images, RunFile grid, RunFile logits, double seconds) {
        List<Integer> byQuality = byQuality(images);
        int best = byQuality.get(0);
        int worst = byQuality.get(byQuality.size() - 1);
        ClassImages.Variant variant = images.regularized();
        Section section = report.section("The images of the ten classes")
                .image("activation maximization images of the ten classes", grid)
                .paragraph(String.format(Locale.ROOT, "The target logit rises from %.2f (the empty image, mean over "
                        + "the classes) to %.2f. The visualized model itself classifies %d of %d images as their class "
                        + "(mean probability %.3f)%s. The judge, which never optimized anything, recognizes **%d of %d** "
                        + "images as their class (mean probability of the class %.3f). Best recognized: %s (%.3f); "
                        + "worst: %s (%.3f, the judge says %s). Optimizing the images of both variants (§4) took %.1f s.",
                        mean(variant.initial()), variant.meanAchieved(), modelRecognized(images), images.size(),
                        meanModelProbability(images), modelExceptions(images), images.recognized(), images.size(),
                        images.meanQuality(), name(images, best), images.quality(best), name(images, worst),
                        images.quality(worst), images.classNames().get(images.judge().classes()[worst]), seconds))
                .image("target logit per ascent step", logits)
                .paragraph(String.format(Locale.ROOT, "The jagged blue curves are the jitter: each step measures the "
                        + "logit on a shifted image. Without regularization the logit ends %s (%.2f against %.2f): "
                        + "nothing pulls the image back, while decay and blur take back part of each step's gain.",
                        images.unregularized().meanAchieved() > variant.meanAchieved() ? "higher" : "no higher",
                        images.unregularized().meanAchieved(), variant.meanAchieved()))
                .answer(String.format(Locale.ROOT, "**What did the network learn?** The judge recognizes %d of %d "
                        + "synthesized images as their class (mean probability %.3f); clearest: %s, least clear: %s.",
                        images.recognized(), images.size(), images.meanQuality(), name(images, best),
                        name(images, worst)))
                .metric("logit_reached_mean", variant.meanAchieved())
                .metric("mean_quality", images.meanQuality())
                .metric("recognized_by_judge", images.recognized())
                .metric("maximization_seconds", seconds);
        for (int c = 0; c < images.size(); c++) {
            section.metric("quality_" + images.metricName(c), images.quality(c));
        }
    }

    void unregularized(ClassImages images, RunFile grid) {
        ClassImages.Variant with = images.regularized();
        ClassImages.Variant without = images.unregularized();
        String qualityVerdict = images.meanQualityUnregularized() < images.meanQuality() ? "lower" : "not lower";
        report.section("Why regularization is needed").image("the same images without regularization", grid)
                .paragraph(String.format(Locale.ROOT, "Plain gradient ascent (same steps and step size, no decay, "
                        + "no blur, no jitter) drives the target logit to %.2f on average, against %.2f with "
                        + "regularization. Their roughness (mean absolute difference between neighbouring pixels) is "
                        + "%.3f against %.3f (%.1f×), and the independent judge recognizes %d of %d of them (mean "
                        + "probability of the class %.3f, %s than the regularized images' %.3f). Plain ascent finds "
                        + "what excites this particular network — partly patterns no real image has — rather than "
                        + "what the class looks like; the regularizers restrict it to images that resemble real ones.",
                        without.meanAchieved(), with.meanAchieved(), without.meanRoughness(), with.meanRoughness(),
                        without.meanRoughness() / with.meanRoughness(),
                        images.recognizedUnregularized(), images.size(), images.meanQualityUnregularized(),
                        qualityVerdict, images.meanQuality()))
                .answer(String.format(Locale.ROOT, "**Why regularize?** Without it the logit gets higher (%.1f vs "
                        + "%.1f) but the images are %.1f× rougher and the judge's mean probability of the class is "
                        + "%.3f instead of %.3f.", without.meanAchieved(), with.meanAchieved(),
                        without.meanRoughness() / with.meanRoughness(), images.meanQualityUnregularized(),
                        images.meanQuality()))
                .metric("logit_reached_mean_unregularized", without.meanAchieved())
                .metric("mean_quality_unregularized", images.meanQualityUnregularized())
                .metric("recognized_by_judge_unregularized", images.recognizedUnregularized())
                .metric("roughness_mean", with.meanRoughness())
                .metric("roughness_mean_unregularized", without.meanRoughness());
    }

    void confusion(ClassImages images, TestSetEvaluation.Files files) {
        List<Integer> byAccuracy = IntStream.range(0, images.size()).boxed()
                .sorted(Comparator.comparingDouble(images::accuracy).reversed()).toList();
        int hardest = byAccuracy.get(byAccuracy.size() - 1);
        Section section = report.section("Confusion matrix on the test set");
        new TestSetEvaluation(images.test()).addTo(section.body(), files, "the CNN");
        section.paragraph(String.format(Locale.ROOT, "Easiest classes: %s; hardest: %s (%.1f %%), most often taken "
                        + "for %s.", String.join(", ", byAccuracy.subList(0, 3).stream().map(c -> String.format(
                                Locale.ROOT, "%s (%.1f %%)", name(images, c), 100 * images.accuracy(c))).toList()),
                        name(images, hardest), 100 * images.accuracy(hardest), mostConfusedWith(images, hardest)))
                .answer(String.format(Locale.ROOT, "**Test set:** accuracy %.2f %%, per class from %.1f %% (%s) to "
                        + "%.1f %% (%s).", 100 * images.test().accuracy(), 100 * images.accuracy(hardest),
                        name(images, hardest), 100 * images.accuracy(byAccuracy.get(0)), name(images, byAccuracy.get(0))))
                .metric("test_accuracy", images.test().accuracy())
                .metric("test_macro_f1", images.test().macroF1());
    }

    void correlation(ClassImages images, RunFile scatter, RunFile table) {
        SpearmanCorrelation rho = images.correlation();
        double critical = SpearmanCorrelation.criticalValue(images.size(), ALPHA);
        Section section = report.section("Does per-class accuracy correlate with image quality?")
                .paragraph("Image quality is measured, not judged by eye: the probability that the independent "
                        + "judge assigns to the class of the image synthesized for it. Per-class accuracy is the "
                        + "visualized model's recall on the test set (the diagonal of §5's confusion matrix divided by "
                        + "the row sums). Spearman's rank correlation compares the two orderings; it needs no linear "
                        + "relation and is robust to the probabilities' bunching near 0 and 1.")
                .image("per-class test accuracy against image quality", scatter)
                .table(correlationTable(images), 4)
                .paragraph(verdict(rho, critical, images.size()))
                .paragraph(String.format(Locale.ROOT, "Caveats. (1) n = %d: the p-value is exact (all %d! = %,d "
                        + "pairings of the two rankings enumerated, ties included), and at this n only |ρ| ≥ %.3f "
                        + "is significant at the %.0f %% level: a moderate correlation is no evidence. (2) %d of the %d "
                        + "qualities exceed 0.99; their order rests on differences in the judge's saturated "
                        + "probabilities that mean little, and the ranks there could swap with another seed. (3) "
                        + "Quality is one image per class from one seed, and the "
                        + "judge is a network of the same architecture trained on the same data: it measures whether "
                        + "the image carries the features such networks use, not whether a person would recognize "
                        + "it. (4) Accuracy and quality share a cause, how distinctive a class is, so even a "
                        + "strong correlation would not mean that one produces the other. Full table: `%s`.",
                        images.size(), images.size(), factorial(images.size()), critical, 100 * ALPHA,
                        saturated(images), images.size(), table.name()))
                .answer(answer(rho, critical));
        if (Double.isFinite(rho.rho())) {
            section.metric("spearman_accuracy_quality", rho.rho())
                    .metric("spearman_p_value", rho.pValue());
        }
        section.metric("spearman_critical_value", critical);
    }

    /** The scatter plot's title, with ρ and its p-value. */
    static String scatterTitle(SpearmanCorrelation rho) {
        return String.format(Locale.ROOT, "Per-class test accuracy against image quality: Spearman ρ = %s "
                + "(exact p = %s, n = %d)", format(rho.rho(), 2), format(rho.pValue(), 3), rho.n());
    }

    private static String verdict(SpearmanCorrelation rho, double critical, int n) {
        if (!Double.isFinite(rho.rho())) {
            return "One of the two measurements is the same for every class, so the ranks have no spread and ρ "
                    + "is undefined: there is nothing to correlate.";
        }
        String direction = rho.rho() > 0 ? "classes the model recognizes better tend to give better images"
                : "classes the model recognizes better tend to give worse images";
        String strength = Math.abs(rho.rho()) >= critical
                ? String.format(Locale.ROOT, "|ρ| reaches the %.3f that n = %d requires at the 5 %% level", critical, n)
                : String.format(Locale.ROOT, "|ρ| stays below the %.3f that n = %d requires at the 5 %% level",
                        critical, n);
        String conclusion = rho.pValue() < ALPHA
                ? "so the correlation is unlikely to be chance"
                : "so a random pairing of the same two rankings correlates at least as strongly in "
                        + String.format(Locale.ROOT, "%.0f %% of cases: no evidence of a relation either way",
                                100 * rho.pValue());
        return String.format(Locale.ROOT, "**Spearman's ρ = %.3f** (two-sided exact permutation p = %.4f): %s; %s, "
                + "%s.", rho.rho(), rho.pValue(), direction, strength, conclusion);
    }

    private static String answer(SpearmanCorrelation rho, double critical) {
        if (!Double.isFinite(rho.rho())) {
            return "**Accuracy vs. image quality:** undefined (one measurement is constant over the classes).";
        }
        String reading = rho.pValue() < ALPHA
                ? (rho.rho() > 0 ? "yes, positively" : "yes, negatively") + " (p < 0.05)"
                : "no evidence at n = 10 (p ≥ 0.05)";
        return String.format(Locale.ROOT, "**Does per-class accuracy correlate with image quality?** Spearman ρ = "
                + "%.3f, exact p = %.4f: %s; with 10 classes only |ρ| ≥ %.3f would be significant at 5 %%.",
                rho.rho(), rho.pValue(), reading, critical);
    }

    private static long saturated(ClassImages images) {
        return IntStream.range(0, images.size()).filter(c -> images.quality(c) > 0.99).count();
    }

    private static Table correlationTable(ClassImages images) {
        return images.table().selectColumns("class", "test_accuracy", "accuracy_rank", "quality", "quality_rank",
                "judge_says", "model_probability");
    }

    private static List<Integer> byQuality(ClassImages images) {
        return IntStream.range(0, images.size()).boxed()
                .sorted(Comparator.comparingDouble(images::quality).reversed()).toList();
    }

    private static String mostConfusedWith(ClassImages images, int c) {
        int other = -1;
        for (int p = 0; p < images.size(); p++) {
            if (p != c && (other < 0 || images.test().count(c, p) > images.test().count(c, other))) {
                other = p;
            }
        }
        return String.format(Locale.ROOT, "%s (%d of %d images)", name(images, other), images.test().count(c, other),
                images.test().support(c));
    }

    private static int modelRecognized(ClassImages images) {
        return (int) IntStream.range(0, images.size()).filter(c -> images.model().classes()[c] == c).count();
    }

    /** "; exceptions: Shirt → T-shirt/top (p 0.19)", or nothing. */
    private static String modelExceptions(ClassImages images) {
        List<String> exceptions = IntStream.range(0, images.size()).filter(c -> images.model().classes()[c] != c)
                .mapToObj(c -> String.format(Locale.ROOT, "%s → %s (probability of %s %.3f)", name(images, c),
                        name(images, images.model().classes()[c]), name(images, c), images.model().probability(c, c)))
                .toList();
        return exceptions.isEmpty() ? "" : "; the exception" + (exceptions.size() > 1 ? "s: " : ": ")
                + String.join(", ", exceptions) + ": raising this class's logit raised another's more";
    }

    private static double meanModelProbability(ClassImages images) {
        double sum = 0;
        for (int c = 0; c < images.size(); c++) {
            sum += images.model().probability(c, c);
        }
        return sum / images.size();
    }

    private static String name(ClassImages images, int c) {
        return images.classNames().get(c);
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static long factorial(int n) {
        long f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static String format(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "undefined";
    }
}

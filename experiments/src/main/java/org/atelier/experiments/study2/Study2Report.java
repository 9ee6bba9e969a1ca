package org.atelier.experiments.study2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atelier.core.data.Standardizer;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport.Section;
import org.atelier.core.report.StudyReport;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.CaseComparison;
import org.atelier.core.study.CaseRuns;
import org.atelier.core.study.LearningRateSweep;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.atelier.core.training.SplitCurve;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialResult;
import tech.tablesaw.api.Table;

/**
 * The words of study 2's CNN experiments: each method turns one finding into its report section,
 * its answer bullet and its metrics, side by side, so that a number cannot differ between {@code
 * report.md}, the answers at a glance and {@code summary.json}. The experiments compute, this class
 * explains.
 */
final class Study2Report {

    /** The study the experiments belong to, as {@code ./atelier list} groups them. */
    static final String STUDY = "2 — CNN techniques";

    /** The report of every study-2 experiment. */
    static final RunFile REPORT = new RunFile("report.md", "the study's answers with the run's numbers and figures");

    /** The share of the training images held out for validation. */
    static final double VALIDATION = 0.1;

    /**
     * Adam's learning rate where no sweep chooses one: what cnn-baseline's sweep chose in its
     * default run (1e-4 … 1e-1, two epochs each; validation loss 0.439 at 3e-3 against 0.466 at 1e-3
     * and 0.549 at 1e-2; 1e-1 diverged).
     */
    static final double DEFAULT_RATE = 3e-3;

    /** The case names as the report writes them. */
    private static final Map<String, String> TITLES = Map.of("baseline", "baseline (from scratch)",
            "augmentation", "data augmentation", "batchnorm", "batch normalization",
            "finetune_frozen", "MNIST pre-training, all but fc2 frozen", "finetune_full",
            "MNIST pre-training, nothing frozen");

    private final StudyReport report;

    Study2Report(String title, boolean smoke) {
        this.report = new StudyReport(title);
        if (smoke) {
            report.preface("**Smoke run: a few hundred images and one or two epochs; the numbers below mean nothing.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    private static String title(CaseRuns runs) {
        return TITLES.getOrDefault(runs.name(), runs.name());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    private static String percent(MeanStd value) {
        return String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * value.mean(), 100 * value.std());
    }

    /**
     * The protocol section.
     *
     * @param cases the run's cases
     * @param rate the learning rate of every case, or null when a sweep chooses it
     */
    void protocol(CnnCases cases, Double rate) {
        TrialData data = cases.fashionData();
        report.section("Protocol").paragraph(String.format(Locale.ROOT, "The network is the CNN of the PyTorch MNIST "
                + "example as of 2017: conv 1→10 5×5 → max-pool 2 → ReLU → conv 10→20 5×5 → Dropout2d → max-pool 2 → "
                + "ReLU → flatten (320) → fc1 50 → ReLU → dropout → fc2 10, dropout rate %s%s. Fashion-MNIST's training "
                + "images are split stratified into %d for training and %d (%.0f %%) for validation; "
                + "pixels are scaled to [0, 1] and standardized with one mean and standard deviation of the training "
                + "split. Every case trains for %d epochs with %s (learning rate %s%s), batch %d, weights "
                + "N(0, 1/√fan_in), biases 0. After every epoch the loss and accuracy are recorded on the training "
                + "batches (as the fit saw them, dropout and augmentation on), on the validation split and on the "
                + "%d **test** images (inference mode). Two numbers are reported per seed: the sheet's **best "
                + "epoch** — the epoch of highest test accuracy, an optimistic number because the test set chose it "
                + "— and the **validation-selected** test accuracy, that of the epoch of highest validation "
                + "accuracy, which a user without test labels could have picked. Each case runs from %d seeds "
                + "(%s); numbers are mean ± sample standard deviation over them; a difference between cases counts as "
                + "more than seed noise when it exceeds 2 standard errors of the difference of means. Every seed is a trial: "
                + "by default a full run trains them side by side, one per core (`--executor auto`).",
                cases.dropout(), cases.dropout() == CnnCases.DEFAULT_DROPOUT ? " (the "
                        + "example's 0.5 was set for MNIST; on Fashion-MNIST the 50-unit fc1 underfits with it in 10 "
                        + "epochs: best-epoch test accuracy 87.7 % at 0.5, 89.5 % at 0.25, 90.3 % at 0.1 and 90.6 % at "
                        + "0 in a development run of seed 42 with this schedule)" : "", data.train().size(), data.validation().size(), 100 * VALIDATION,
                cases.epochs(), cases.optimizer().equals("adam")
                        ? "Adam (DJL's default betas)" : "plain SGD", rate == null ? "chosen by the sweep below"
                                : String.valueOf(rate), cases.cosine() ? cases.scheduleWords()
                                        + " at the last update" : ", constant", cases.fit(1).batchSize(), data.test().size(), cases.seeds().size(),
                cases.seeds().toString().replaceAll("[\\[\\]]", "")));
    }

    void parameters(Table layers) {
        long total = layers.longColumn("parameters").get(layers.rowCount() - 1);
        StringBuilder perLayer = new StringBuilder();
        for (int i = 0; i < layers.rowCount() - 1; i++) {
            perLayer.append(i == 0 ? "" : ", ").append(layers.stringColumn("layer").get(i)).append(' ')
                    .append(String.format(Locale.ROOT, "%,d", layers.longColumn("parameters").get(i)));
        }
        report.section("Parameters per layer").paragraph("Counted from the built DJL block (weights and biases of "
                + "every layer; pooling, ReLU, dropout and flatten have none). conv1: 10 filters of 1×5×5 plus 10 "
                + "biases = 260; conv2: 20 filters of 10×5×5 plus 20 biases = 5 020; fc1: 320×50 + 50 = 16 050; "
                + "fc2: 50×10 + 10 = 510. fc1 holds three quarters of the network.")
                .table(layers, 0)
                .answer(String.format(Locale.ROOT, "**Parameters:** %s; total **%,d**.", perLayer, total))
                .metric("parameters", total);
    }

    void sweep(LearningRateSweep sweep, CnnCases cases, int epochs, RunFile chart) {
        double chance = Math.log(10);
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < sweep.rates().size(); i++) {
            History history = sweep.histories().get(i);
            EpochRecord last = history.last();
            if (LearningRateSweep.diverged(history) || !(last.valLoss() < chance)) {
                failed.add(String.format(Locale.ROOT, "lr %s ends at validation loss %.3f and accuracy %s",
                        sweep.rates().get(i), last.valLoss(), percent(last.valAccuracy())));
            }
        }
        EpochRecord chosen = sweep.chosenHistory().last();
        String tooLarge = failed.isEmpty() ? "Every rate of this sweep learned something; add larger rates to see one "
                + "fail." : "Too large a rate does not learn: " + String.join("; ", failed) + ", no better than "
                        + "guessing uniformly (loss ln 10 = 2.303, accuracy 10 %): after steps that large the network "
                        + "predicts (nearly) the same class for every image, typically because its ReLUs died. Below "
                        + "the chosen rate, learning is merely slower.";
        String optimizer = cases.optimizerTitle();
        report.section("Learning rate").paragraph(String.format(Locale.ROOT, "%s, each rate held constant for %d %s "
                + "from seed %s; the rule picks the lowest validation loss at the end among the rates that did not "
                + "diverge (a non-finite loss, or a final validation loss not below the starting one). %s%s", optimizer,
                epochs, epochs == 1 ? "epoch" : "epochs", cases.seeds().get(0), tooLarge, cases.cosine()
                        ? " The cases then start at the chosen rate and decay it along the cosine. The sweep holds the "
                                + "rates constant because a decay squeezed into its few epochs favours too large a "
                                + "rate: with the decay in the sweep, 1e-2 won and its 10-epoch seeds reached 89.1 %, "
                                + "against 90.3 % at 3e-3 (a development run, seeds 42 and 43)." : ""))
                .image("validation loss per epoch for each learning rate", chart)
                .table(sweep.toTable(), 4)
                .answer(String.format(Locale.ROOT, "**Learning rate:** %s %s from %s (validation loss %.4f, accuracy %s "
                        + "after %d %s); %d of %d rates did not learn at all (the largest: %s).", optimizer,
                        sweep.chosenRate(), sweep.rates(), chosen.valLoss(), percent(chosen.valAccuracy()), epochs,
                        epochs == 1 ? "epoch" : "epochs", failed.size(), sweep.rates().size(),
                        failed.isEmpty() ? "none" : failed.get(failed.size() - 1)))
                .metric("learning_rate", sweep.chosenRate());
    }

    /**
     * The section of a run's cases: curves, per-seed table, metrics. The first case's metrics are
     * unprefixed ({@code best_test_accuracy}); the others' carry the case's name ({@code
     * finetune_full_best_test_accuracy}).
     */
    void cases(CaseComparison comparison, String heading) {
        CaseRuns main = comparison.cases().get(0);
        Section section = report.section(heading).paragraph(String.format(Locale.ROOT, "Learning curves of %s, mean "
                + "± one standard deviation over the seeds; training numbers are those of the epoch's batches (dropout "
                + "on), test numbers those of the whole test set after the epoch.", comparison.cases().size() == 1
                        ? title(main) : "every case"))
                .image("loss and accuracy per epoch on the training set", CnnCases.TRAINING_CURVES)
                .image("loss and accuracy per epoch on the test set", CnnCases.TEST_CURVES)
                .table(comparison.seedTable(), 4)
                .table(comparison.table(), 4);
        for (CaseRuns runs : comparison.cases()) {
            caseMetrics(section, runs, runs == main ? "" : runs.name() + "_");
        }
        section.answer(String.format(Locale.ROOT, "**%s:** best-epoch test accuracy **%s** (best epoch %.1f on "
                + "average, %d seeds); the epoch chosen on validation gives %s.", capitalized(title(main)),
                percent(main.bestTestAccuracy()), main.bestEpoch().mean(), main.seeds().size(),
                percent(main.validationSelectedTestAccuracy())));
    }

    private static void caseMetrics(Section section, CaseRuns runs, String prefix) {
        section.metric(prefix + "best_epoch", runs.bestEpoch().mean())
                .metric(prefix + "best_test_accuracy", runs.bestTestAccuracy().mean())
                .metric(prefix + "best_test_accuracy_std", runs.bestTestAccuracy().std())
                .metric(prefix + "validation_selected_test_accuracy", runs.validationSelectedTestAccuracy().mean())
                .metric(prefix + "validation_selected_test_accuracy_std", runs.validationSelectedTestAccuracy().std())
                .metric(prefix + "seconds_per_epoch", runs.secondsPerEpoch());
    }

    /** How many cases had every seed's best test epoch at the last epoch. */
    private static long stillRising(CaseComparison comparison) {
        return comparison.cases().stream().filter(runs -> {
            double last = runs.epochs()[runs.epochs().length - 1];
            return runs.perSeed().stream().allMatch(seed -> seed.bestTestEpoch() == last);
        }).count();
    }

    /** The mean test accuracy after the first epoch. */
    private static double firstEpochTestAccuracy(CaseRuns runs) {
        double[][] test = runs.test(true);
        int index = Arrays.binarySearch(runs.epochs(), 1.0);
        return MeanStd.of(Arrays.stream(test).mapToDouble(r -> r[index]).toArray()).mean();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    void batchNorm(Table layers, double rate, double dropout) {
        report.section("Where the batch normalization sits, and why").paragraph("Three batch normalizations: after "
                + "conv1 and after conv2 (per channel, statistics over the batch and all positions), and after fc1 "
                + "(per unit) — each between the layer's linear map and its nonlinearity, as Ioffe and Szegedy place "
                + "it. In training each normalizes its input with the batch's mean and variance, so the ReLU (after "
                + "max-pooling, which commutes with the per-channel scaling) always sees inputs centred near zero "
                + "with unit scale however the weights below have drifted; a learned scale γ and shift β per channel "
                + "give the layer back its freedom. That keeps gradients well scaled, allows larger steps and adds "
                + "noise from the batch statistics that regularizes. In inference the running mean and variance "
                + "collected during training replace the batch's. fc2 is not normalized: its logits must be free to "
                + "grow as the classifier becomes confident. Each normalization adds γ and β (trained) and a "
                + "running mean and variance (not trained by gradient) per channel:")
                .table(layers, 0)
                .paragraph(String.format(Locale.ROOT, "Trained as Ioffe and Szegedy train a batch-normalized "
                        + "network: at a higher rate, %s (the baseline: %s), and with dropout %s (the baseline: %s), "
                        + "because the normalization keeps large steps stable and its batch statistics regularize. "
                        + "In a development run of seed 42 the batch-normalized CNN reached 90.73 %% with the "
                        + "baseline's rate and dropout, 90.92 %% with either change alone and 91.12 %% with both.",
                        rate, DEFAULT_RATE, dropout == 0 ? "removed" : String.valueOf(dropout), CnnCases.DEFAULT_DROPOUT))
                .metric("parameters", layers.longColumn("parameters").get(layers.rowCount() - 1));
    }

    void augmentations(Map<String, RunFile> previews, RunFile pipeline, List<String> steps, Standardizer standardizer) {
        Section section = report.section("Augmentations").paragraph(String.format(Locale.ROOT, "Each transformation "
                + "runs on the whole training batch at once, every sample with its own randomness, after "
                + "standardization; the figures show the first %d training images (standardized, one shared gray "
                + "scale) and 5 random draws. Zero, the fill of the crop's padding, of erasing and of the affine "
                + "transform's uncovered corners, is the training mean (pixel %.3f): a mid gray, not black.",
                4, standardizer == null ? Double.NaN : standardizer.mean()[0]));
        previews.forEach((name, file) -> section.image(name + ": original and random draws", file));
        section.paragraph("flip-horizontal mirrors an image with probability 0.5 (clothes are left–right symmetric "
                + "enough that a mirrored shirt is still a shirt); random-crop pads 2 pixels and cuts a random 28×28 "
                + "window (a shift by up to 2 pixels); random-erasing blanks a random rectangle of 2–33 % of the image "
                + "with probability 0.5; random-affine rotates by up to 15° and shifts by up to 10 %.")
                .paragraph("The network trains on the pipeline " + String.join(" → ", steps)
                        + ", the composition shown here:")
                .image("the augmentation pipeline: original and random draws", pipeline);
    }

    void pretraining(TrialResult pretrained, Table summary, CnnCases cases) {
        int kept = pretrained.history().bestEpoch();
        SplitCurve mnistTest = pretrained.requireTestCurve();
        long total = summary.longColumn("parameters").get(summary.rowCount() - 1);
        long trainable = summary.longColumn("trainable_parameters").get(summary.rowCount() - 1);
        report.section("MNIST pre-training and the frozen model").paragraph(String.format(Locale.ROOT, "The same CNN "
                + "and fit trained on MNIST (54 000 training and 6 000 validation digits, standardized with MNIST's own "
                + "statistics) for %d epochs from seed %d; the epoch of lowest MNIST validation loss, **epoch %d** "
                + "(validation accuracy %s, MNIST test accuracy %s), was kept as a `.params` file. Both fine-tuning "
                + "cases load it into the Fashion-MNIST network (same shapes, same 10 outputs) and share it across "
                + "their seeds: the pre-training runs once, so a case's seeds share their starting parameters and "
                + "differ only in dropout masks and batch order. For the frozen case DJL's `freezeParameters(true)` is called on conv1, "
                + "conv2 and fc1 once the trainer exists: their parameters get no gradient and no update (a test "
                + "checks they come out bit for bit as loaded, on PyTorch and MXNet), so only fc2 learns, a linear "
                + "classifier on MNIST's fc1 features.", pretrained.history().last().epoch(), cases.seeds().get(0),
                kept, percent(pretrained.history().best().valAccuracy()), percent(mnistTest.accuracyAt(kept))))
                .table(summary, 0)
                .answer(String.format(Locale.ROOT, "**Frozen model:** %,d of %,d parameters train (fc2), %,d are frozen; "
                        + "MNIST pre-training kept epoch %d (MNIST test accuracy %s).", trainable, total,
                        total - trainable, kept, percent(mnistTest.accuracyAt(kept))))
                .metric("trainable_parameters", trainable)
                .metric("frozen_parameters", total - trainable)
                .metric("mnist_test_accuracy", mnistTest.accuracyAt(kept))
                .metric("mnist_best_epoch", kept);
    }

    void finetuneComparison(CaseComparison comparison) {
        CaseRuns frozen = comparison.cases().get(0);
        CaseRuns full = comparison.cases().get(1);
        CaseRuns scratch = comparison.cases().get(2);
        report.section("What pre-training and freezing do").paragraph(String.format(Locale.ROOT, "Best-epoch test "
                + "accuracy: frozen %s, nothing frozen %s, from scratch %s. %s %s",
                percent(frozen.bestTestAccuracy()), percent(full.bestTestAccuracy()), percent(scratch.bestTestAccuracy()),
                "Freezing all but fc2: " + difference(frozen, full, "fine-tuning everything") + ".",
                "Starting from MNIST and training everything: " + difference(full, scratch, "starting from scratch")
                        + "."))
                .answer(String.format(Locale.ROOT, "**Pre-training vs freezing:** frozen %s, full fine-tuning %s, "
                        + "scratch %s.", percent(frozen.bestTestAccuracy()), percent(full.bestTestAccuracy()),
                        percent(scratch.bestTestAccuracy())));
    }

    /**
     * "+1.23 ± 0.40 points against Y (…): beyond the seed noise" — the difference of the mean
     * best-epoch test accuracies of two cases, and whether it exceeds the seed noise.
     */
    private static String difference(CaseRuns a, CaseRuns b, String against) {
        CaseComparison.Difference d = CaseComparison.difference(a, b);
        return String.format(Locale.ROOT, "%+.2f ± %.2f points against %s (difference of the mean best-epoch test "
                + "accuracies ± its standard error): %s", 100 * d.mean(), 100 * d.standardError(), against,
                d.exceedsNoise() ? "more than " + (int) CaseComparison.NOISE_FACTOR + " standard errors, beyond the seed "
                        + "noise" : "within " + (int) CaseComparison.NOISE_FACTOR + " standard errors, not "
                        + "distinguishable from the seed noise with these seeds");
    }

    void techniques(CaseComparison comparison, TrialResult pretrained, CnnCases cases) {
        SplitCurve mnist = pretrained.requireTestCurve();
        int kept = pretrained.history().bestEpoch();
        Section section = report.section("All cases together").paragraph(String.format(Locale.ROOT, "The cases are "
                + "those of cnn-baseline (learning rate %s%s), cnn-augmentation (pipeline "
                + "%s), cnn-batchnorm (learning rate %s, dropout %s: see cnn-batchnorm) and cnn-finetune, from the "
                + "same definitions and seeds. The MNIST model was "
                + "trained once (kept epoch %d, MNIST test accuracy %s) and shared by both fine-tuning cases.",
                cases.learningRate(), cases.learningRate() == DEFAULT_RATE ? ", what cnn-baseline's sweep chose in "
                        + "its default run" : ", set for this run; cnn-baseline's sweep chose " + DEFAULT_RATE,
                String.join(" → ", cases.pipelineSteps()), cases.batchNormRate(), cases.batchNormDropout(), kept,
                percent(mnist.accuracyAt(kept))))
                .image("loss and accuracy per epoch on the training set, every case", CnnCases.TRAINING_CURVES)
                .image("loss and accuracy per epoch on the test set, every case", CnnCases.TEST_CURVES)
                .table(comparison.table(), 4);
        for (CaseRuns runs : comparison.cases()) {
            caseMetrics(section, runs, runs.name() + "_");
        }
        CaseRuns best = comparison.best();
        CaseRuns baseline = comparison.cases().get(0);
        List<String> observations = new ArrayList<>();
        for (CaseRuns runs : comparison.cases()) {
            double train = MeanStd.of(Arrays.stream(runs.train(EpochRecord::trainAccuracy))
                    .mapToDouble(r -> r[r.length - 1]).toArray()).mean();
            double test = MeanStd.of(Arrays.stream(runs.test(true)).mapToDouble(r -> r[r.length - 1])
                    .toArray()).mean();
            observations.add(String.format(Locale.ROOT, "%s: best-epoch test accuracy %s (epoch %.1f on average); "
                    + "at the last epoch, training-batch accuracy %s against test %s (%+.2f points)%s", title(runs),
                    percent(runs.bestTestAccuracy()),
                    runs.bestEpoch().mean(), percent(train), percent(test), 100 * (train - test),
                    runs == baseline ? "" : "; " + difference(runs, baseline, "the baseline")));
        }
        CaseRuns fastest = comparison.cases().get(0);
        for (CaseRuns runs : comparison.cases()) {
            if (firstEpochTestAccuracy(runs) > firstEpochTestAccuracy(fastest)) {
                fastest = runs;
            }
        }
        CaseRuns slowest = comparison.cases().get(0);
        for (CaseRuns runs : comparison.cases()) {
            if (firstEpochTestAccuracy(runs) < firstEpochTestAccuracy(slowest)) {
                slowest = runs;
            }
        }
        report.section("What the curves show").bullets(observations).paragraph("A negative gap (test above the "
                + "training batches) is the mark of augmentation and dropout: the training numbers are measured on "
                + "perturbed batches (mirrored and cropped images, a share of the units zeroed), the test numbers on "
                + "clean images with every unit.")
                .answer(String.format(Locale.ROOT, "**What do the curves show?** %s starts fastest (test accuracy %s "
                        + "after epoch 1), %s slowest (%s); in %d of %d cases every seed's best epoch is the last one, "
                        + "so those curves were still rising when training stopped; the training-batch accuracy lies "
                        + "below the test accuracy where dropout or augmentation perturb the training batches.",
                        capitalized(title(fastest)), percent(firstEpochTestAccuracy(fastest)), title(slowest),
                        percent(firstEpochTestAccuracy(slowest)), stillRising(comparison), comparison.cases().size()))
                .answer(String.format(Locale.ROOT, "**Which method worked best?** %s with %s best-epoch test accuracy; "
                        + "%s", title(best), percent(best.bestTestAccuracy()), best == baseline
                                ? "no technique beat the baseline on average."
                                : difference(best, baseline, "the baseline") + "."))
                .metric("best_case_test_accuracy", best.bestTestAccuracy().mean());
    }
}

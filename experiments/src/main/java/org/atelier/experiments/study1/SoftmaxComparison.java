package org.atelier.experiments.study1;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.MarkdownReport;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.study.TestSetEvaluation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Softmax regression against the one-hidden-layer model on the test set: the headline metrics,
 * per-class F1 side by side, size and training time, and a short judgement generated from them.
 *
 * @param softmax the softmax model's test evaluation
 * @param hidden the hidden-layer model's test evaluation
 * @param softmaxParameters the softmax model's parameter count
 * @param hiddenParameters the hidden-layer model's parameter count
 * @param softmaxSeconds the softmax model's training time
 * @param hiddenSeconds the hidden-layer model's training time
 * @param hiddenSize the hidden layer's width
 */
public record SoftmaxComparison(TestSetEvaluation softmax, TestSetEvaluation hidden, long softmaxParameters,
        long hiddenParameters, double softmaxSeconds, double hiddenSeconds, int hiddenSize) {

    /** The files of the softmax comparison model's variant. */
    public static final VariantFiles FILES = VariantFiles.of("softmax", "the softmax comparison model");

    /** The headline table. */
    public static final RunFile HEADLINE = new RunFile("comparison.csv", "softmax against hidden layer on the test set");

    /** Per-class F1 side by side. */
    public static final RunFile PER_CLASS_F1 = new RunFile("comparison-per-class-f1.csv", "per-class F1 side by side");

    /**
     * The softmax comparison model's variant: the mini-batch settings with the softmax's own rates.
     *
     * @param params the effective parameters ({@code softmax_rates} and the mini-batch settings)
     * @return the variant, writing {@link #FILES}
     */
    public static GradientDescent variant(Params params) {
        GradientDescent minibatch = MinibatchSettings.variant(params);
        return new GradientDescent(FILES, minibatch.label(), minibatch.batchSize(),
                params.getDoubles("softmax_rates"), minibatch.sweepEpochs(), minibatch.maxEpochs(),
                minibatch.patience(), minibatch.minDelta());
    }

    /** The headline table: one row per quantity, columns {@code quantity, softmax, hidden, difference}. */
    public Table headline() {
        ConfusionMatrix s = softmax.matrix();
        ConfusionMatrix h = hidden.matrix();
        List<String> names = List.of("accuracy", "macro precision", "macro recall", "macro F1", "parameters",
                "training time (s)");
        double[] left = {s.accuracy(), s.macroPrecision(), s.macroRecall(), s.macroF1(), softmaxParameters, softmaxSeconds};
        double[] right = {h.accuracy(), h.macroPrecision(), h.macroRecall(), h.macroF1(), hiddenParameters, hiddenSeconds};
        return Table.create("softmax vs hidden layer", StringColumn.create("quantity", names),
                DoubleColumn.create("softmax", left), DoubleColumn.create("hidden_n" + hiddenSize, right),
                DoubleColumn.create("difference", IntStream.range(0, left.length).mapToDouble(i -> right[i] - left[i])));
    }

    /** Per-class F1 side by side: {@code class, softmax_f1, hidden_f1, difference}. */
    public Table perClassF1() {
        ConfusionMatrix s = softmax.matrix();
        ConfusionMatrix h = hidden.matrix();
        int classes = s.classCount();
        double[] left = IntStream.range(0, classes).mapToDouble(s::f1).toArray();
        double[] right = IntStream.range(0, classes).mapToDouble(h::f1).toArray();
        return Table.create("per-class F1", StringColumn.create("class", s.classNames()),
                DoubleColumn.create("softmax_f1", left), DoubleColumn.create("hidden_f1", right),
                DoubleColumn.create("difference", IntStream.range(0, classes).mapToDouble(i -> right[i] - left[i])));
    }

    /**
     * Writes {@link #HEADLINE} and {@link #PER_CLASS_F1}.
     *
     * @param directory the run directory
     */
    public void write(RunDirectory directory) {
        directory.csv(HEADLINE, headline());
        directory.csv(PER_CLASS_F1, perClassF1());
    }

    /**
     * Adds the tables and the judgement to a report.
     *
     * @param report the report
     */
    public void addTo(MarkdownReport report) {
        report.table(headline(), 4);
        report.table(perClassF1(), 4);
        report.paragraph("**Judgement.** " + judgement());
    }

    /** A few sentences generated from the numbers. */
    public String judgement() {
        ConfusionMatrix s = softmax.matrix();
        ConfusionMatrix h = hidden.matrix();
        double gain = h.accuracy() - s.accuracy();
        // Standard error of the difference of two accuracies on n test images, treated as independent
        // binomial estimates (conservative: both models see the same images, which correlates them).
        double se = Math.sqrt((s.accuracy() * (1 - s.accuracy()) + h.accuracy() * (1 - h.accuracy())) / s.total());
        List<Integer> byGain = new ArrayList<>(IntStream.range(0, s.classCount()).boxed().toList());
        byGain.sort(Comparator.comparingDouble(c -> h.f1(c) - s.f1(c)));
        int most = byGain.get(byGain.size() - 1);
        int least = byGain.get(0);
        int hardest = IntStream.range(0, h.classCount()).boxed().min(Comparator.comparingDouble(h::f1)).orElseThrow();
        long improved = byGain.stream().filter(c -> h.f1(c) > s.f1(c)).count();
        List<String> sentences = new ArrayList<>();
        sentences.add(String.format(Locale.ROOT, "The hidden layer (n = %d) %s test accuracy by %.2f percentage points "
                + "(%.2f %% → %.2f %%), %s (about %.1f standard errors of the difference, SE ≈ %.2f pp).", hiddenSize,
                gain >= 0 ? "raises" : "lowers", 100 * Math.abs(gain), 100 * s.accuracy(), 100 * h.accuracy(),
                Math.abs(gain) > 2 * se ? "well beyond test-set noise" : "within test-set noise",
                Math.abs(gain) / se, 100 * se));
        sentences.add(String.format(Locale.ROOT, "Macro precision moves from %.4f to %.4f and macro recall from %.4f "
                + "to %.4f, so the gain is %s.", s.macroPrecision(), h.macroPrecision(), s.macroRecall(),
                h.macroRecall(), Math.signum(h.macroPrecision() - s.macroPrecision())
                        == Math.signum(h.macroRecall() - s.macroRecall()) ? "not bought by trading one for the other"
                        : "a trade between precision and recall"));
        int confusedWith = IntStream.range(0, h.classCount()).filter(c -> c != hardest).boxed()
                .max(Comparator.comparingLong(c -> h.count(hardest, c))).orElseThrow();
        sentences.add(String.format(Locale.ROOT, "F1 improves for %d of %d classes; most for %s (%+.3f), least for "
                + "%s (%+.3f). The hardest class with the hidden layer is %s (F1 %.3f, softmax %.3f); its images "
                + "are most often taken for %s (%d of %d).",
                improved, s.classCount(), s.classNames().get(most), h.f1(most) - s.f1(most), s.classNames().get(least),
                h.f1(least) - s.f1(least), s.classNames().get(hardest), h.f1(hardest), s.f1(hardest),
                s.classNames().get(confusedWith), h.count(hardest, confusedWith), h.support(hardest)));
        sentences.add(String.format(Locale.ROOT, "The price: %.1f× the parameters (%d against %d) and %.1f× the "
                + "training time (%.0f s against %.0f s).", (double) hiddenParameters / softmaxParameters,
                hiddenParameters, softmaxParameters, hiddenSeconds / softmaxSeconds, hiddenSeconds, softmaxSeconds));
        return String.join(" ", sentences);
    }
}

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
 * per-class F1 side by side, size and training time ({@link Study1Report} judges them in words).
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

    /**
     * Compares two final models.
     *
     * @param softmax the softmax model
     * @param hidden the hidden-layer model
     * @param hiddenSize the hidden layer's width
     * @return the comparison (training times include the refinements)
     */
    public static SoftmaxComparison of(FinalModel softmax, FinalModel hidden, int hiddenSize) {
        return new SoftmaxComparison(softmax.test(), hidden.test(), softmax.parameters(), hidden.parameters(),
                softmax.trainingSeconds(), hidden.trainingSeconds(), hiddenSize);
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
}

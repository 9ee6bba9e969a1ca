package org.atelier.core.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.atelier.core.AtelierException;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Counts of (actual class, predicted class) pairs for single-label classification, with the metrics
 * that derive from them. Rows are actual classes, columns predicted classes.
 *
 * <p>Definitions, for class c with TP, FP, FN, TN counted one-vs-rest over N samples:
 *
 * <ul>
 *   <li>{@link #precision(int)} = TP / (TP + FP); 0 for a class that is never predicted (the
 *       policy of scikit-learn's {@code zero_division=0}).
 *   <li>{@link #recall(int)} = TP / (TP + FN); 0 for a class with no samples.
 *   <li>{@link #classAccuracy(int)} = recall: the fraction of class c's samples classified
 *       correctly — what many courses call "per-class accuracy".
 *   <li>{@link #oneVsRestAccuracy(int)} = (TP + TN) / N: the accuracy of the binary problem "c or
 *       not c". It is high for every class when there are many classes, so it rarely says much.
 *   <li>{@link #f1(int)} = 2TP / (2TP + FP + FN), the harmonic mean of precision and recall; 0
 *       when both are 0.
 *   <li>Macro averages: the unweighted mean over classes. Micro averages pool the counts of all
 *       classes; for single-label data micro precision = micro recall = micro F1 = {@link
 *       #accuracy()}. Weighted F1 weights each class's F1 by its support.
 * </ul>
 */
public final class ConfusionMatrix {

    private final long[][] counts;
    private final List<String> classNames;

    private ConfusionMatrix(long[][] counts, List<String> classNames) {
        this.counts = counts;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * Counts actual against predicted class indices.
     *
     * @param actual the true class of each sample, in [0, classNames.size())
     * @param predicted the predicted class of each sample, same length
     * @param classNames one name per class
     * @return the matrix
     * @throws AtelierException if the lengths differ or an index is out of range
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, List<String> classNames) {
        if (actual.length != predicted.length) {
            throw new AtelierException("confusion matrix needs one prediction per label, got "
                    + actual.length + " labels and " + predicted.length + " predictions; pass arrays of equal length");
        }
        if (classNames.isEmpty()) {
            throw new AtelierException("confusion matrix needs at least one class name");
        }
        int classes = classNames.size();
        long[][] counts = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            counts[checkClass("label", actual[i], i, classes)][checkClass("prediction", predicted[i], i, classes)]++;
        }
        return new ConfusionMatrix(counts, classNames);
    }

    /**
     * Counts predictions held in tensors.
     *
     * @param predictions either class scores of shape (N, C) — logits or probabilities, the arg max
     *     is the prediction — or predicted class indices of shape (N)
     * @param labels true class indices, shape (N), any numeric type
     * @param classNames one name per class
     * @return the matrix
     * @throws AtelierException if the shapes do not match or an index is out of range
     */
    public static ConfusionMatrix of(NDArray predictions, NDArray labels, List<String> classNames) {
        int[] predicted = predictions.getShape().dimension() == 2
                ? toInts(predictions.argMax(1))
                : toInts(predictions);
        return of(toInts(labels), predicted, classNames);
    }

    private static int[] toInts(NDArray array) {
        try (NDArray ints = array.toType(DataType.INT32, false)) {
            return ints.toIntArray();
        }
    }

    private static int checkClass(String what, int index, int sample, int classes) {
        if (index < 0 || index >= classes) {
            throw new AtelierException(what + " " + index + " of sample " + sample + " is outside the "
                    + classes + " classes [0, " + (classes - 1) + "]; check the class names or the labels");
        }
        return index;
    }

    /** The class names, in index order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The number of classes. */
    public int classCount() {
        return classNames.size();
    }

    /**
     * The number of samples of class {@code actual} predicted as {@code predicted}.
     *
     * @param actual the true class
     * @param predicted the predicted class
     * @return the count
     */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** A copy of the counts: [actual][predicted]. */
    public long[][] counts() {
        return Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new);
    }

    /** The number of samples N. */
    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /** The number of correctly classified samples (the diagonal). */
    public long correct() {
        long correct = 0;
        for (int c = 0; c < classCount(); c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    /** Samples of class c predicted as c. */
    public long truePositives(int c) {
        return counts[c][c];
    }

    /** Samples of other classes predicted as c. */
    public long falsePositives(int c) {
        return predictedCount(c) - counts[c][c];
    }

    /** Samples of class c predicted as another class. */
    public long falseNegatives(int c) {
        return support(c) - counts[c][c];
    }

    /** Samples of other classes predicted as another class than c. */
    public long trueNegatives(int c) {
        return total() - support(c) - falsePositives(c);
    }

    /** The number of samples whose actual class is c (row sum). */
    public long support(int c) {
        return Arrays.stream(counts[c]).sum();
    }

    /** The number of samples predicted as c (column sum). */
    public long predictedCount(int c) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /** System accuracy: correct / N; 0 for an empty matrix. */
    public double accuracy() {
        return ratio(correct(), total());
    }

    /** TP / (TP + FP); 0 if class c is never predicted. */
    public double precision(int c) {
        return ratio(truePositives(c), predictedCount(c));
    }

    /** TP / (TP + FN); 0 if class c has no samples. */
    public double recall(int c) {
        return ratio(truePositives(c), support(c));
    }

    /** Per-class accuracy in the course sense: the fraction of class c classified correctly (= recall). */
    public double classAccuracy(int c) {
        return recall(c);
    }

    /** Binary accuracy of "c versus the rest": (TP + TN) / N. */
    public double oneVsRestAccuracy(int c) {
        return ratio(truePositives(c) + trueNegatives(c), total());
    }

    /** 2TP / (2TP + FP + FN); 0 if the class is neither present nor predicted. */
    public double f1(int c) {
        long tp = truePositives(c);
        return ratio(2 * tp, 2 * tp + falsePositives(c) + falseNegatives(c));
    }

    /** Unweighted mean of the per-class precisions. */
    public double macroPrecision() {
        return mean(this::precision);
    }

    /** Unweighted mean of the per-class recalls. */
    public double macroRecall() {
        return mean(this::recall);
    }

    /** Unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        return mean(this::f1);
    }

    /** Pooled precision ΣTP / Σ(TP + FP); equals {@link #accuracy()} for single-label data. */
    public double microPrecision() {
        long predictedSum = 0;
        for (int c = 0; c < classCount(); c++) {
            predictedSum += truePositives(c) + falsePositives(c);
        }
        return ratio(correct(), predictedSum);
    }

    /** Pooled recall ΣTP / Σ(TP + FN); equals {@link #accuracy()} for single-label data. */
    public double microRecall() {
        long actualSum = 0;
        for (int c = 0; c < classCount(); c++) {
            actualSum += truePositives(c) + falseNegatives(c);
        }
        return ratio(correct(), actualSum);
    }

    /** Harmonic mean of micro precision and micro recall. */
    public double microF1() {
        double p = microPrecision();
        double r = microRecall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Support-weighted mean of the per-class F1 scores. */
    public double weightedF1() {
        double sum = 0;
        for (int c = 0; c < classCount(); c++) {
            sum += support(c) * f1(c);
        }
        return ratio(sum, total());
    }

    /**
     * The counts as a table: a column {@code actual} with the class names, then one integer column
     * per predicted class.
     */
    public Table toTable() {
        Table table = Table.create("confusion matrix", StringColumn.create("actual", classNames));
        for (int p = 0; p < classCount(); p++) {
            int[] column = new int[classCount()];
            for (int a = 0; a < classCount(); a++) {
                column[a] = Math.toIntExact(counts[a][p]);
            }
            table.addColumns(IntColumn.create(classNames.get(p), column));
        }
        return table;
    }

    private double mean(java.util.function.IntToDoubleFunction metric) {
        double sum = 0;
        for (int c = 0; c < classCount(); c++) {
            sum += metric.applyAsDouble(c);
        }
        return sum / classCount();
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }
}

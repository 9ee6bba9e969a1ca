package org.atelier.core.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables and key numbers of a {@link ConfusionMatrix}, in the layout of scikit-learn's {@code
 * classification_report}: one row per class, then the averages. Metric definitions and the
 * zero-division policy are those of {@link ConfusionMatrix}.
 *
 * @param matrix the counts the report is computed from
 */
public record ClassificationReport(ConfusionMatrix matrix) {

    /**
     * One row per class: {@code class, precision, recall, f1, class_accuracy, one_vs_rest_accuracy,
     * support}.
     */
    public Table perClassTable() {
        int classes = matrix.classCount();
        DoubleColumn precision = DoubleColumn.create("precision");
        DoubleColumn recall = DoubleColumn.create("recall");
        DoubleColumn f1 = DoubleColumn.create("f1");
        DoubleColumn classAccuracy = DoubleColumn.create("class_accuracy");
        DoubleColumn oneVsRest = DoubleColumn.create("one_vs_rest_accuracy");
        LongColumn support = LongColumn.create("support");
        for (int c = 0; c < classes; c++) {
            precision.append(matrix.precision(c));
            recall.append(matrix.recall(c));
            f1.append(matrix.f1(c));
            classAccuracy.append(matrix.classAccuracy(c));
            oneVsRest.append(matrix.oneVsRestAccuracy(c));
            support.append(matrix.support(c));
        }
        return Table.create("per-class metrics", StringColumn.create("class", matrix.classNames()),
                precision, recall, f1, classAccuracy, oneVsRest, support);
    }

    /**
     * The averages: rows {@code macro avg}, {@code micro avg}, {@code weighted avg} with columns
     * {@code average, precision, recall, f1, support}. The micro row's values all equal the
     * accuracy (single-label data).
     */
    public Table summaryTable() {
        Table table = Table.create("average metrics",
                StringColumn.create("average", "macro avg", "micro avg", "weighted avg"),
                DoubleColumn.create("precision", matrix.macroPrecision(), matrix.microPrecision(), weightedPrecision()),
                DoubleColumn.create("recall", matrix.macroRecall(), matrix.microRecall(), matrix.accuracy()),
                DoubleColumn.create("f1", matrix.macroF1(), matrix.microF1(), matrix.weightedF1()));
        long total = matrix.total();
        table.addColumns(LongColumn.create("support", new long[] {total, total, total}));
        return table;
    }

    /**
     * Headline numbers for a run summary: {@code accuracy, macro_precision, macro_recall,
     * macro_f1, weighted_f1, samples}, in that order.
     */
    public Map<String, Number> keyNumbers() {
        Map<String, Number> numbers = new LinkedHashMap<>();
        numbers.put("accuracy", matrix.accuracy());
        numbers.put("macro_precision", matrix.macroPrecision());
        numbers.put("macro_recall", matrix.macroRecall());
        numbers.put("macro_f1", matrix.macroF1());
        numbers.put("weighted_f1", matrix.weightedF1());
        numbers.put("samples", matrix.total());
        return numbers;
    }

    /** Support-weighted precision (the weighted recall is the accuracy). */
    private double weightedPrecision() {
        double sum = 0;
        for (int c = 0; c < matrix.classCount(); c++) {
            sum += matrix.support(c) * matrix.precision(c);
        }
        return matrix.total() == 0 ? 0 : sum / matrix.total();
    }
}

package org.atelier.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Worked example, computed by hand (rows actual, columns predicted), N = 20:
 *
 * <pre>
 *            pred A  pred B  pred C | support
 *   actual A    4       1       1   |   6
 *   actual B    2       3       0   |   5
 *   actual C    0       2       7   |   9
 *   predicted   6       6       8   |  20      correct = 4 + 3 + 7 = 14, accuracy = 14/20 = 0.7
 *
 *   class  TP FP FN TN  precision  recall  F1 = 2TP/(2TP+FP+FN)  one-vs-rest (TP+TN)/N
 *   A       4  2  2 12    4/6        4/6     8/12                 16/20
 *   B       3  3  2 12    3/6        3/5     6/11                 15/20
 *   C       7  1  2 10    7/8        7/9    14/17                 17/20
 *
 *   macro P = (4/6 + 3/6 + 7/8) / 3      macro R = (4/6 + 3/5 + 7/9) / 3
 *   macro F1 = (8/12 + 6/11 + 14/17) / 3 weighted F1 = (6·8/12 + 5·6/11 + 9·14/17) / 20
 * </pre>
 */
class ConfusionMatrixTest {

    private static final double EPS = 1e-12;
    private static final List<String> ABC = List.of("A", "B", "C");

    /** The pairs of the worked example, in an order unrelated to the matrix layout. */
    static ConfusionMatrix example() {
        int[][] cells = {{0, 0, 4}, {0, 1, 1}, {0, 2, 1}, {1, 0, 2}, {1, 1, 3}, {2, 1, 2}, {2, 2, 7}};
        int[] actual = new int[20];
        int[] predicted = new int[20];
        int i = 0;
        for (int[] cell : cells) {
            for (int k = 0; k < cell[2]; k++, i++) {
                actual[i] = cell[0];
                predicted[i] = cell[1];
            }
        }
        return ConfusionMatrix.of(actual, predicted, ABC);
    }

    @Test
    void countsAndPerClassMetricsMatchTheWorkedExample() {
        ConfusionMatrix m = example();
        assertArrayEquals(new long[] {4, 1, 1}, m.counts()[0]);
        assertArrayEquals(new long[] {2, 3, 0}, m.counts()[1]);
        assertArrayEquals(new long[] {0, 2, 7}, m.counts()[2]);
        assertEquals(20, m.total());
        assertEquals(0.7, m.accuracy(), EPS);
        double[] precision = {4.0 / 6, 3.0 / 6, 7.0 / 8};
        double[] recall = {4.0 / 6, 3.0 / 5, 7.0 / 9};
        double[] f1 = {8.0 / 12, 6.0 / 11, 14.0 / 17};
        double[] oneVsRest = {16.0 / 20, 15.0 / 20, 17.0 / 20};
        long[] tn = {12, 12, 10};
        for (int c = 0; c < 3; c++) {
            assertEquals(precision[c], m.precision(c), EPS, "precision " + c);
            assertEquals(recall[c], m.recall(c), EPS, "recall " + c);
            assertEquals(recall[c], m.classAccuracy(c), EPS, "class accuracy " + c);
            assertEquals(f1[c], m.f1(c), EPS, "f1 " + c);
            assertEquals(oneVsRest[c], m.oneVsRestAccuracy(c), EPS, "one-vs-rest " + c);
            assertEquals(tn[c], m.trueNegatives(c), "TN " + c);
        }
    }

    @Test
    void averagesMatchTheWorkedExample() {
        ConfusionMatrix m = example();
        assertEquals((4.0 / 6 + 3.0 / 6 + 7.0 / 8) / 3, m.macroPrecision(), EPS);
        assertEquals((4.0 / 6 + 3.0 / 5 + 7.0 / 9) / 3, m.macroRecall(), EPS);
        assertEquals((8.0 / 12 + 6.0 / 11 + 14.0 / 17) / 3, m.macroF1(), EPS);
        assertEquals((6 * 8.0 / 12 + 5 * 6.0 / 11 + 9 * 14.0 / 17) / 20, m.weightedF1(), EPS);
        // Single-label data: every sample is one prediction and one label, so the pooled
        // precision, recall and F1 all equal the accuracy.
        assertEquals(0.7, m.microPrecision(), EPS);
        assertEquals(0.7, m.microRecall(), EPS);
        assertEquals(0.7, m.microF1(), EPS);
    }

    @Test
    void neverPredictedClassHasZeroPrecision() {
        // Class 1 is never predicted, class 2 never occurs.
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1, 1}, new int[] {0, 2, 0, 0}, ABC);
        assertEquals(0, m.precision(1), EPS);
        assertEquals(0, m.recall(1), EPS);
        assertEquals(0, m.f1(1), EPS);
        assertEquals(0, m.recall(2), EPS, "class without samples");
        assertEquals(0, m.precision(2), EPS, "predicted once, wrong");
        assertEquals(1.0 / 3, m.precision(0), EPS);
        assertEquals(0.25, m.accuracy(), EPS);
    }

    @Test
    void invalidInputIsAClearError() {
        AtelierException length = assertThrows(AtelierException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, ABC));
        assertTrue(length.getMessage().contains("2 labels and 1 predictions"), length.getMessage());
        AtelierException range = assertThrows(AtelierException.class,
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, ABC));
        assertEquals("label 3 of sample 1 is outside the 3 classes [0, 2]; check the class names or the labels",
                range.getMessage());
        assertThrows(AtelierException.class, () -> ConfusionMatrix.of(new int[] {0}, new int[] {-1}, ABC));
    }

    @Test
    void tablesHoldCountsAndMetrics() {
        ConfusionMatrix m = example();
        Table counts = m.toTable();
        assertEquals(List.of("actual", "A", "B", "C"), counts.columnNames());
        assertEquals(7, counts.intColumn("C").get(2));
        assertEquals(2, counts.intColumn("A").get(1));

        ClassificationReport report = new ClassificationReport(m);
        Table perClass = report.perClassTable();
        assertEquals(3, perClass.rowCount());
        assertEquals(7.0 / 9, perClass.doubleColumn("recall").get(2), EPS);
        assertEquals(5, perClass.longColumn("support").get(1));
        Table summary = report.summaryTable();
        assertEquals("micro avg", summary.stringColumn("average").get(1));
        assertEquals(0.7, summary.doubleColumn("f1").get(1), EPS);
        assertEquals(0.7, summary.doubleColumn("recall").get(2), EPS, "weighted recall is the accuracy");
        assertEquals(0.7, report.keyNumbers().get("accuracy").doubleValue(), EPS);
        assertEquals(20L, report.keyNumbers().get("samples"));
    }

    @OnEachEngine
    void countsLogitsAndClassIndicesFromTensors(String engine) {
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            // Arg max of each row: 2, 0, 1, 1.
            NDArray logits = manager.create(new float[] {0.1f, 0.2f, 3f, 5f, -1f, 0f, 0f, 2f, 1f, -3f, 4f, 3.9f},
                    new Shape(4, 3));
            NDArray labels = manager.create(new float[] {2, 0, 0, 1});
            ConfusionMatrix fromLogits = ConfusionMatrix.of(logits, labels, ABC);
            assertEquals(1, fromLogits.count(0, 1));
            assertEquals(0.75, fromLogits.accuracy(), EPS);
            ConfusionMatrix fromClasses = ConfusionMatrix.of(manager.create(new int[] {2, 0, 1, 1}), labels, ABC);
            for (int a = 0; a < 3; a++) {
                assertArrayEquals(fromLogits.counts()[a], fromClasses.counts()[a]);
            }
        }
    }
}

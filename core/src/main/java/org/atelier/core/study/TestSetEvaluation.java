package org.atelier.core.study;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Locale;
import org.atelier.core.evaluation.ClassificationReport;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.report.MarkdownReport;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.chart.ConfusionMatrixChart;
import org.atelier.core.training.Inference;
import org.atelier.core.training.LabeledArrays;

/**
 * A final model evaluated on the test set: its confusion matrix and the classification report
 * derived from it, written as files (heat map PNG, CSV and Markdown tables) and as a report section.
 *
 * @param matrix the test-set confusion matrix
 */
public record TestSetEvaluation(ConfusionMatrix matrix) {

    /**
     * Classifies the test set.
     *
     * @param block an initialized classifier returning class scores
     * @param test the test data
     * @param classNames one name per class
     * @return the evaluation
     */
    public static TestSetEvaluation of(Block block, LabeledArrays test, List<String> classNames) {
        int[] predicted = Inference.classify(block, test.features(), false).classes();
        int[] actual = test.labels().toType(DataType.INT32, false).toIntArray();
        return new TestSetEvaluation(ConfusionMatrix.of(actual, predicted, classNames));
    }

    /** The classification report of the matrix. */
    public ClassificationReport report() {
        return new ClassificationReport(matrix);
    }

    /**
     * The six files {@link #write} writes for one model, named {@code PREFIX-confusion-matrix.png},
     * {@code PREFIX-confusion-matrix.csv}, {@code PREFIX-per-class.csv/.md} and {@code
     * PREFIX-averages.csv/.md}. Declare it once per model and pass it to the experiment's {@code
     * outputs()}, to {@link #write} and to {@link #addTo}.
     *
     * @param confusionChart the confusion matrix as a heat map
     * @param confusionTable the confusion matrix as counts
     * @param perClassCsv per-class accuracy, precision, recall, F1
     * @param perClassMarkdown the same as a Markdown table
     * @param averagesCsv macro, micro and weighted averages
     * @param averagesMarkdown the same as a Markdown table
     */
    public record Files(RunFile confusionChart, RunFile confusionTable, RunFile perClassCsv, RunFile perClassMarkdown,
            RunFile averagesCsv, RunFile averagesMarkdown) {

        /**
         * The files of one model.
         *
         * @param prefix the file-name prefix, e.g. {@code softmax-test}
         * @param model the model they describe, e.g. {@code "the final softmax model"}
         * @return the files
         */
        public static Files of(String prefix, String model) {
            return new Files(
                    new RunFile(prefix + "-confusion-matrix.png", "test confusion matrix of " + model + " (heat map)"),
                    new RunFile(prefix + "-confusion-matrix.csv", "test confusion matrix of " + model + " (counts)"),
                    new RunFile(prefix + "-per-class.csv", "per-class accuracy, precision, recall, F1 of " + model),
                    new RunFile(prefix + "-per-class.md", "the same as a Markdown table"),
                    new RunFile(prefix + "-averages.csv", "macro, micro and weighted precision, recall, F1 of " + model),
                    new RunFile(prefix + "-averages.md", "the same as a Markdown table"));
        }

        /** The six files, in the order {@link #write} writes them. */
        public List<RunFile> all() {
            return List.of(confusionChart, confusionTable, perClassCsv, perClassMarkdown, averagesCsv, averagesMarkdown);
        }
    }

    /**
     * Writes the heat map and the tables into a run directory.
     *
     * @param directory the run directory
     * @param files the files to write
     * @param title the heat map's title
     */
    public void write(RunDirectory directory, Files files, String title) {
        directory.save(files.confusionChart(), ConfusionMatrixChart.of(matrix, title));
        directory.csv(files.confusionTable(), matrix.toTable());
        directory.csv(files.perClassCsv(), report().perClassTable());
        directory.markdown(files.perClassMarkdown(), report().perClassTable());
        directory.csv(files.averagesCsv(), report().summaryTable());
        directory.markdown(files.averagesMarkdown(), report().summaryTable());
    }

    /**
     * Adds the heat map, the per-class table and the averages to a report; call after {@link #write}.
     *
     * @param report the report
     * @param files the files given to {@link #write}
     * @param what the model's name, e.g. "the final softmax model"
     */
    public void addTo(MarkdownReport report, Files files, String what) {
        addTo(report, files, what, "images");
    }

    /**
     * Adds the heat map, the per-class table and the averages to a report; call after {@link #write}.
     *
     * @param report the report
     * @param files the files given to {@link #write}
     * @param what the model's name, e.g. "the final softmax model"
     * @param samples what the test samples are, plural, e.g. {@code images} or {@code wines}
     */
    public void addTo(MarkdownReport report, Files files, String what, String samples) {
        report.paragraph(String.format(Locale.ROOT,
                "Test set (%d %s): accuracy of %s **%.2f %%**, macro F1 %.4f, macro precision %.4f, "
                        + "macro recall %.4f. Micro precision, recall and F1 all equal the accuracy, because "
                        + "every sample has exactly one label and one prediction.",
                matrix.total(), samples, what, 100 * matrix.accuracy(), matrix.macroF1(), matrix.macroPrecision(),
                matrix.macroRecall()));
        report.image("Confusion matrix of " + what + " on the test set", files.confusionChart());
        report.paragraph("Per class (class accuracy = recall: the share of the class's " + samples
                + " classified correctly; one-vs-rest accuracy counts the true negatives too):");
        report.table(report().perClassTable(), 4);
        report.paragraph("System averages:");
        report.table(report().summaryTable(), 4);
    }
}

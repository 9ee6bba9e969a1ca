package org.atelier.core.study;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atelier.core.evaluation.ClassificationReport;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.experiment.Output;
import org.atelier.core.report.MarkdownReport;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.TableFiles;
import org.atelier.core.report.chart.ConfusionMatrixChart;
import org.atelier.core.training.Inference;
import org.atelier.core.training.LabeledArrays;
import tech.tablesaw.api.Table;

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
     * Writes {@code PREFIX-confusion-matrix.png/.csv}, {@code PREFIX-per-class.csv/.md} and
     * {@code PREFIX-averages.csv/.md} and registers them as artifacts.
     *
     * @param directory the run directory
     * @param prefix the file-name prefix, e.g. {@code softmax-test}
     * @param title the heat map's title
     * @return the file names written
     */
    public List<String> write(RunDirectory directory, String prefix, String title) {
        List<String> files = new ArrayList<>();
        String png = prefix + "-confusion-matrix.png";
        ConfusionMatrixChart.of(matrix, title).save(directory.path(png));
        directory.artifact(png);
        files.add(png);
        files.add(table(directory, prefix + "-confusion-matrix.csv", matrix.toTable(), true));
        files.add(table(directory, prefix + "-per-class.csv", report().perClassTable(), true));
        files.add(table(directory, prefix + "-per-class.md", report().perClassTable(), false));
        files.add(table(directory, prefix + "-averages.csv", report().summaryTable(), true));
        files.add(table(directory, prefix + "-averages.md", report().summaryTable(), false));
        return files;
    }

    /**
     * The files {@link #write} produces, for an experiment's {@code outputs()} declaration.
     *
     * @param prefix the prefix that will be given to {@link #write}
     * @param model the model they describe, e.g. {@code "the final softmax model"}
     * @return the six outputs, in the order {@link #write} writes them
     */
    public static List<Output> outputs(String prefix, String model) {
        return List.of(
                new Output(prefix + "-confusion-matrix.png", "test confusion matrix of " + model + " (heat map)"),
                new Output(prefix + "-confusion-matrix.csv", "test confusion matrix of " + model + " (counts)"),
                new Output(prefix + "-per-class.csv", "per-class accuracy, precision, recall, F1 of " + model),
                new Output(prefix + "-per-class.md", "the same as a Markdown table"),
                new Output(prefix + "-averages.csv", "macro, micro and weighted precision, recall, F1 of " + model),
                new Output(prefix + "-averages.md", "the same as a Markdown table"));
    }

    /**
     * Adds the heat map, the per-class table and the averages to a report; call after {@link #write}.
     *
     * @param report the report
     * @param prefix the prefix given to {@link #write}
     * @param what the model's name, e.g. "the final softmax model"
     */
    public void addTo(MarkdownReport report, String prefix, String what) {
        report.paragraph(String.format(Locale.ROOT,
                "Test set (%d images): accuracy of %s **%.2f %%**, macro F1 %.4f, macro precision %.4f, "
                        + "macro recall %.4f. Micro precision, recall and F1 all equal the accuracy, because "
                        + "every image has exactly one label and one prediction.",
                matrix.total(), what, 100 * matrix.accuracy(), matrix.macroF1(), matrix.macroPrecision(),
                matrix.macroRecall()));
        report.image("Confusion matrix of " + what + " on the test set", prefix + "-confusion-matrix.png");
        report.paragraph("Per class (class accuracy = recall: the share of the class's images classified correctly; "
                + "one-vs-rest accuracy counts the true negatives too):");
        report.table(report().perClassTable(), 4);
        report.paragraph("System averages:");
        report.table(report().summaryTable(), 4);
    }

    private static String table(RunDirectory directory, String name, Table table, boolean csv) {
        if (csv) {
            TableFiles.writeCsv(table, directory.path(name));
        } else {
            TableFiles.writeMarkdown(table, directory.path(name));
        }
        directory.artifact(name);
        return name;
    }
}

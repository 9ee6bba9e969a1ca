package org.atelier.experiments.study2;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.stats.SpearmanCorrelation;
import org.atelier.core.training.Inference;
import org.atelier.core.visualize.ActivationMaximizer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The synthesized image of every class, with and without regularization, and what is measured on
 * them: the target logit, the probability the visualized model and the independent judge give the
 * class, the judge's verdict, the roughness; next to the class's test accuracy.
 *
 * @param classNames the class names, in class order; image i shows class i
 * @param test the visualized model's test-set confusion matrix
 * @param regularized the images with L2 decay, blur and jitter
 * @param unregularized the images of plain gradient ascent
 * @param model the visualized model's predictions on the regularized images
 * @param judge the judge's predictions on the regularized images
 * @param judgeUnregularized the judge's predictions on the unregularized images
 */
record ClassImages(List<String> classNames, ConfusionMatrix test, Variant regularized, Variant unregularized,
        Inference.Predictions model, Inference.Predictions judge, Inference.Predictions judgeUnregularized) {

    /**
     * One set of ten images as numbers.
     *
     * @param pixels each class's image, row-major
     * @param initial each class's logit at the empty image
     * @param achieved each class's logit at its final image
     * @param trace each class's logit per step
     * @param roughness each image's mean absolute difference of neighbouring pixels
     */
    record Variant(float[][] pixels, float[] initial, float[] achieved, float[][] trace, double[] roughness) {

        static Variant of(ActivationMaximizer.Result result) {
            int n = result.classes().length;
            float[][] pixels = new float[n][];
            double[] roughness = new double[n];
            for (int i = 0; i < n; i++) {
                pixels[i] = result.pixels(i);
                roughness[i] = result.roughness(i);
            }
            return new Variant(pixels, result.initial(), result.achieved(), result.trace(), roughness);
        }

        double meanRoughness() {
            return Arrays.stream(roughness).average().orElseThrow();
        }

        double meanAchieved() {
            double sum = 0;
            for (float a : achieved) {
                sum += a;
            }
            return sum / achieved.length;
        }
    }

    /** The number of classes, n of the correlation. */
    int size() {
        return classNames.size();
    }

    /** Class c's test accuracy (recall): the share of its test images the model classifies correctly. */
    double accuracy(int c) {
        return test.classAccuracy(c);
    }

    /** The image quality of class c: the probability the judge gives class c for its regularized image. */
    double quality(int c) {
        return judge.probability(c, c);
    }

    /** The same for the unregularized image. */
    double qualityUnregularized(int c) {
        return judgeUnregularized.probability(c, c);
    }

    double[] accuracies() {
        return IntStream.range(0, size()).mapToDouble(this::accuracy).toArray();
    }

    double[] qualities() {
        return IntStream.range(0, size()).mapToDouble(this::quality).toArray();
    }

    double meanQuality() {
        return Arrays.stream(qualities()).average().orElseThrow();
    }

    double meanQualityUnregularized() {
        return IntStream.range(0, size()).mapToDouble(this::qualityUnregularized).average()
                .orElseThrow();
    }

    /** How many regularized images the judge assigns to their own class. */
    int recognized() {
        return (int) IntStream.range(0, size()).filter(c -> judge.classes()[c] == c).count();
    }

    /** The same for the unregularized images. */
    int recognizedUnregularized() {
        return (int) IntStream.range(0, size()).filter(c -> judgeUnregularized.classes()[c] == c)
                .count();
    }

    /** Spearman's ρ between per-class test accuracy and image quality. */
    SpearmanCorrelation correlation() {
        return SpearmanCorrelation.of(accuracies(), qualities());
    }

    /** The snake_case metric suffix of class c, e.g. {@code t_shirt_top}. */
    String metricName(int c) {
        return classNames.get(c).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** One row per class: accuracy, qualities, verdicts, logits, roughness and the two rankings. */
    Table table() {
        double[] accuracyRanks = SpearmanCorrelation.ranks(accuracies());
        double[] qualityRanks = SpearmanCorrelation.ranks(qualities());
        Table table = Table.create("classes", IntColumn.create("label"), StringColumn.create("class"),
                DoubleColumn.create("test_accuracy"), DoubleColumn.create("quality"),
                StringColumn.create("judge_says"), DoubleColumn.create("model_probability"),
                DoubleColumn.create("logit_start"), DoubleColumn.create("logit_reached"),
                DoubleColumn.create("roughness"), DoubleColumn.create("quality_unregularized"),
                StringColumn.create("judge_says_unregularized"), DoubleColumn.create("logit_reached_unregularized"),
                DoubleColumn.create("roughness_unregularized"), DoubleColumn.create("accuracy_rank"),
                DoubleColumn.create("quality_rank"));
        for (int c = 0; c < size(); c++) {
            table.intColumn("label").append(c);
            table.stringColumn("class").append(classNames.get(c));
            table.doubleColumn("test_accuracy").append(accuracy(c));
            table.doubleColumn("quality").append(quality(c));
            table.stringColumn("judge_says").append(classNames.get(judge.classes()[c]));
            table.doubleColumn("model_probability").append(model.probability(c, c));
            table.doubleColumn("logit_start").append(regularized.initial()[c]);
            table.doubleColumn("logit_reached").append(regularized.achieved()[c]);
            table.doubleColumn("roughness").append(regularized.roughness()[c]);
            table.doubleColumn("quality_unregularized").append(qualityUnregularized(c));
            table.stringColumn("judge_says_unregularized").append(classNames.get(judgeUnregularized.classes()[c]));
            table.doubleColumn("logit_reached_unregularized").append(unregularized.achieved()[c]);
            table.doubleColumn("roughness_unregularized").append(unregularized.roughness()[c]);
            table.doubleColumn("accuracy_rank").append(accuracyRanks[c]);
            table.doubleColumn("quality_rank").append(qualityRanks[c]);
        }
        return table;
    }
}

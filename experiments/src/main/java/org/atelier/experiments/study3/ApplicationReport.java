package org.atelier.experiments.study3;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.atelier.core.data.DigitImages;
import org.atelier.core.prediction.RunModels;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.StudyReport;
import org.atelier.core.report.StudyReport.Section;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.ImageGrid;
import org.atelier.core.stats.BinomialInterval;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The words of mnist-tiny-cnn's second half, exercise 10.1's {@code apply()} and 10.2: the saved
 * models, the twenty example inputs against the test set, the project's own digits and why they
 * fare differently. Kept apart from {@link Study3Report}, which explains the training half.
 */
final class ApplicationReport {

    /** Confidence of the binomial intervals. */
    static final double CONFIDENCE = 0.95;

    /** Side of a picture in the preprocessing figure, in screen pixels. */
    private static final int THUMBNAIL = 56;

    private final StudyReport report;

    ApplicationReport(StudyReport report) {
        this.report = report;
    }

    void models(List<TrainedModel> models, TrainedModel chosen, RunFile index) {
        Table table = Table.create("saved models",
                StringColumn.create("model (folder under models/)", models.stream().map(m -> m.spec().id()).toList()),
                StringColumn.create("label", models.stream().map(TrainedModel::label).toList()),
                DoubleColumn.create("validation accuracy", models.stream().mapToDouble(m -> m.kept().valAccuracy())),
                DoubleColumn.create("test accuracy", models.stream().mapToDouble(TrainedModel::testAccuracy)),
                StringColumn.create("default", models.stream().map(m -> m == chosen ? "yes" : "").toList()));
        section("The saved models")
                .paragraph("Each trained model is saved in its own folder under `" + RunModels.FOLDER + "/`: its "
                        + "parameters (DJL's `.params` format, which both engines read) and `model.json`, which says "
                        + "what the folder holds without this run: the network (factory name and arguments), the "
                        + "input shape, the preprocessing (MNIST-style digit conversion), the normalization fitted "
                        + "on the training split, the class names, the engine it was trained on and the parameter "
                        + "file's SHA-256. `" + index.name() + "` lists them and names the default: the model of "
                        + "highest validation accuracy (the test set stays out of the choice).")
                .table(table, 4)
                .paragraph("Classify any image file with the default model, or another with `--model`:\n\n"
                        + "```\n./atelier predict --run RUN_DIR examples/example_input_00.png my-digit.png\n"
                        + "./atelier predict --run RUN_DIR --model " + models.get(0).spec().id()
                        + " --top 3 --json my-digit.png\n```")
                .answer("**Saved models:** " + models.size() + " in `" + RunModels.FOLDER + "/`, default **"
                        + chosen.label() + "** (highest validation accuracy); `./atelier predict --run RUN_DIR IMAGE...`"
                        + " classifies image files with it.");
    }

    void examples(DigitApplication.Examples examples, TrainedModel chosen, RunFile table) {
        List<DigitApplication.Classified> images = examples.images();
        int n = images.size();
        int correct = examples.correct();
        int sameAsDataset = 0;
        for (int i = 0; i < n; i++) {
            sameAsDataset += images.get(i).predicted() == examples.fromDataset()[i] ? 1 : 0;
        }
        BinomialInterval interval = BinomialInterval.clopperPearson(correct, n, CONFIDENCE);
        double test = chosen.testAccuracy();
        boolean match = interval.contains(test);
        section("The example inputs against the test set")
                .paragraph(String.format(Locale.ROOT, "The first %d MNIST test images were written as "
                        + "`examples/example_input_NN.png` (28 × 28 grey, white digit on black, the stored pixel "
                        + "values), as the sheet's `download_dataset.py` does, then read back as image files and "
                        + "classified by the default model (%s) loaded from its folder, exactly as `./atelier predict` "
                        + "does, MNIST-style preprocessing included. The preprocessing re-centres and re-scales digits "
                        + "that MNIST already centred and scaled: it changes their pixels by %.3f on average (values "
                        + "0 to 1), and %d of the %d files get the class that the dataset's own pixels get.", n,
                        chosen.label(), examples.meanChange(), sameAsDataset, n))
                .table(examplesTable(examples), 4)
                .paragraph(String.format(Locale.ROOT, "**%d of %d correct: %.0f %%**, exact 95 %% interval "
                        + "(Clopper–Pearson) **%.1f %% to %.1f %%**. The test set gives %.2f %% on 10 000 images. %s "
                        + "Twenty images cannot tell apart accuracies that differ by less than the interval's width: at "
                        + "the test set's rate, twenty images hold %.1f errors on average, and all twenty are right "
                        + "with probability %.0f %%.",
                        correct, n, 100.0 * correct / n, 100 * interval.lower(), 100 * interval.upper(), 100 * test,
                        match ? "The test accuracy lies inside the interval: **the estimates match**, within what "
                                + "twenty images can say."
                                : "The test accuracy lies outside the interval: **the estimates do not match**; "
                                + "with images from the test set itself this points to a difference between the two "
                                + "paths (file and preprocessing against the dataset's pixels).",
                        n * (1 - test), 100 * Math.pow(test, n)))
                .answer(String.format(Locale.ROOT, "**%d example inputs:** %d correct (%.0f %%, 95 %% interval %.1f–%.1f %%)"
                        + " against %.2f %% on the test set: %s.", n, correct, 100.0 * correct / n, 100 * interval.lower(),
                        100 * interval.upper(), 100 * test, match ? "they match" : "they do not match"))
                .metric("examples_accuracy", (double) correct / n);
    }

    /** The examples and their predictions, as a table. */
    static Table examplesTable(DigitApplication.Examples examples) {
        List<DigitApplication.Classified> images = examples.images();
        return Table.create("examples",
                StringColumn.create("file", images.stream().map(DigitApplication.Classified::name).toList()),
                IntColumn.create("digit", images.stream().mapToInt(DigitApplication.Classified::label).toArray()),
                IntColumn.create("predicted from the file", images.stream()
                        .mapToInt(DigitApplication.Classified::predicted).toArray()),
                DoubleColumn.create("probability", images.stream().mapToDouble(DigitApplication.Classified::probability)),
                IntColumn.create("predicted from the dataset's pixels", examples.fromDataset()),
                StringColumn.create("correct", images.stream().map(c -> c.correct() ? "yes" : "no").toList()));
    }

    /** The own digits as a CSV table. */
    static Table ownDigitsTable(List<DigitApplication.Classified> digits) {
        return Table.create("own digits",
                StringColumn.create("image", digits.stream().map(DigitApplication.Classified::name).toList()),
                IntColumn.create("digit", digits.stream().mapToInt(DigitApplication.Classified::label).toArray()),
                IntColumn.create("width", digits.stream().mapToInt(d -> d.prepared().original().width()).toArray()),
                IntColumn.create("height", digits.stream().mapToInt(d -> d.prepared().original().height()).toArray()),
                StringColumn.create("colour", digits.stream().map(d -> d.colour() ? "yes" : "no").toList()),
                StringColumn.create("inverted", digits.stream().map(d -> d.prepared().inverted() ? "yes" : "no").toList()),
                IntColumn.create("predicted", digits.stream().mapToInt(DigitApplication.Classified::predicted).toArray()),
                DoubleColumn.create("probability", digits.stream().mapToDouble(DigitApplication.Classified::probability)),
                StringColumn.create("correct", digits.stream().map(d -> d.correct() ? "yes" : "no").toList()));
    }

    void ownDigits(List<DigitApplication.Classified> digits, TrainedModel chosen, RunFile figure, RunFile table) {
        int n = digits.size();
        int correct = (int) digits.stream().filter(DigitApplication.Classified::correct).count();
        BinomialInterval interval = BinomialInterval.clopperPearson(correct, n, CONFIDENCE);
        double test = chosen.testAccuracy();
        Map<String, Predicate<DigitApplication.Classified>> groups = new LinkedHashMap<>();
        groups.put("the sheet's format (28 × 28 grey, white on black)", DigitApplication.Classified::sheetFormat);
        groups.put("larger, colour or inverted", d -> !d.sheetFormat());
        groups.put("inverted (dark digit on light background)", d -> d.prepared().inverted());
        groups.put("in colour", DigitApplication.Classified::colour);
        List<String> groupLines = new ArrayList<>();
        groups.forEach((name, member) -> {
            List<DigitApplication.Classified> in = digits.stream().filter(member).toList();
            long right = in.stream().filter(DigitApplication.Classified::correct).count();
            if (!in.isEmpty()) {
                groupLines.add(String.format(Locale.ROOT, "%s: %d of %d (%.0f %%)", name, right, in.size(),
                        100.0 * right / in.size()));
            }
        });
        Map<String, Integer> confusions = new TreeMap<>();
        digits.stream().filter(d -> !d.correct()).forEach(d -> confusions.merge(d.label() + " → " + d.predicted(), 1,
                Integer::sum));
        String mistakes = confusions.isEmpty() ? "none"
                : String.join(", ", confusions.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()).limit(8).map(e -> e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + "×)" : ""))
                        .toList());
        boolean match = interval.contains(test);
        section("The project's own digits")
                .paragraph(String.format(Locale.ROOT, "The project ships %d digit images of its own in "
                        + "`data/own-digits/<digit>/`, read here with DJL basicdataset's `ImageFolder`. **They are "
                        + "synthetic strokes drawn by the project's program (`OwnDigits`: jittered skeletons, "
                        + "smoothed, slanted, scaled, placed and stroked with Java 2D), not scanned handwriting.** "
                        + "They come in five styles: the sheet's 28 × 28 grey white-on-black, a 96 × 96 black-on-white "
                        + "scan, blue ballpoint on white, pencil on yellowish paper with noise, and chalk on a dark "
                        + "green board. Each is converted the way MNIST was made: grey by luminance, inverted when its "
                        + "frame is light, background to 0 and ink to 1, the digit's bounding box scaled into 20 × 20 "
                        + "keeping its aspect ratio (area averaging), then shifted so that its centre of mass lies at "
                        + "the centre of the 28 × 28 field. The figure shows every image as drawn and as the network "
                        + "sees it, with the default model's (%s) prediction.", n, chosen.label()))
                .image("own digits before and after preprocessing", figure)
                .paragraph(String.format(Locale.ROOT, "**%d of %d correct: %.1f %%**, exact 95 %% interval %.1f %% to "
                        + "%.1f %%, against %.2f %% on the MNIST test set: %s By group: %s. Mistakes (true → "
                        + "predicted): %s. Every prediction is in `%s`.", correct, n, 100.0 * correct / n,
                        100 * interval.lower(), 100 * interval.upper(), 100 * test,
                        match ? "the test accuracy lies inside the interval, so these digits are not measurably "
                                + "harder for the model."
                                : "the test accuracy lies " + (test > interval.upper() ? "above" : "below")
                                + " the interval: **the performance on these digits does not match the test set's**.",
                        String.join("; ", groupLines), mistakes, table.name()))
                .paragraph(whyTheyDiffer(100.0 * correct / n, 100 * test, interval, n))
                .answer(String.format(Locale.ROOT, "**Own digits (%d, synthetic strokes, several sizes, colours and "
                        + "polarities):** %.1f %% correct (95 %% interval %.1f–%.1f %%) against %.2f %% on the test set: "
                        + "%s.", n, 100.0 * correct / n, 100 * interval.lower(), 100 * interval.upper(), 100 * test,
                        match ? "no measurable difference" : "they do not match (distribution shift)"))
                .metric("own_digits_accuracy", (double) correct / n);
    }

    /** The discussion of why the own digits score as they do, in the direction the numbers went. */
    private static String whyTheyDiffer(double own, double test, BinomialInterval interval, int n) {
        String direction = own >= test
                ? String.format(Locale.ROOT, "Here the easier side weighs more: %.1f %% against %.2f %%, %.1f points"
                        + " higher", own, test, own - test)
                : String.format(Locale.ROOT, "Here the harder side weighs more: %.1f %% against %.2f %%, %.1f points"
                        + " lower", own, test, test - own);
        return "Why the numbers differ: the test set comes from the same distribution as the training set (the same "
                + "NIST forms, writers from the same two populations, the same scanning and conversion), so its "
                + "accuracy estimates the accuracy on more of *that*. These digits come from elsewhere, and they "
                + "differ in both directions. They are easier in that each is a clean, prototypical shape drawn from "
                + "one skeleton per digit, with smooth curves and no ambiguous forms, while the test set's errors are "
                + "mostly ambiguous handwriting (a 4 closed at the top, a 7 with a bar, a 9 like a 4) that none of these "
                + "digits imitates. They are harder in that their strokes keep one width from end to end, thinner or "
                + "bolder than MNIST's pen strokes once scaled, their styles (flagged 1s, 4s with a diagonal) follow one "
                + "writer's habits, and the conversion removes size, position, polarity and colour but not stroke "
                + "shape or width: a thin stroke on a large image becomes a faint line in the 20 × 20 box. "
                + direction + String.format(Locale.ROOT, ", and %s: %d images give an interval %.1f points wide, so "
                + "this is %s.", interval.contains(test / 100) ? "the test accuracy lies inside the own digits' "
                        + "interval" : "the test accuracy lies outside the own digits' interval", n,
                        100 * (interval.upper() - interval.lower()),
                        interval.contains(test / 100) ? "no evidence of a real difference"
                                : "a real difference, not sampling noise");
    }

    /**
     * Every own digit as drawn (fitted into a square, its colours kept) and after preprocessing
     * (the 28 × 28 input, enlarged twice), in pairs, one class per row.
     */
    static Figure preprocessingFigure(List<DigitApplication.Classified> digits) {
        int perRow = (int) digits.stream().filter(d -> d.label() == digits.get(0).label()).count();
        ImageGrid.Builder grid = ImageGrid.builder().scale(1).columns(2 * Math.max(1, Math.min(perRow, 8)))
                .title("Own digits as drawn → after MNIST-style preprocessing (prediction and its probability)");
        for (DigitApplication.Classified digit : digits) {
            DigitImages.Grey original = digit.prepared().original();
            BufferedImage thumbnail = thumbnail(original);
            grid.rgbImage(thumbnail.getRGB(0, 0, thumbnail.getWidth(), thumbnail.getHeight(), null, 0,
                    thumbnail.getWidth()), thumbnail.getWidth(), thumbnail.getHeight(), "digit " + digit.label());
            grid.rgbImage(enlarged(digit.prepared().pixels()), THUMBNAIL, THUMBNAIL,
                    String.format(Locale.ROOT, "→ %d (%.0f %%)", digit.predicted(), 100 * digit.probability()));
        }
        return grid.build();
    }

    private static BufferedImage thumbnail(DigitImages.Grey original) {
        BufferedImage source = new BufferedImage(original.width(), original.height(), BufferedImage.TYPE_INT_RGB);
        source.setRGB(0, 0, original.width(), original.height(), original.rgb(), 0, original.width());
        double scale = (double) THUMBNAIL / Math.max(original.width(), original.height());
        int width = Math.max(1, (int) Math.round(original.width() * scale));
        int height = Math.max(1, (int) Math.round(original.height() * scale));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The 28 × 28 values as grey colours, each pixel a 2 × 2 block. */
    private static int[] enlarged(float[] pixels) {
        int factor = THUMBNAIL / DigitImages.SIZE;
        int[] rgb = new int[THUMBNAIL * THUMBNAIL];
        for (int y = 0; y < THUMBNAIL; y++) {
            for (int x = 0; x < THUMBNAIL; x++) {
                int grey = Math.round(255 * pixels[(y / factor) * DigitImages.SIZE + x / factor]);
                rgb[y * THUMBNAIL + x] = (grey << 16) | (grey << 8) | grey;
            }
        }
        return rgb;
    }

    private Section section(String heading) {
        return report.section(heading);
    }
}

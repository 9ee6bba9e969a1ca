package org.atelier.experiments.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.atelier.core.data.DataLocator;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.Standardizer;
import org.atelier.core.data.Subset;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.report.MarkdownReport;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.chart.ImageGrid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Looks at the data before any model does: sample images with their class names, how many
 * images each class has in the train, validation and test splits, and the pixel statistics that
 * normalization will use. The "visualize several images with their labels" step of the CNN study.
 */
public final class DatasetPreview implements Experiment {

    /** A dataset the preview shows, with the file of its sample grid. */
    private record Previewed(String dataset, RunFile samples) {
        static Previewed of(String dataset) {
            return new Previewed(dataset, new RunFile(dataset + "-samples.png",
                    title(dataset) + ": grid of random training images with their class names"));
        }
    }

    private static final List<Previewed> DATASETS = List.of(Previewed.of(Datasets.FASHION_MNIST),
            Previewed.of(Datasets.MNIST));
    private static final RunFile COUNTS_CSV = new RunFile("class-counts.csv", "images per class and split, both datasets");
    private static final RunFile COUNTS_MARKDOWN = new RunFile("class-counts.md", "the same as a Markdown table");
    private static final RunFile STATS_CSV = new RunFile("pixel-stats.csv",
            "pixel mean and standard deviation per dataset and split");
    private static final RunFile STATS_MARKDOWN = new RunFile("pixel-stats.md", "the same as a Markdown table");
    private static final RunFile REPORT = new RunFile("report.md", "the figures and tables with a short reading");

    @Override
    public String name() {
        return "dataset-preview";
    }

    @Override
    public String description() {
        return "Sample images with class names, class counts per split and pixel statistics of Fashion-MNIST and MNIST";
    }

    @Override
    public String study() {
        return "data";
    }

    @Override
    public String details() {
        return """
                What do Fashion-MNIST and MNIST look like, and are they balanced? For each dataset:
                a seeded random grid of training images captioned with their class names; the
                number of images per class in the train, validation (stratified, carved from the
                60 000 training images) and test splits; and the pixel mean and standard deviation
                (pixels scaled to [0, 1]) per split — the statistics normalization uses, computed
                on the training split only.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofInt("samples", 32, "images in each sample grid").smoke(16).between(1, 200),
                Param.ofInt("columns", 8, "columns of the sample grid").between(1, 20),
                Param.ofDouble("validation_fraction", 0.1, "share of the training images held out for validation")
                        .between(0.01, 0.5),
                Param.ofInt("limit", 0, "use only the first N images of each file (0 = all)").smoke(600).min(0));
    }

    @Override
    public List<String> datasets() {
        return DATASETS.stream().map(Previewed::dataset).toList();
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(DATASETS.stream().map(Previewed::samples).toList());
        outputs.addAll(List.of(COUNTS_CSV, COUNTS_MARKDOWN, STATS_CSV, STATS_MARKDOWN, REPORT));
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory run = context.runDirectory();
        Table counts = countsTable();
        Table stats = statsTable();
        MarkdownReport report = new MarkdownReport().heading(1, "Dataset preview");
        for (Previewed previewed : DATASETS) {
            String dataset = previewed.dataset();
            Splits3 splits = load(context.data(), dataset, params, context.seed());
            run.save(previewed.samples(), sampleGrid(splits.train, params, context.seed()));
            addCounts(counts, dataset, splits);
            for (LabeledData split : splits.all()) {
                addStats(stats, context, dataset, split);
            }
            report.heading(2, title(dataset))
                    .paragraph(splits.train.size() + " training, " + splits.validation.size() + " validation and "
                            + splits.test.size() + " test images of " + splits.train.numClasses() + " classes.")
                    .image(title(dataset) + " samples", previewed.samples());
        }
        run.csv(COUNTS_CSV, counts);
        run.markdown(COUNTS_MARKDOWN, counts);
        run.csv(STATS_CSV, stats);
        run.markdown(STATS_MARKDOWN, stats, 4);
        report.heading(2, "Images per class and split").paragraph(balanceSentence(counts)).table(counts)
                .heading(2, "Pixel statistics (pixels scaled to [0, 1])")
                .paragraph("Normalization uses the training split's mean and standard deviation for every split,"
                        + " so that no information from validation or test images leaks into training.")
                .table(stats, 4);
        run.markdown(REPORT, report);
    }

    /** The three splits of one dataset. */
    private record Splits3(LabeledData train, LabeledData validation, LabeledData test) {
        List<LabeledData> all() {
            return List.of(train, validation, test);
        }
    }

    private static Splits3 load(DataLocator locator, String dataset, Params params, int seed) {
        LabeledData train = limit(load(locator, dataset, Subset.TRAIN), params);
        LabeledData test = limit(load(locator, dataset, Subset.TEST), params);
        TrainValidation split = Splits.stratified(train, params.getDouble("validation_fraction"), seed);
        return new Splits3(split.train(), split.validation(), test);
    }

    private static LabeledData load(DataLocator locator, String dataset, Subset subset) {
        return dataset.equals(Datasets.MNIST) ? Datasets.mnist(locator, subset) : Datasets.fashionMnist(locator, subset);
    }

    private static LabeledData limit(LabeledData data, Params params) {
        int limit = params.getInt("limit");
        return limit > 0 ? data.head(limit) : data;
    }

    private static ImageGrid sampleGrid(LabeledData train, Params params, int seed) {
        int count = Math.min(params.getInt("samples"), train.size());
        int[] chosen = new SplittableRandom(seed).ints(0, train.size()).distinct().limit(count).toArray();
        ImageGrid.Builder grid = ImageGrid.builder()
                .title(title(train.name().substring(0, train.name().indexOf('/'))) + ": random training images")
                .columns(params.getInt("columns"))
                .scaling(ImageGrid.Scaling.SHARED);
        int per = train.featureCount();
        int side = (int) train.sampleShape().get(2);
        for (int index : chosen) {
            float[] pixels = new float[per];
            System.arraycopy(train.featureValues(), index * per, pixels, 0, per);
            grid.image(pixels, side, side, train.classNames().get(train.labels()[index]));
        }
        return grid.build();
    }

    private static Table countsTable() {
        return Table.create("class counts", StringColumn.create("dataset"), IntColumn.create("label"),
                StringColumn.create("class"), IntColumn.create("train"), IntColumn.create("validation"),
                IntColumn.create("test"));
    }

    private static void addCounts(Table table, String dataset, Splits3 splits) {
        int[] train = splits.train.classCounts();
        int[] validation = splits.validation.classCounts();
        int[] test = splits.test.classCounts();
        for (int c = 0; c < train.length; c++) {
            table.stringColumn("dataset").append(dataset);
            table.intColumn("label").append(c);
            table.stringColumn("class").append(splits.train.classNames().get(c));
            table.intColumn("train").append(train[c]);
            table.intColumn("validation").append(validation[c]);
            table.intColumn("test").append(test[c]);
        }
    }

    private static Table statsTable() {
        return Table.create("pixel statistics", StringColumn.create("dataset"), StringColumn.create("split"),
                IntColumn.create("images"), DoubleColumn.create("mean"), DoubleColumn.create("std"));
    }

    private static void addStats(Table table, ExperimentContext context, String dataset, LabeledData split) {
        // The statistics normalization would use: the same code computes them.
        Standardizer s = Standardizer.fit(split, Standardizer.Mode.GLOBAL);
        double mean = s.mean()[0];
        double std = s.std()[0];
        String splitName = split.name().substring(split.name().lastIndexOf('/') + 1);
        table.stringColumn("dataset").append(dataset);
        table.stringColumn("split").append(splitName);
        table.intColumn("images").append(split.size());
        table.doubleColumn("mean").append(mean);
        table.doubleColumn("std").append(std);
        String variant = dataset.replace('-', '_') + "_" + splitName;
        context.metric("images_" + variant, split.size());
        context.metric("pixel_mean_" + variant, mean);
        context.metric("pixel_std_" + variant, std);
    }

    /** Says whether every class has the same count in each split, from the table itself. */
    private static String balanceSentence(Table counts) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (Previewed previewed : DATASETS) {
            String dataset = previewed.dataset();
            Table rows = counts.where(counts.stringColumn("dataset").isEqualTo(dataset));
            List<String> parts = new ArrayList<>();
            for (String split : List.of("train", "validation", "test")) {
                IntColumn column = rows.intColumn(split);
                int min = (int) column.min();
                int max = (int) column.max();
                parts.add(split + " " + (min == max ? min + " per class" : min + "–" + max + " per class"));
            }
            verdicts.put(dataset, String.join(", ", parts));
        }
        StringBuilder text = new StringBuilder();
        verdicts.forEach((dataset, verdict) -> text.append(title(dataset)).append(": ").append(verdict).append(". "));
        return text.append("A stratified split keeps each class's share of the training images in the validation split.")
                .toString();
    }

    private static String title(String dataset) {
        return dataset.equals(Datasets.MNIST) ? "MNIST" : "Fashion-MNIST";
    }
}

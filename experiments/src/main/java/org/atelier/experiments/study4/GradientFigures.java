package org.atelier.experiments.study4;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.FigureRow;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.report.chart.LineStyle;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.listener.GradientNormTrace;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The figures and tables of {@code vanishing-gradients}, built from the configurations' runs: per
 * configuration the gradient norm of every layer (layer on x, log-scale norm on y; one line for
 * initialization and one per epoch), the deepest networks side by side at initialization, the
 * learning curves, and the tables behind them.
 */
final class GradientFigures {

    private static final int PANEL_WIDTH = 620;
    private static final int PANEL_HEIGHT = 480;
    private static final String NORM_AXIS = "‖∂loss/∂W‖₂ of the layer (log scale)";
    private static final String LAYER_AXIS = "layer (1 = first hidden, last = output)";

    private GradientFigures() {}

    /**
     * One panel per configuration, side by side.
     *
     * @param title the row's title
     * @param runs the configurations, left to right
     * @return the figure
     */
    static Figure layerProfiles(String title, List<ConfigurationRun> runs) {
        return new FigureRow(title, runs.stream().map(GradientFigures::layerProfile).toList());
    }

    /** The gradient norm of every layer at initialization and as the mean of each epoch. */
    static ChartFigure layerProfile(ConfigurationRun run) {
        GradientNormTrace trace = run.gradients();
        LineChart.Builder chart = LineChart.builder().title(run.configuration().title()).xLabel(LAYER_AXIS)
                .yLabel(NORM_AXIS).logY(true).markers(trace.layerCount() <= 12).size(PANEL_WIDTH, PANEL_HEIGHT);
        positiveSeries(chart, "initialization", layers(trace), trace.atInitialization(), LineStyle.DASHED);
        double[][] means = trace.epochMeans();
        int[] epochs = trace.sampledEpochs();
        for (int e = 0; e < epochs.length; e++) {
            positiveSeries(chart, "epoch " + epochs[e] + " (mean)", layers(trace), means[e], LineStyle.SOLID);
        }
        return EpochAxis.wholeEpochs(chart.build()); // layers, like epochs, are whole numbers
    }

    /** Every given configuration's norms at initialization in one chart. */
    static ChartFigure atInitialization(String title, List<ConfigurationRun> runs) {
        LineChart.Builder chart = LineChart.builder().title(title).xLabel(LAYER_AXIS).yLabel(NORM_AXIS).logY(true)
                .markers(true).size(1100, 700);
        for (ConfigurationRun run : runs) {
            positiveSeries(chart, run.configuration().title(), layers(run.gradients()),
                    run.gradients().atInitialization(), run.configuration().isRemedy() ? LineStyle.SOLID : LineStyle.DASHED);
        }
        return EpochAxis.wholeEpochs(chart.build());
    }

    /**
     * Two panels, plain networks and remedies, of one per-epoch quantity.
     *
     * @param title the figure's title
     * @param yLabel the quantity's axis label
     * @param runs all configurations
     * @param value the quantity of an epoch
     * @return the figure
     */
    static Figure learningCurves(String title, String yLabel, List<ConfigurationRun> runs,
            ToDoubleFunction<EpochRecord> value) {
        List<ConfigurationRun> remedies = runs.stream().filter(r -> r.configuration().isRemedy()).toList();
        List<String> repaired = remedies.stream().map(r -> r.configuration().baseline()).distinct().toList();
        List<ConfigurationRun> remedyPanel = new ArrayList<>(runs.stream()
                .filter(r -> repaired.contains(r.name())).toList());
        remedyPanel.addAll(remedies);
        return new FigureRow(title, List.of(
                curves("plain networks (default initialization)", yLabel, runs, r -> !r.configuration().isRemedy(), value),
                curves("remedies at the deepest depth, and the networks they repair", yLabel, remedyPanel, r -> true,
                        value)));
    }

    private static ChartFigure curves(String title, String yLabel, List<ConfigurationRun> runs,
            Predicate<ConfigurationRun> shown, ToDoubleFunction<EpochRecord> value) {
        LineChart.Builder chart = LineChart.builder().title(title).xLabel("epoch (0 = before training)").yLabel(yLabel)
                .markers(true).size(900, 650);
        for (ConfigurationRun run : runs) {
            if (shown.test(run)) {
                List<EpochRecord> epochs = run.history().epochs();
                chart.series(run.configuration().title(), epochs.stream().mapToDouble(EpochRecord::epoch).toArray(),
                        epochs.stream().mapToDouble(value).toArray(),
                        run.configuration().isRemedy() ? LineStyle.SOLID : LineStyle.DASHED);
            }
        }
        return EpochAxis.wholeEpochs(chart.build());
    }

    /** Adds a series without its non-positive points, which a log axis cannot show (a layer whose gradient is exactly 0). */
    private static void positiveSeries(LineChart.Builder chart, String name, double[] x, double[] y, LineStyle style) {
        int[] kept = IntStream.range(0, y.length).filter(i -> y[i] > 0).toArray();
        if (kept.length > 0) {
            chart.series(name, IntStream.of(kept).mapToDouble(i -> x[i]).toArray(),
                    IntStream.of(kept).mapToDouble(i -> y[i]).toArray(), style);
        }
    }

    private static double[] layers(GradientNormTrace trace) {
        return IntStream.rangeClosed(1, trace.layerCount()).asDoubleStream().toArray();
    }

    /** Per configuration: its settings, the first and last layer's norm at initialization and after training, its accuracy. */
    static Table configurations(List<ConfigurationRun> runs) {
        Table table = Table.create("configurations", StringColumn.create("configuration"),
                StringColumn.create("activation"), IntColumn.create("depth"), StringColumn.create("initializer"),
                BooleanColumn.create("batch_norm"), BooleanColumn.create("residual"),
                DoubleColumn.create("first_layer_norm_at_init"), DoubleColumn.create("last_layer_norm_at_init"),
                DoubleColumn.create("orders_of_magnitude_at_init"), DoubleColumn.create("first_layer_norm_last_epoch"),
                DoubleColumn.create("orders_of_magnitude_last_epoch"), DoubleColumn.create("train_loss"),
                DoubleColumn.create("val_accuracy"), BooleanColumn.create("stalled"),
                DoubleColumn.create("seconds_per_epoch"));
        for (ConfigurationRun run : runs) {
            DepthConfiguration c = run.configuration();
            table.stringColumn("configuration").append(c.name());
            table.stringColumn("activation").append(c.mlp().activation().label());
            table.intColumn("depth").append(c.mlp().depth());
            table.stringColumn("initializer").append(c.initializer());
            table.booleanColumn("batch_norm").append(c.mlp().batchNorm());
            table.booleanColumn("residual").append(c.mlp().residual());
            table.doubleColumn("first_layer_norm_at_init").append(run.firstLayerAtInit());
            table.doubleColumn("last_layer_norm_at_init").append(run.lastLayerAtInit());
            table.doubleColumn("orders_of_magnitude_at_init").append(run.ordersOfMagnitudeAtInit());
            table.doubleColumn("first_layer_norm_last_epoch").append(run.firstLayerAtEnd());
            table.doubleColumn("orders_of_magnitude_last_epoch").append(run.ordersOfMagnitudeAtEnd());
            table.doubleColumn("train_loss").append(run.last().trainLoss());
            table.doubleColumn("val_accuracy").append(run.valAccuracy());
            table.booleanColumn("stalled").append(run.stalled());
            table.doubleColumn("seconds_per_epoch").append(run.secondsPerEpoch());
        }
        return table;
    }

    /** Every sampled update's norm of every layer of every configuration, one row each. */
    static Table norms(List<ConfigurationRun> runs) {
        Table table = Table.create("gradient_norms", StringColumn.create("configuration"), IntColumn.create("epoch"),
                LongColumn.create("step"), IntColumn.create("layer"), StringColumn.create("shape"),
                DoubleColumn.create("norm"));
        for (ConfigurationRun run : runs) {
            GradientNormTrace trace = run.gradients();
            for (int s = 0; s < trace.sampleCount(); s++) {
                for (int layer = 0; layer < trace.layerCount(); layer++) {
                    table.stringColumn("configuration").append(run.name());
                    table.intColumn("epoch").append(trace.epochs()[s]);
                    table.longColumn("step").append(trace.steps()[s]);
                    table.intColumn("layer").append(layer + 1);
                    table.stringColumn("shape").append(trace.shapes().get(layer));
                    table.doubleColumn("norm").append(trace.norms()[s][layer]);
                }
            }
        }
        return table;
    }

    /** Every configuration's epochs. */
    static Table histories(List<ConfigurationRun> runs) {
        Table table = Table.create("history", StringColumn.create("configuration"), IntColumn.create("epoch"),
                DoubleColumn.create("train_loss"), DoubleColumn.create("train_accuracy"), DoubleColumn.create("val_loss"),
                DoubleColumn.create("val_accuracy"), DoubleColumn.create("seconds"));
        for (ConfigurationRun run : runs) {
            for (EpochRecord e : run.history().epochs()) {
                table.stringColumn("configuration").append(run.name());
                table.intColumn("epoch").append(e.epoch());
                table.doubleColumn("train_loss").append(e.trainLoss());
                table.doubleColumn("train_accuracy").append(e.trainAccuracy());
                table.doubleColumn("val_loss").append(e.valLoss());
                table.doubleColumn("val_accuracy").append(e.valAccuracy());
                table.doubleColumn("seconds").append(e.seconds());
            }
        }
        return table;
    }
}

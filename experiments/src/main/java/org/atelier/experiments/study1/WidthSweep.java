package org.atelier.experiments.study1;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.InitialLossCheck;
import org.atelier.core.study.MeanCurve;
import org.atelier.core.study.ModelSelection;
import org.atelier.core.study.Protocol;
import org.atelier.core.study.SeedRuns;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The hidden-layer widths trained with the same protocol, and the width chosen by the rule
 * "smallest n whose mean validation accuracy lies within one standard deviation of the best mean".
 *
 * @param widths the widths in the order trained
 * @param seeds seeds per width
 */
public record WidthSweep(List<Width> widths, int seeds) {

    /**
     * One width's measurements.
     *
     * @param size n
     * @param parameters the model's parameter count
     * @param initial the initial-loss check
     * @param runs the seeds' runs
     */
    public record Width(int size, long parameters, InitialLossCheck initial, SeedRuns runs) {

        /** Validation accuracy at each seed's best epoch, over the seeds. */
        public MeanStd valAccuracy() {
            return runs.statistic(h -> h.best().valAccuracy());
        }

        /** The lowest validation loss of each seed, over the seeds. */
        public MeanStd valLoss() {
            return runs.statistic(h -> h.best().valLoss());
        }

        /** The loss before the first update (epoch 0 of the runs), mean over the seeds. */
        public double initialLoss() {
            return runs.statistic(h -> h.initial().orElseThrow().trainLoss()).mean();
        }
    }

    /** Copies the list. */
    public WidthSweep {
        widths = List.copyOf(widths);
    }

    /** The width with the best mean validation accuracy. */
    public Width top() {
        return widths.get(ModelSelection.bestMean(accuracies()));
    }

    /** The width the rule chooses. */
    public Width chosen() {
        return widths.get(ModelSelection.smallestWithinOneStd(widths.stream().map(Width::size).toList(), accuracies()));
    }

    private List<MeanStd> accuracies() {
        return widths.stream().map(Width::valAccuracy).toList();
    }

    /** One row per width: parameters, initial logit variance and loss, validation results, epochs, seconds. */
    public Table table() {
        Table table = Table.create("hidden sizes", IntColumn.create("hidden_size"), LongColumn.create("parameters"),
                DoubleColumn.create("initial_logit_variance"), DoubleColumn.create("initial_loss"),
                DoubleColumn.create("expected_initial_loss"), DoubleColumn.create("val_accuracy_mean"),
                DoubleColumn.create("val_accuracy_std"), DoubleColumn.create("val_loss_mean"),
                DoubleColumn.create("val_loss_std"), DoubleColumn.create("best_epoch_mean"),
                DoubleColumn.create("seconds_per_epoch"));
        for (Width w : widths) {
            table.intColumn("hidden_size").append(w.size());
            table.longColumn("parameters").append(w.parameters());
            table.doubleColumn("initial_logit_variance").append(w.initial().logitVariance());
            table.doubleColumn("initial_loss").append(w.initialLoss());
            table.doubleColumn("expected_initial_loss").append(w.initial().expected(10));
            table.doubleColumn("val_accuracy_mean").append(w.valAccuracy().mean());
            table.doubleColumn("val_accuracy_std").append(w.valAccuracy().std());
            table.doubleColumn("val_loss_mean").append(w.valLoss().mean());
            table.doubleColumn("val_loss_std").append(w.valLoss().std());
            table.doubleColumn("best_epoch_mean").append(w.runs().statistic(History::bestEpoch).mean());
            table.doubleColumn("seconds_per_epoch").append(w.runs().secondsPerEpoch());
        }
        return table;
    }

    /** Every width's and seed's history: {@code hidden_size, seed}, then the history columns. */
    public Table histories() {
        Table all = null;
        for (Width w : widths) {
            Table table = Protocol.historiesTable(w.runs());
            table.insertColumn(0, IntColumn.create("hidden_size", table.rowCount()).setMissingTo(w.size()));
            all = all == null ? table : all.append(table);
        }
        return all;
    }

    /** Best validation accuracy against n, mean ± std, in percent. */
    public Figure accuracyAgainstWidth() {
        return againstWidth("Best validation accuracy", Width::valAccuracy, 100, "validation accuracy (%)");
    }

    /** Lowest validation loss against n, mean ± std. */
    public Figure lossAgainstWidth() {
        return againstWidth("Lowest validation loss", Width::valLoss, 1, "validation loss");
    }

    private Figure againstWidth(String what, Function<Width, MeanStd> metric, double scale, String yLabel) {
        double[] x = widths.stream().mapToDouble(Width::size).toArray();
        double[] mean = widths.stream().mapToDouble(w -> scale * metric.apply(w).mean()).toArray();
        double[] std = widths.stream().mapToDouble(w -> scale * metric.apply(w).std()).toArray();
        return LineChart.builder().title(what + " against hidden width n (mean ± 1 std, " + seeds + " seeds)")
                .xLabel("hidden units n (log scale)").yLabel(yLabel).size(1000, 600).logX(true).markers(true)
                .band(what.toLowerCase(java.util.Locale.ROOT), x, mean, std).build();
    }

    /** Mean loss curves per n (dashed train, solid validation). */
    public Figure lossCurves() {
        return meanCurves("loss", EpochRecord::trainLoss, EpochRecord::valLoss);
    }

    /** Mean accuracy curves per n. */
    public Figure accuracyCurves() {
        return meanCurves("accuracy", EpochRecord::trainAccuracy, EpochRecord::valAccuracy);
    }

    private Figure meanCurves(String metric, ToDoubleFunction<EpochRecord> train, ToDoubleFunction<EpochRecord> validation) {
        boolean loss = metric.equals("loss");
        // from epoch 1: the common start at epoch 0 (chance level) would squeeze the differences between widths
        LineChart.Builder chart = LineChart.builder().title("Mean " + metric + " per epoch for each n "
                + "(dashed train, solid validation)").xLabel("epoch").yLabel(loss ? "loss (log scale)" : metric)
                .logY(loss).size(1000, 650);
        for (Width w : widths) {
            MeanCurve trainCurve = MeanCurve.of(w.runs().histories(), train);
            MeanCurve valCurve = MeanCurve.of(w.runs().histories(), validation);
            int from = Math.min(1, trainCurve.epochs().length - 1);
            int to = trainCurve.epochs().length;
            double[] epochs = Arrays.stream(trainCurve.epochs()).asDoubleStream().skip(from).toArray();
            chart.learningCurve("n = " + w.size(), epochs, Arrays.copyOfRange(trainCurve.mean(), from, to),
                    Arrays.copyOfRange(valCurve.mean(), from, to));
        }
        return EpochAxis.wholeEpochs(chart.build());
    }
}

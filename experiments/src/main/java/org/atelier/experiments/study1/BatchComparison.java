package org.atelier.experiments.study1;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.atelier.core.report.chart.EpochStepChart;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.Convergence;
import org.atelier.core.study.MeanCurve;
import org.atelier.core.study.VariantRun;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Full-batch against mini-batch gradient descent in epochs and in updates: for each variant, how
 * many epochs and updates its seeds needed to reach the validation loss that every full-batch seed
 * reached (the highest of their best values).
 *
 * @param full the full-batch variant
 * @param mini the mini-batch variant
 * @param target the validation loss to reach
 * @param fullReach epochs and updates to the target over the full-batch seeds that reached it
 * @param miniReach the same for the mini-batch seeds
 */
public record BatchComparison(VariantRun full, VariantRun mini, double target, Reach fullReach, Reach miniReach) {

    /**
     * Epochs, updates and seconds to the target over the seeds that reached it.
     *
     * @param seeds how many seeds reached it
     * @param epochs their epochs, mean ± std (NaN if none)
     * @param updates their updates
     * @param seconds their wall time
     */
    public record Reach(int seeds, MeanStd epochs, MeanStd updates, MeanStd seconds) {}

    /**
     * Compares the two variants.
     *
     * @param full the full-batch variant
     * @param mini the mini-batch variant
     * @return the comparison
     */
    public static BatchComparison of(VariantRun full, VariantRun mini) {
        double target = full.runs().histories().stream().mapToDouble(h -> h.best().valLoss()).max().orElseThrow();
        return new BatchComparison(full, mini, target, reach(full, target), reach(mini, target));
    }

    private static Reach reach(VariantRun run, double target) {
        List<History> reaching = run.runs().histories().stream()
                .filter(h -> Convergence.firstReaching(h, target).isPresent()).toList();
        List<EpochRecord> first = reaching.stream().map(h -> Convergence.firstReaching(h, target))
                .map(Optional::orElseThrow).toList();
        double[] seconds = new double[reaching.size()];
        for (int i = 0; i < seconds.length; i++) {
            int epoch = first.get(i).epoch();
            seconds[i] = reaching.get(i).epochs().stream().filter(e -> e.epoch() <= epoch)
                    .mapToDouble(EpochRecord::seconds).sum();
        }
        return new Reach(reaching.size(), stats(first.stream().mapToDouble(EpochRecord::epoch).toArray()),
                stats(first.stream().mapToDouble(EpochRecord::steps).toArray()), stats(seconds));
    }

    private static MeanStd stats(double[] values) {
        return values.length == 0 ? new MeanStd(Double.NaN, Double.NaN, 0) : MeanStd.of(values);
    }

    /** One row per variant: rate, updates per epoch, seeds reaching the target, epochs/updates/seconds to it, the criterion's epochs. */
    public Table table() {
        Table table = Table.create("full batch vs mini-batch", StringColumn.create("variant"),
                DoubleColumn.create("learning_rate"), IntColumn.create("updates_per_epoch"),
                StringColumn.create("seeds_reaching_target"), DoubleColumn.create("epochs_to_target"),
                DoubleColumn.create("updates_to_target"), DoubleColumn.create("seconds_to_target"),
                IntColumn.create("epochs_by_rule"), DoubleColumn.create("updates_by_rule"),
                DoubleColumn.create("best_val_loss"));
        addRow(table, full, fullReach);
        addRow(table, mini, miniReach);
        return table;
    }

    private static void addRow(Table table, VariantRun run, Reach reach) {
        table.stringColumn("variant").append(run.method().label());
        table.doubleColumn("learning_rate").append(run.sweep().chosenRate());
        table.intColumn("updates_per_epoch").append(run.batchesPerEpoch());
        table.stringColumn("seeds_reaching_target").append(reach.seeds() + " of " + run.runs().seeds().size());
        table.doubleColumn("epochs_to_target").append(reach.epochs().mean());
        table.doubleColumn("updates_to_target").append(reach.updates().mean());
        table.doubleColumn("seconds_to_target").append(reach.seconds().mean());
        table.intColumn("epochs_by_rule").append(run.epochsByRule());
        table.doubleColumn("updates_by_rule").append(run.stepsByRule());
        table.doubleColumn("best_val_loss").append(run.bestValLoss().mean());
    }

    /** Validation loss (mean over seeds) against epochs and against updates, with the target. */
    public Figure chart() {
        EpochStepChart.Builder chart = EpochStepChart.builder()
                .title("Softmax regression: validation loss (mean over seeds) against epochs and against updates");
        int maxEpoch = 1;
        long maxSteps = 1;
        for (VariantRun run : List.of(full, mini)) {
            MeanCurve mean = MeanCurve.of(run.runs().histories(), EpochRecord::valLoss);
            int points = mean.epochs().length - 1; // epoch 0 has no update to place on a log axis
            double[] epochs = new double[points];
            double[] steps = new double[points];
            double[] values = new double[points];
            for (int i = 0; i < points; i++) {
                epochs[i] = mean.epochs()[i + 1];
                steps[i] = epochs[i] * run.batchesPerEpoch();
                values[i] = mean.mean()[i + 1];
            }
            chart.curve(run.method().label() + ", lr " + run.sweep().chosenRate(), epochs, steps, values);
            maxEpoch = Math.max(maxEpoch, (int) epochs[points - 1]);
            maxSteps = Math.max(maxSteps, (long) steps[points - 1]);
        }
        chart.curve(String.format(Locale.ROOT, "target: full-batch GD's validation loss %.4f", target),
                new double[] {1, maxEpoch}, new double[] {1, maxSteps}, new double[] {target, target});
        return chart.build();
    }
}

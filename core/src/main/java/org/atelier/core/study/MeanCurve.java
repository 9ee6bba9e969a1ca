package org.atelier.core.study;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * One metric of several training runs (e.g. seeds) aggregated per epoch: mean ± sample standard
 * deviation over the runs that reached the epoch. Runs stopped early are shorter; {@link #runs()}
 * says how many runs each point averages, and {@link #common} cuts all runs to the epochs they share.
 *
 * @param epochs the epoch numbers, from the first recorded (0 if evaluated before training)
 * @param mean the mean at each epoch
 * @param std the sample standard deviation at each epoch (0 where one run remains)
 * @param runs how many runs reached each epoch
 */
public record MeanCurve(int[] epochs, double[] mean, double[] std, int[] runs) {

    /**
     * Aggregates a metric over runs, epoch by epoch, up to the longest run.
     *
     * @param histories the runs, all starting at the same epoch
     * @param metric the metric, e.g. {@code EpochRecord::valLoss}
     * @return the mean curve
     */
    public static MeanCurve of(List<History> histories, ToDoubleFunction<EpochRecord> metric) {
        int length = histories.stream().mapToInt(h -> h.epochs().size()).max()
                .orElseThrow(() -> new IllegalArgumentException("a mean curve needs at least one run"));
        int[] epochs = new int[length];
        double[] mean = new double[length];
        double[] std = new double[length];
        int[] runs = new int[length];
        for (int i = 0; i < length; i++) {
            int index = i;
            List<EpochRecord> reached = histories.stream().filter(h -> h.epochs().size() > index)
                    .map(h -> h.epochs().get(index)).toList();
            epochs[i] = reached.get(0).epoch();
            MeanStd stats = MeanStd.of(reached.stream().mapToDouble(metric).toArray());
            mean[i] = stats.mean();
            std[i] = stats.std();
            runs[i] = stats.n();
        }
        return new MeanCurve(epochs, mean, std, runs);
    }

    /**
     * The metric of every run over the epochs all runs reached, one row per run: the input of a
     * "thin runs + mean ± std band" chart, whose band must average the same runs at every epoch.
     *
     * @param histories the runs
     * @param metric the metric
     * @return {@code runs × sharedEpochs} values
     */
    public static double[][] common(List<History> histories, ToDoubleFunction<EpochRecord> metric) {
        int shared = sharedLength(histories);
        return histories.stream()
                .map(h -> h.epochs().subList(0, shared).stream().mapToDouble(metric).toArray())
                .toArray(double[][]::new);
    }

    /**
     * The epoch numbers all runs reached, as chart x values.
     *
     * @param histories the runs
     * @return the shared epochs
     */
    public static double[] commonEpochs(List<History> histories) {
        return histories.get(0).epochs().subList(0, sharedLength(histories)).stream()
                .mapToDouble(EpochRecord::epoch).toArray();
    }

    private static int sharedLength(List<History> histories) {
        return histories.stream().mapToInt(h -> h.epochs().size()).min()
                .orElseThrow(() -> new IllegalArgumentException("no runs"));
    }

    /**
     * The curve as a table {@code epoch, <name>_mean, <name>_std, runs}.
     *
     * @param name the metric's name, e.g. {@code val_loss}
     * @return the table
     */
    public Table toTable(String name) {
        return Table.create(name, IntColumn.create("epoch", epochs), DoubleColumn.create(name + "_mean", mean),
                DoubleColumn.create(name + "_std", std), IntColumn.create("runs", runs));
    }
}

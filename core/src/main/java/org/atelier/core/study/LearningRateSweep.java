package org.atelier.core.study;

import java.util.Arrays;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.EpochAxis;
import org.atelier.core.report.chart.LineChart;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.atelier.core.trial.TrialResult;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A short learning-rate sweep: the same model trained for the same small budget of epochs with
 * each rate, then one rate chosen by a stated rule: <em>the lowest validation loss at the end of
 * the budget among the runs that did not diverge</em>. A run diverged when a loss became
 * non-finite or its final validation loss is not below the one it started at (epoch 0).
 *
 * @param rates the learning rates, in the order tried
 * @param histories one history per rate, each starting with epoch 0
 * @param chosenIndex the index of the chosen rate
 */
public record LearningRateSweep(List<Double> rates, List<History> histories, int chosenIndex) {

    /** Copies the lists. */
    public LearningRateSweep {
        rates = List.copyOf(rates);
        histories = List.copyOf(histories);
    }

    /**
     * The sweep of trials that trained once per rate, e.g. from {@code context.trials().run(specs)};
     * the rate is chosen by {@link #choose}.
     *
     * @param rates the learning rates, one per result, in the same order
     * @param results the trials' results, each history starting with epoch 0 and with validation numbers
     * @return the sweep with its choice
     * @throws AtelierException if a trial failed or every rate diverged
     * @throws IllegalArgumentException if there is not one result per rate
     */
    public static LearningRateSweep of(List<Double> rates, List<TrialResult> results) {
        if (rates.size() != results.size()) {
            throw new IllegalArgumentException("need one trial result per rate, got " + rates.size() + " rates and "
                    + results.size() + " results");
        }
        List<History> histories = TrialResult.requireSucceeded(results).stream().map(TrialResult::history).toList();
        return new LearningRateSweep(rates, histories, choose(rates, histories));
    }

    /**
     * The rule: among runs that did not {@link #diverged diverge}, the one with the lowest final
     * validation loss.
     *
     * @param rates the rates, for the error message
     * @param histories one per rate
     * @return the index of the chosen run
     * @throws AtelierException if every run diverged
     */
    public static int choose(List<Double> rates, List<History> histories) {
        int chosen = -1;
        for (int i = 0; i < histories.size(); i++) {
            History h = histories.get(i);
            if (!diverged(h) && (chosen < 0 || h.last().valLoss() < histories.get(chosen).last().valLoss())) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            throw new AtelierException("every learning rate of the sweep " + rates + " diverged; add smaller rates");
        }
        return chosen;
    }

    /**
     * Whether a run diverged: a non-finite loss anywhere, or a final validation loss not below the
     * first recorded one.
     *
     * @param history a run with validation numbers
     * @return true if it diverged
     */
    public static boolean diverged(History history) {
        boolean nonFinite = history.epochs().stream()
                .anyMatch(e -> !Double.isFinite(e.trainLoss()) || !Double.isFinite(e.valLoss()));
        return nonFinite || history.last().valLoss() >= history.epochs().get(0).valLoss();
    }

    /** The chosen learning rate. */
    public double chosenRate() {
        return rates.get(chosenIndex);
    }

    /** The history of the chosen rate. */
    public History chosenHistory() {
        return histories.get(chosenIndex);
    }

    /** One row per rate: {@code learning_rate, final_val_loss, final_val_accuracy, diverged, chosen}. */
    public Table toTable() {
        Table table = Table.create("learning-rate sweep",
                DoubleColumn.create("learning_rate", rates.stream().mapToDouble(Double::doubleValue)),
                DoubleColumn.create("final_val_loss", histories.stream().mapToDouble(h -> h.last().valLoss())),
                DoubleColumn.create("final_val_accuracy", histories.stream().mapToDouble(h -> h.last().valAccuracy())));
        BooleanColumn diverged = BooleanColumn.create("diverged");
        BooleanColumn chosen = BooleanColumn.create("chosen");
        for (int i = 0; i < rates.size(); i++) {
            diverged.append(diverged(histories.get(i)));
            chosen.append(i == chosenIndex);
        }
        return table.addColumns(diverged, chosen);
    }

    /**
     * Validation loss against epoch, one line per rate (log y). Values above twice the highest
     * starting loss (or non-finite) are drawn at that ceiling and the rate is marked "off scale",
     * so that a diverging run cannot flatten the others.
     *
     * @param title the figure title
     * @return the figure
     */
    public ChartFigure chart(String title) {
        double ceiling = 2 * histories.stream().mapToDouble(h -> h.epochs().get(0).valLoss()).max().orElse(1);
        LineChart.Builder chart = LineChart.builder().title(title).xLabel("epoch")
                .yLabel("validation loss (log scale)").logY(true);
        for (int i = 0; i < rates.size(); i++) {
            List<EpochRecord> epochs = histories.get(i).epochs();
            double[] x = epochs.stream().mapToDouble(EpochRecord::epoch).toArray();
            double[] y = epochs.stream().mapToDouble(e -> Double.isFinite(e.valLoss()) ? Math.min(e.valLoss(), ceiling)
                    : ceiling).toArray();
            boolean offScale = epochs.stream().anyMatch(e -> !(e.valLoss() <= ceiling));
            String label = "lr " + rates.get(i) + (i == chosenIndex ? " (chosen)" : "")
                    + (diverged(histories.get(i)) ? " (diverged)" : "") + (offScale ? " (off scale)" : "");
            chart.series(label, x, y);
        }
        return EpochAxis.wholeEpochs(chart.build());
    }

    @Override
    public String toString() {
        return "learning rates " + rates + " → " + chosenRate() + " (final val losses "
                + Arrays.toString(histories.stream().mapToDouble(h -> h.last().valLoss()).toArray()) + ")";
    }
}

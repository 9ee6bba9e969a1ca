package org.atelier.core.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atelier.core.report.StudyReport;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.LearningRateSweep;
import org.atelier.core.study.SeedRuns;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;

/**
 * One gradient-descent variant carried through the protocol: its learning-rate sweep and its
 * seeds trained with the chosen rate.
 *
 * @param method the variant
 * @param sweep the learning-rate sweep
 * @param runs the seeds trained with the chosen rate
 * @param batchesPerEpoch updates per epoch
 */
public record VariantRun(GradientDescent method, LearningRateSweep sweep, SeedRuns runs, int batchesPerEpoch) {

    /** The epoch each seed's early stopping kept (its lowest validation loss), over the seeds. */
    public MeanStd bestEpoch() {
        return runs.statistic(History::bestEpoch);
    }

    /** The number of epochs by the stated rule: the mean best epoch over the seeds, rounded (at least 1). */
    public int epochsByRule() {
        return Math.max(1, (int) Math.round(bestEpoch().mean()));
    }

    /** The updates those epochs take. */
    public long stepsByRule() {
        return (long) epochsByRule() * batchesPerEpoch;
    }

    /** The lowest validation loss of each seed, over the seeds. */
    public MeanStd bestValLoss() {
        return runs.statistic(h -> h.best().valLoss());
    }

    /** The validation accuracy at each seed's best epoch, over the seeds. */
    public MeanStd bestValAccuracy() {
        return runs.statistic(h -> h.best().valAccuracy());
    }

    /** The loss before the first update on the training set (epoch 0), over the seeds. */
    public MeanStd initialLoss() {
        return runs.statistic(h -> h.initial().orElseThrow().trainLoss());
    }

    /** The history of the best seed, whose model is the variant's candidate final model. */
    public History bestHistory() {
        return runs.histories().get(runs.bestIndex());
    }

    /** The seed of the best run. */
    public long bestSeed() {
        return runs.seeds().get(runs.bestIndex());
    }

    /** Mean wall time of one training epoch (validation included) over all seeds and epochs. */
    public double secondsPerEpoch() {
        return runs.secondsPerEpoch();
    }

    /** The training time of the best seed's run, in seconds. */
    public double bestRunSeconds() {
        return bestHistory().totalSeconds();
    }

    /**
     * Explains in a report section how the learning rate and the number of epochs were chosen,
     * with the sweep's figure and table and the seeds' curves.
     *
     * @param section the section
     * @param trainSize the number of training samples
     */
    public void describe(StudyReport.Section section, int trainSize) {
        String batch = method.batchSize() >= trainSize
                ? "all " + trainSize + " training images (one update per epoch)"
                : method.batchSize() + " images (" + batchesPerEpoch() + " updates per epoch)";
        MeanStd epoch = bestEpoch();
        section.paragraph(String.format(Locale.ROOT, "Batch: %s. **Learning rate.** Each rate of %s was trained for "
                + "%d epochs from the same initialization; the rule picks the lowest validation loss at the end "
                        + "of that budget among the runs that did not diverge (non-finite loss, or no lower than at the "
                        + "start). Chosen: **%s** (validation loss %.4f).%s", batch, method.rates(),
                        method.sweepEpochs(), sweep.chosenRate(), sweep.chosenHistory().last().valLoss(),
                        divergedText(sweep)))
                .image("learning-rate sweep", method.files().sweepChart())
                .table(sweep.toTable(), 4)
                .paragraph(String.format(Locale.ROOT, "**Epochs.** Criterion: %s. Over %d seeds the best epoch was "
                        + "%.1f ± %.1f (runs lasted %s epochs), so this variant needs **%d epochs = %d updates** "
                        + "(mean best epoch, rounded). Best validation loss %.4f ± %.4f, validation accuracy at that "
                        + "epoch %.2f ± %.2f %%. One epoch took %.2f s on average.", method.criterion(),
                        runs().seeds().size(), epoch.mean(), epoch.std(), epochRange(runs().histories()),
                        epochsByRule(), stepsByRule(), bestValLoss().mean(), bestValLoss().std(),
                        100 * bestValAccuracy().mean(), 100 * bestValAccuracy().std(), secondsPerEpoch()))
                .paragraph(capStatement())
                .image("loss curves of all seeds", method.files().lossChart())
                .image("accuracy curves of all seeds", method.files().accuracyChart())
                .paragraph("Thin lines: the individual seeds; thick line and band: their mean ± one sample standard "
                        + "deviation, per epoch. Train values of an epoch ≥ 1 are averaged over the epoch's updates, "
                        + "validation values are measured after the epoch. Every seed's history is in `"
                        + method.files().histories().name() + "`, the mean curves over all epochs (with the number of "
                        + "seeds still training) in `" + method.files().meanCurves().name() + "`.");
    }

    /** Whether the criterion or the epoch cap ended the runs, and how fast the loss still fell at the cap. */
    private String capStatement() {
        List<History> capped = runs().histories().stream().filter(h -> !h.stoppedEarly()).toList();
        if (capped.isEmpty()) {
            return "Every seed was stopped by the criterion before the cap of " + method().maxEpochs() + " epochs.";
        }
        int window = Math.min(10, capped.get(0).epochs().size() - 1);
        double drop = capped.stream().mapToDouble(h -> {
            List<EpochRecord> e = h.epochs();
            return e.get(e.size() - 1 - window).valLoss() - e.get(e.size() - 1).valLoss();
        }).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%d of %d seeds ran into the cap of %d epochs before the criterion "
                + "triggered; over their last %d epochs the validation loss still fell by %.4f on average. "
                + "For these runs the number of epochs is the budget, not a point of convergence: a larger budget "
                + "would lower the loss further.", capped.size(), runs().seeds().size(), method().maxEpochs(),
                window, drop);
    }

    private static String divergedText(LearningRateSweep sweep) {
        List<String> diverged = new ArrayList<>();
        for (int i = 0; i < sweep.rates().size(); i++) {
            if (LearningRateSweep.diverged(sweep.histories().get(i))) {
                diverged.add(String.valueOf(sweep.rates().get(i)));
            }
        }
        return diverged.isEmpty() ? " No rate diverged; the largest rates are limited by the curvature of the loss "
                + "rather than by divergence within this budget."
                : " Diverged: " + String.join(", ", diverged) + ".";
    }

    private static String epochRange(List<History> histories) {
        int min = histories.stream().mapToInt(h -> h.last().epoch()).min().orElse(0);
        int max = histories.stream().mapToInt(h -> h.last().epoch()).max().orElse(0);
        return min == max ? String.valueOf(min) : min + "–" + max;
    }
}

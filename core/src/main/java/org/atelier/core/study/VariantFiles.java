package org.atelier.core.study;

import java.util.List;
import org.atelier.core.report.RunFile;

/**
 * The files the protocol writes for one gradient-descent variant, named once from the variant's
 * file-name prefix: its learning-rate sweep ({@code ID-lr-sweep.png/.csv}) and its seeds' curves
 * ({@code ID-loss.png}, {@code ID-accuracy.png}, {@code ID-histories.csv}, {@code ID-mean-curves.csv}).
 *
 * @param sweepChart validation loss of each learning rate
 * @param sweepTable the sweep's final numbers
 * @param lossChart loss curves of all seeds, mean ± std
 * @param accuracyChart accuracy curves of all seeds, mean ± std
 * @param histories every seed's history
 * @param meanCurves mean ± std per epoch
 */
public record VariantFiles(RunFile sweepChart, RunFile sweepTable, RunFile lossChart, RunFile accuracyChart,
        RunFile histories, RunFile meanCurves) {

    /**
     * The files of a variant.
     *
     * @param id the variant's file-name prefix, e.g. {@code minibatch}
     * @param variant the variant in words, e.g. {@code "mini-batch GD"}
     * @return the files
     */
    public static VariantFiles of(String id, String variant) {
        return new VariantFiles(
                new RunFile(id + "-lr-sweep.png", variant + ": validation loss of each learning rate"),
                new RunFile(id + "-lr-sweep.csv", variant + ": the learning-rate sweep's final numbers"),
                new RunFile(id + "-loss.png", variant + ": loss curves of all seeds, mean ± std"),
                new RunFile(id + "-accuracy.png", variant + ": accuracy curves of all seeds, mean ± std"),
                new RunFile(id + "-histories.csv", variant + ": every seed's history"),
                new RunFile(id + "-mean-curves.csv", variant + ": mean ± std per epoch"));
    }

    /** The learning-rate sweep's two files. */
    public List<RunFile> sweep() {
        return List.of(sweepChart, sweepTable);
    }

    /** All six files: the sweep's, then the seeds' curves. */
    public List<RunFile> all() {
        return List.of(sweepChart, sweepTable, lossChart, accuracyChart, histories, meanCurves);
    }
}

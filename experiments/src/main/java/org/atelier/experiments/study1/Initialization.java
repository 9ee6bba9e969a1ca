package org.atelier.experiments.study1;

import ai.djl.training.initializer.NormalInitializer;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.models.Initializers;
import org.atelier.core.models.Models;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.HistogramChart;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.InitialLoss;
import org.atelier.core.study.InitialLossCheck;
import org.atelier.core.study.Protocol;
import org.atelier.core.study.VariantRun;
import org.atelier.core.trial.TrialData;

/**
 * What softmax regression's initialization gives: the logits' variance, the measured starting
 * loss against ln 10 and the initialization-aware expectation with its tolerance, and the start
 * that N(0, 1) weights would give.
 *
 * @param pixels n, the fan-in of every output unit
 * @param sigma the weights' standard deviation 1/√n
 * @param s2 the mean of ‖x‖²/n over the training split, the expected logit variance
 * @param logitStd the measured standard deviation of the initial logits (first seed)
 * @param measured the initial loss of the training runs over the seeds
 * @param expected ln K + (1 − 1/K)·s²/2
 * @param higherOrder the bound on the dropped higher-order terms
 * @param unitNormal the initial loss with w ~ N(0, 1), over {@code UNIT_NORMAL_SEEDS} seeds
 * @param logits the first seed's initial logits, flattened
 * @param images the number of training images the logits are of
 */
public record Initialization(int pixels, double sigma, double s2, double logitStd, MeanStd measured, double expected,
        double higherOrder, MeanStd unitNormal, float[] logits, int images) {

    /** Seeds of the N(0, 1) comparison: a few suffice, the effect is an order of magnitude. */
    static final int UNIT_NORMAL_SEEDS = 3;

    /**
     * Measures it.
     *
     * @param context the run (backend, seed)
     * @param protocol the protocol (data, seeds)
     * @param full the full-batch variant, whose seeds' epoch 0 is the measured start
     * @return the finding
     */
    public static Initialization measure(ExperimentContext context, Protocol protocol, VariantRun full) {
        TrialData data = protocol.data();
        int pixels = Math.toIntExact(data.train().features().getShape().slice(1).size());
        double sigma = 1 / Math.sqrt(pixels);
        double s2 = InitialLoss.meanLogitVariance(data.train().features(), sigma);
        InitialLossCheck fanIn = InitialLossCheck.measure(context.backend(), () -> Models.softmaxRegression(10),
                Initializers.normalFanIn(), protocol.seeds(1), data.train());
        InitialLossCheck unit = InitialLossCheck.measure(context.backend(), () -> Models.softmaxRegression(10),
                new NormalInitializer(1f), protocol.seeds(UNIT_NORMAL_SEEDS), data.train());
        return new Initialization(pixels, sigma, s2, Math.sqrt(fanIn.logitVariance()), full.initialLoss(),
                InitialLoss.expected(10, s2), InitialLoss.higherOrderBound(data.train().features(), sigma),
                unit.loss(), fanIn.firstLogits(), data.train().size());
    }

    /** The tolerance of the comparison with the expectation: the higher-order bound plus 3 standard errors. */
    public double tolerance() {
        return higherOrder + 3 * measured.standardError();
    }

    /** Whether the measured start lies within the tolerance of the expectation, above ln 10. */
    public boolean consistent() {
        return Math.abs(measured.mean() - expected) <= tolerance() && measured.mean() > InitialLoss.uniform(10);
    }

    /**
     * The histogram of the initial logits.
     *
     * @param seed the seed they were drawn with, for the title
     * @return the figure
     */
    public Figure histogram(long seed) {
        double[] values = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            values[i] = logits[i];
        }
        return HistogramChart.builder().title("Softmax regression: logits before training, w ~ N(0, 1/√" + pixels
                + "), seed " + seed).xLabel("logit z = w·x").yLabel("count (samples × classes)").bins(80)
                .data("initial logits (" + images + " images × 10 classes)", values).build();
    }
}

package org.atelier.experiments.study4;

import java.util.Arrays;
import org.atelier.core.autodiff.TwoLayerParameters;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One gradient-descent step of the two-layer network: its gradient by hand-derived
 * backpropagation, by the project's scalar reverse-mode engine and by the engine's autograd, and
 * the loss before and after the step.
 *
 * @param batch examples in the batch
 * @param parameters the parameters before the step
 * @param hand backpropagation derived by hand
 * @param reverseMode the scalar reverse-mode engine
 * @param autograd DJL's {@code GradientCollector}, float64
 * @param rate the learning rate
 * @param lossBefore the mean cross-entropy before the step
 * @param lossAfter after the step taken with the hand-derived gradient
 * @param stepDifference the largest difference between the parameters after a step with the hand-derived
 *     gradient and after one with autograd's
 */
record NetworkStep(int batch, TwoLayerParameters parameters, TwoLayerParameters hand, TwoLayerParameters reverseMode,
        TwoLayerParameters autograd, double rate, double lossBefore, double lossAfter, double stepDifference) {

    /** The largest |hand − autograd| and |reverse mode − autograd| over every parameter. */
    double maxError() {
        return Math.max(max(hand.maxAbsDifference(autograd)), max(reverseMode.maxAbsDifference(autograd)));
    }

    /** One row per parameter: shape, gradient norm and the largest differences between the three gradients. */
    Table table() {
        StringColumn name = StringColumn.create("parameter");
        StringColumn shape = StringColumn.create("shape");
        IntColumn count = IntColumn.create("values");
        DoubleColumn norm = DoubleColumn.create("gradient_norm");
        DoubleColumn handError = DoubleColumn.create("max_abs_error_hand_vs_autograd");
        DoubleColumn reverseError = DoubleColumn.create("max_abs_error_reverse_mode_vs_autograd");
        double[] norms = autograd.norms();
        double[] hands = hand.maxAbsDifference(autograd);
        double[] reverses = reverseMode.maxAbsDifference(autograd);
        for (int p = 0; p < TwoLayerParameters.NAMES.size(); p++) {
            name.append(TwoLayerParameters.NAMES.get(p));
            shape.append(parameters.shapes().get(p));
            count.append(parameters.flat().get(p).length);
            norm.append(norms[p]);
            handError.append(hands[p]);
            reverseError.append(reverses[p]);
        }
        return Table.create("network gradients", name, shape, count, norm, handError, reverseError);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}

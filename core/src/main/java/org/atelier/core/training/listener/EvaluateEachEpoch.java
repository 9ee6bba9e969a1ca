package org.atelier.core.training.listener;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.Evaluation;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.SplitCurve;

/**
 * Evaluates the model on one more split after every epoch (and at epoch 0 when it is recorded):
 * loss and accuracy without gradient, in inference mode, exactly as the fit evaluates its
 * validation split. For exercises that draw the <em>test</em> curve epoch by epoch: the test set
 * only watches, nothing in the fit reads it, so a stopping or selection rule must still use the
 * validation split. {@link #curve()} returns what the last fit recorded.
 *
 * <p>Mirrored ({@link Evaluation#ofMirrored}), the curve is that of each image's prediction
 * averaged with its mirror image's, and {@link #plainCurve()} that of the images alone, from the
 * same forward passes: what test-time flipping adds, measured on the very same models.
 */
public final class EvaluateEachEpoch implements FitListener {

    private final String split;
    private final LabeledArrays data;
    private final boolean mirrored;
    private final Points points = new Points();
    private final Points plainPoints = new Points();

    /**
     * Creates the listener.
     *
     * @param split the split's name, e.g. {@code test}
     * @param data its arrays, on the model's device
     */
    public EvaluateEachEpoch(String split, LabeledArrays data) {
        this(split, data, false);
    }

    /**
     * Creates the listener, with or without test-time mirroring.
     *
     * @param split the split's name, e.g. {@code test}
     * @param data its arrays, on the model's device
     * @param mirrored whether each image's prediction is averaged with its mirror image's
     *     ({@link Evaluation#ofMirrored}), else plain ({@link Evaluation#of})
     */
    public EvaluateEachEpoch(String split, LabeledArrays data, boolean mirrored) {
        this.split = Objects.requireNonNull(split, "split");
        this.data = Objects.requireNonNull(data, "data");
        this.mirrored = mirrored;
    }

    @Override
    public void onFitBegin(FitContext context) {
        points.clear();
        plainPoints.clear();
    }

    @Override
    public void onEpochEnd(FitContext context, EpochRecord record) {
        if (mirrored) {
            Evaluation.Mirrored evaluation = Evaluation.ofMirrored(context.trainer(), data);
            points.add(record.epoch(), evaluation.averaged());
            plainPoints.add(record.epoch(), evaluation.plain());
        } else {
            points.add(record.epoch(), Evaluation.of(context.trainer(), data));
        }
    }

    @Override
    public Serializable backupState(FitContext context) {
        return mirrored ? new SplitCurve[] {curve(), plainCurve()} : curve();
    }

    @Override
    public void restoreState(FitContext context, Serializable state) {
        onFitBegin(context);
        if (state instanceof SplitCurve[] curves) {
            points.addAll(curves[0]);
            plainPoints.addAll(curves[1]);
        } else {
            points.addAll((SplitCurve) state);
        }
    }

    /** The curve of the last fit: one point per recorded epoch (mirrored: of the averaged predictions). */
    public SplitCurve curve() {
        return points.curve(split);
    }

    /**
     * The curve of the images alone, recorded alongside a mirrored evaluation.
     *
     * @return the curve
     * @throws IllegalStateException if this listener does not mirror
     */
    public SplitCurve plainCurve() {
        if (!mirrored) {
            throw new IllegalStateException("the " + split + " curve is not mirrored, so it has no separate plain curve;"
                    + " use curve()");
        }
        return plainPoints.curve(split);
    }

    /** Whether the curve averages each image with its mirror image. */
    public boolean mirrored() {
        return mirrored;
    }

    /** The points of one curve as they come. */
    private static final class Points {
        private final List<Integer> epochs = new ArrayList<>();
        private final List<Double> losses = new ArrayList<>();
        private final List<Double> accuracies = new ArrayList<>();

        void clear() {
            epochs.clear();
            losses.clear();
            accuracies.clear();
        }

        void add(int epoch, Evaluation evaluation) {
            epochs.add(epoch);
            losses.add(evaluation.loss());
            accuracies.add(evaluation.accuracy());
        }

        void addAll(SplitCurve kept) {
            for (int i = 0; i < kept.epochs().length; i++) {
                epochs.add(kept.epochs()[i]);
                losses.add(kept.loss()[i]);
                accuracies.add(kept.accuracy()[i]);
            }
        }

        SplitCurve curve(String split) {
            return new SplitCurve(split, epochs.stream().mapToInt(Integer::intValue).toArray(),
                    losses.stream().mapToDouble(Double::doubleValue).toArray(),
                    accuracies.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}

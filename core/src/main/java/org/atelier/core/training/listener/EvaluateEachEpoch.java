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
 */
public final class EvaluateEachEpoch implements FitListener {

    private final String split;
    private final LabeledArrays data;
    private final List<Integer> epochs = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<Double> accuracies = new ArrayList<>();

    /**
     * Creates the listener.
     *
     * @param split the split's name, e.g. {@code test}
     * @param data its arrays, on the model's device
     */
    public EvaluateEachEpoch(String split, LabeledArrays data) {
        this.split = Objects.requireNonNull(split, "split");
        this.data = Objects.requireNonNull(data, "data");
    }

    @Override
    public void onFitBegin(FitContext context) {
        epochs.clear();
        losses.clear();
        accuracies.clear();
    }

    @Override
    public void onEpochEnd(FitContext context, EpochRecord record) {
        Evaluation evaluation = Evaluation.of(context.trainer(), data);
        epochs.add(record.epoch());
        losses.add(evaluation.loss());
        accuracies.add(evaluation.accuracy());
    }

    @Override
    public Serializable backupState(FitContext context) {
        return curve();
    }

    @Override
    public void restoreState(FitContext context, Serializable state) {
        SplitCurve kept = (SplitCurve) state;
        onFitBegin(context);
        for (int i = 0; i < kept.epochs().length; i++) {
            epochs.add(kept.epochs()[i]);
            losses.add(kept.loss()[i]);
            accuracies.add(kept.accuracy()[i]);
        }
    }

    /** The curve of the last fit: one point per recorded epoch. */
    public SplitCurve curve() {
        return new SplitCurve(split, epochs.stream().mapToInt(Integer::intValue).toArray(),
                losses.stream().mapToDouble(Double::doubleValue).toArray(),
                accuracies.stream().mapToDouble(Double::doubleValue).toArray());
    }
}

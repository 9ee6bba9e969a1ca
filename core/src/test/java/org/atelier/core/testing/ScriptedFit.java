package org.atelier.core.testing;

import ai.djl.Model;
import ai.djl.training.Trainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;

/**
 * A {@link FitContext} without a model, for driving a listener through a crafted history: each
 * {@link #epoch} records the given validation loss (and accuracy 1 − loss) and calls the listener,
 * the way {@code Training.fit} would.
 */
public class ScriptedFit implements FitContext {

    private final List<EpochRecord> records = new ArrayList<>();
    private final int maxEpochs;
    private double rate;
    private boolean stop;

    /**
     * A fit of at most {@code maxEpochs} epochs that starts with learning rate {@code rate}.
     *
     * @param maxEpochs the maximum number of epochs
     * @param rate the learning rate
     */
    public ScriptedFit(int maxEpochs, double rate) {
        this.maxEpochs = maxEpochs;
        this.rate = rate;
    }

    /**
     * Feeds validation losses epoch by epoch (from epoch 1) until they run out or the listener stops
     * the fit.
     *
     * @param listener the listener under test
     * @param valLosses one validation loss per epoch
     * @return the last epoch run
     */
    public int run(FitListener listener, double... valLosses) {
        listener.onFitBegin(this);
        int epoch = 0;
        while (!stop && epoch < valLosses.length && epoch < maxEpochs) {
            epoch++;
            listener.onEpochBegin(this, epoch);
            epoch(listener, epoch, valLosses[epoch - 1]);
        }
        return epoch;
    }

    /**
     * Records one epoch and tells the listener.
     *
     * @param listener the listener
     * @param epoch the epoch number
     * @param valLoss its validation loss
     */
    public void epoch(FitListener listener, int epoch, double valLoss) {
        EpochRecord record = new EpochRecord(epoch, valLoss, 1 - valLoss, valLoss, 1 - valLoss, rate, 0, epoch);
        records.add(record);
        listener.onEpochEnd(this, record);
    }

    @Override
    public Model model() {
        return null;
    }

    @Override
    public Trainer trainer() {
        return null;
    }

    @Override
    public int maxEpochs() {
        return maxEpochs;
    }

    @Override
    public int batchesPerEpoch() {
        return 1;
    }

    @Override
    public boolean hasValidation() {
        return true;
    }

    @Override
    public List<EpochRecord> records() {
        return Collections.unmodifiableList(records);
    }

    @Override
    public double learningRate() {
        return rate;
    }

    @Override
    public void setLearningRate(double rate) {
        this.rate = rate;
    }

    @Override
    public void stopTraining() {
        stop = true;
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }
}

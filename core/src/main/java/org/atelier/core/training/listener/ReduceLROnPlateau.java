package org.atelier.core.training.listener;

import java.io.Serializable;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;

/**
 * Multiplies the learning rate by {@code factor} when the monitored value has not improved for
 * {@code patience} epochs, then waits {@code cooldown} epochs before counting again, never going
 * below {@code minRate}: Keras's {@code ReduceLROnPlateau(monitor, factor, patience, min_delta,
 * cooldown, min_lr)}, with the same counting. Build with {@link #builder()}.
 */
public final class ReduceLROnPlateau implements FitListener {

    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minRate;
    private double best;
    private int wait;
    private int cooldownLeft;
    private int reductions;

    private ReduceLROnPlateau(Builder b) {
        this.monitor = new Monitor(b.monitor, b.mode, b.minDelta);
        this.factor = b.factor;
        this.patience = b.patience;
        this.cooldown = b.cooldown;
        this.minRate = b.minRate;
    }

    /** A builder with Keras's defaults: {@code val_loss}, factor 0.1, patience 10, no cooldown, no floor. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onFitBegin(FitContext context) {
        monitor.check(context, "ReduceLROnPlateau");
        best = monitor.worst();
        wait = 0;
        cooldownLeft = 0;
        reductions = 0;
    }

    @Override
    public void onEpochEnd(FitContext context, EpochRecord record) {
        double value = monitor.value(record);
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (monitor.improves(value, best)) {
            best = value;
            wait = 0;
        } else if (cooldownLeft == 0 && ++wait >= patience) {
            double rate = context.learningRate();
            if (rate > minRate) {
                context.setLearningRate(Math.max(rate * factor, minRate));
                reductions++;
            }
            cooldownLeft = cooldown;
            wait = 0;
        }
    }

    /** What a training backup keeps (the rate itself is kept by the fit). */
    private record State(double best, int waited, int cooldownLeft, int reductions) implements Serializable {}

    @Override
    public Serializable backupState(FitContext context) {
        return new State(best, wait, cooldownLeft, reductions);
    }

    @Override
    public void restoreState(FitContext context, Serializable state) {
        State kept = (State) state;
        best = kept.best();
        wait = kept.waited();
        cooldownLeft = kept.cooldownLeft();
        reductions = kept.reductions();
    }

    /** How many times the last fit reduced the rate. */
    public int reductions() {
        return reductions;
    }

    /** Builds a {@link ReduceLROnPlateau}; the names are Keras's. */
    public static final class Builder {
        private String monitor = "val_loss";
        private Monitor.Mode mode = Monitor.Mode.AUTO;
        private double minDelta = 1e-4;
        private double factor = 0.1;
        private int patience = 10;
        private int cooldown;
        private double minRate;

        private Builder() {}

        /** The watched key (default {@code val_loss}). */
        public Builder monitor(String key) {
            this.monitor = key;
            return this;
        }

        /** Whether lower or higher is better (default: from the key). */
        public Builder mode(Monitor.Mode mode) {
            this.mode = mode;
            return this;
        }

        /** The change that counts as an improvement (default 1e-4, as Keras). */
        public Builder minDelta(double minDelta) {
            this.minDelta = minDelta;
            return this;
        }

        /** What the rate is multiplied by, in (0, 1) (default 0.1). */
        public Builder factor(double factor) {
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("the factor must lie strictly between 0 and 1, got " + factor);
            }
            this.factor = factor;
            return this;
        }

        /** Epochs without improvement before a reduction, ≥ 1 (default 10). */
        public Builder patience(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("the patience must be at least 1 epoch, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /** Epochs after a reduction during which no epoch counts as waiting (default 0). */
        public Builder cooldown(int cooldown) {
            if (cooldown < 0) {
                throw new IllegalArgumentException("the cooldown must be ≥ 0 epochs, got " + cooldown);
            }
            this.cooldown = cooldown;
            return this;
        }

        /** The lowest rate a reduction may set (default 0). */
        public Builder minRate(double minRate) {
            if (!(minRate >= 0)) {
                throw new IllegalArgumentException("the minimum rate must be ≥ 0, got " + minRate);
            }
            this.minRate = minRate;
            return this;
        }

        /** Builds the listener. */
        public ReduceLROnPlateau build() {
            return new ReduceLROnPlateau(this);
        }
    }
}

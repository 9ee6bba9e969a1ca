package org.atelier.core.study;

import java.util.Optional;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;

/**
 * When a run first reaches a target, counted in epochs and in parameter updates: how full-batch
 * and mini-batch gradient descent are compared on equal terms.
 */
public final class Convergence {

    private Convergence() {}

    /**
     * The first epoch whose validation loss is at or below a target.
     *
     * @param history the run
     * @param targetValLoss the validation loss to reach
     * @return that epoch's record (its {@code epoch()} and cumulative {@code steps()}), or empty if
     *     the run never reached the target
     */
    public static Optional<EpochRecord> firstReaching(History history, double targetValLoss) {
        return history.epochs().stream().filter(e -> e.valLoss() <= targetValLoss).findFirst();
    }
}

package org.atelier.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;

/** Comparing training histories across executors: the same trial must give the same numbers wherever it runs. */
public final class Histories {

    private Histories() {}

    /**
     * Asserts that every number of every epoch is equal bit for bit; only the seconds may differ.
     *
     * @param expected e.g. the in-process history
     * @param actual e.g. the history of a worker JVM or a Spark executor
     */
    public static void assertBitIdentical(History expected, History actual) {
        assertEquals(expected.epochs().size(), actual.epochs().size());
        assertEquals(expected.stoppedEarly(), actual.stoppedEarly());
        for (int e = 0; e < expected.epochs().size(); e++) {
            assertEquals(withoutSeconds(expected.epochs().get(e)), withoutSeconds(actual.epochs().get(e)), "epoch " + e);
        }
    }

    private static EpochRecord withoutSeconds(EpochRecord r) {
        // record equality compares doubles bit for bit (Double.compare), NaN included
        return new EpochRecord(r.epoch(), r.trainLoss(), r.trainAccuracy(), r.valLoss(), r.valAccuracy(),
                r.learningRate(), 0, r.steps());
    }
}

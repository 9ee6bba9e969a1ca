package org.atelier.core.training;

/**
 * Where the current epoch stands, as seen by {@link FitListener#onBatchEnd}. The counters are free;
 * the running means read device accumulators, so a listener should ask for them only now and then
 * (as {@link ProgressPrinter} does), not after every batch.
 */
public interface BatchProgress {

    /** The epoch number, 1-based. */
    int epoch();

    /** Batches done in this epoch, 1-based. */
    int batch();

    /** Batches in this epoch. */
    int batches();

    /** Nanoseconds since the epoch began. */
    long elapsedNanos();

    /** Mean training loss over this epoch's batches so far (a device sync). */
    double runningLoss();

    /** Training accuracy over this epoch's samples so far (a device sync). */
    double runningAccuracy();
}

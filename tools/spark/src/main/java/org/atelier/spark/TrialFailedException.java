package org.atelier.spark;

/**
 * Thrown on an executor when a trial returned a failed result, so that Spark retries the task
 * ({@code spark.task.maxFailures}) as it would after an exception; its message is the trial's
 * one-line error, which the driver records once the retries are spent.
 */
public final class TrialFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param trialError the failed trial's error
     */
    public TrialFailedException(String trialError) {
        super(trialError);
    }
}

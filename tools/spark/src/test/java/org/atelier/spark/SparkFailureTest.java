package org.atelier.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkException;
import org.atelier.core.AtelierException;
import org.junit.jupiter.api.Test;

/**
 * The line a trial is recorded with when its job failed, from the messages Spark 3.5 gives (no
 * Spark started), and the masters the executor refuses.
 */
class SparkFailureTest {

    @Test
    void aTrialErrorIsKeptWithTheNumberOfAttempts() {
        SparkException aborted = new SparkException("Job aborted due to stage failure: Task 0 in stage 1.0 failed 4 times,"
                + " most recent failure: Lost task 0.3 in stage 1.0 (TID 7) (192.0.2.2 executor 1):"
                + " org.atelier.spark.TrialFailedException: this recipe fails on purpose\n\tat org.atelier.spark.TrialTask.run"
                + "(TrialTask.java:68)\n\nDriver stacktrace:");
        assertEquals("this recipe fails on purpose (Spark tried it 4 times)", SparkTrialExecutor.failure(aborted));
    }

    @Test
    void theCauseIsReadWhenSparkKeepsIt() {
        SparkException aborted = new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 2 times",
                new TrialFailedException("unknown model factory 'x'"));
        assertEquals("unknown model factory 'x' (Spark tried it 2 times)", SparkTrialExecutor.failure(aborted));
    }

    @Test
    void aLostExecutorIsNamedWithItsExitCode() {
        SparkException aborted = new SparkException("Job aborted due to stage failure: Task 0 in stage 2.0 failed 4 times,"
                + " most recent failure: Lost task 0.3 in stage 2.0 (TID 5) (192.0.2.2 executor 4): ExecutorLostFailure"
                + " (executor 4 exited caused by one of the running tasks) Reason: Command exited with code 137\n"
                + "Driver stacktrace:");
        assertEquals("ExecutorLostFailure (executor 4 exited caused by one of the running tasks) Reason: Command exited"
                + " with code 137 (Spark tried it 4 times)", SparkTrialExecutor.failure(aborted));
    }

    @Test
    void aCancelledJobKeepsSparksFirstLine() {
        assertEquals("Job 3 cancelled because SparkContext was shut down",
                SparkTrialExecutor.failure(new SparkException("Job 3 cancelled because SparkContext was shut down\nmore")));
    }

    @Test
    void localMastersAreRefusedBecauseTrialsWouldShareOneRandomGenerator() {
        AtelierException e = assertThrows(AtelierException.class, () -> new SparkTrialExecutor(2, "local[2]"));
        assertTrue(e.getMessage().contains("leave --master out to run Spark embedded"), e.getMessage());
    }
}

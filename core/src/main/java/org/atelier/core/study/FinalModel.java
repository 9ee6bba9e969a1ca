package org.atelier.core.study;

import org.atelier.core.study.TestSetEvaluation;
import org.atelier.core.training.History;

/**
 * A final model of a study: the kept seed, its refinement with a smaller rate, its test-set
 * evaluation and its parameters file.
 *
 * @param seed the seed of the kept run
 * @param rate the learning rate of the first stage
 * @param firstStage the kept run's history
 * @param refinement the refinement's history (epoch 0 = the kept parameters)
 * @param test the test-set evaluation after the refinement
 * @param testFiles the files of the evaluation
 * @param paramsFile the {@code .params} file, relative to the run directory
 * @param parameters the number of parameter values
 */
public record FinalModel(long seed, double rate, History firstStage, History refinement, TestSetEvaluation test,
        TestSetEvaluation.Files testFiles, String paramsFile, long parameters) {

    /** The training time of both stages, in seconds. */
    public double trainingSeconds() {
        return firstStage.totalSeconds() + refinement.totalSeconds();
    }

    /** The epochs of both stages that led to the kept parameters. */
    public int epochs() {
        return firstStage.bestEpoch() + refinement.bestEpoch();
    }
}

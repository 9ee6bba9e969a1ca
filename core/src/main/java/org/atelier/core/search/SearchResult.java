package org.atelier.core.search;

import java.util.Optional;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;

/**
 * What a search found: the scores of every candidate and, when it refitted, the best candidate's
 * refit trial and its result (with the test set evaluated after its last epoch).
 *
 * @param search the search
 * @param cvResults the scores ({@code cv_results_}, {@code best_params_}, {@code best_score_})
 * @param refitTrial the refit's trial, or null without refit
 * @param refitResult the refit's result, or null without refit
 */
public record SearchResult(HyperparameterSearch search, CvResults cvResults, TrialSpec refitTrial,
        TrialResult refitResult) {

    /** sklearn's {@code best_score_}. */
    public double bestScore() {
        return cvResults.bestScore();
    }

    /** The refit's result, if the search refitted. */
    public Optional<TrialResult> refit() {
        return Optional.ofNullable(refitResult);
    }

    /**
     * The refitted best candidate's accuracy on the test set.
     *
     * @return the accuracy after its last epoch
     * @throws IllegalStateException if the search did not refit
     */
    public double testAccuracy() {
        if (refitResult == null) {
            throw new IllegalStateException("search " + search.name() + " did not refit; build it with optRefit(true)");
        }
        var curve = refitResult.requireTestCurve();
        return curve.accuracy()[curve.accuracy().length - 1];
    }
}

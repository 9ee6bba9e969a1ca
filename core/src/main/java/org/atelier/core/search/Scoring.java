package org.atelier.core.search;

import org.atelier.core.trial.TrialResult;

/**
 * What a search maximizes on each held-out split, by scikit-learn's scorer names: {@link
 * #ACCURACY} (sklearn's default for classifiers) or {@link #NEG_LOG_LOSS} (the validation
 * cross-entropy, negated so that higher is better, as sklearn's {@code neg_log_loss}).
 */
public enum Scoring {
    /** The share of held-out images classified correctly ({@code val_accuracy}). */
    ACCURACY("accuracy", "val_accuracy", 1),
    /** The negated cross-entropy on the held-out images ({@code −val_loss}). */
    NEG_LOG_LOSS("neg_log_loss", "val_loss", -1);

    private final String scorer;
    private final String metric;
    private final double sign;

    Scoring(String scorer, String metric, double sign) {
        this.scorer = scorer;
        this.metric = metric;
        this.sign = sign;
    }

    /** The scorer's name as sklearn spells it. */
    public String scorerName() {
        return scorer;
    }

    /**
     * The score of one (candidate, split) trial: NaN for a trial that failed or whose metric is not
     * a number (sklearn's {@code error_score=np.nan}).
     *
     * @param result the trial's result
     * @return the score, higher is better
     */
    public double score(TrialResult result) {
        if (!result.succeeded()) {
            return Double.NaN;
        }
        return sign * result.metrics().getOrDefault(metric, Double.NaN);
    }
}

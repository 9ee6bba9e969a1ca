package org.atelier.core.study;

import java.util.List;
import org.atelier.core.stats.MeanStd;

/**
 * Rules that pick one configuration out of several measured over seeds.
 */
public final class ModelSelection {

    private ModelSelection() {}

    /**
     * The "one standard deviation" rule for a score where higher is better (e.g. validation
     * accuracy): find the configuration with the best mean, then return the smallest configuration
     * whose mean lies within one standard deviation (of the best) of it. Differences smaller than
     * the seed-to-seed spread are not evidence, so the cheaper model wins them.
     *
     * @param sizes the configuration sizes (e.g. hidden units), any order
     * @param scores the score of each size over seeds, same order
     * @return the index of the chosen size
     * @throws IllegalArgumentException if the lists are empty or differ in length
     */
    public static int smallestWithinOneStd(List<Integer> sizes, List<MeanStd> scores) {
        if (sizes.isEmpty() || sizes.size() != scores.size()) {
            throw new IllegalArgumentException("need one score per size, got " + sizes.size() + " sizes and "
                    + scores.size() + " scores");
        }
        int best = bestMean(scores);
        double threshold = scores.get(best).mean() - scores.get(best).std();
        int chosen = best;
        for (int i = 0; i < sizes.size(); i++) {
            if (scores.get(i).mean() >= threshold && sizes.get(i) < sizes.get(chosen)) {
                chosen = i;
            }
        }
        return chosen;
    }

    /**
     * The index of the best mean score (higher is better).
     *
     * @param scores the scores
     * @return the index of the highest mean
     */
    public static int bestMean(List<MeanStd> scores) {
        int best = 0;
        for (int i = 1; i < scores.size(); i++) {
            if (scores.get(i).mean() > scores.get(best).mean()) {
                best = i;
            }
        }
        return best;
    }
}

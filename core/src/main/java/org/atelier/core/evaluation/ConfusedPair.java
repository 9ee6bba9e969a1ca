package org.atelier.core.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Two classes a classifier mixes up, in both directions together: how many samples of either
 * were predicted as the other, and that count's share of both classes' samples. Ranking the
 * pairs of a confusion matrix by this share names the classes that overlap most.
 *
 * @param first the class with the smaller index
 * @param second the other class
 * @param firstName the first class's name
 * @param secondName the second class's name
 * @param count samples of {@code first} predicted as {@code second} plus the reverse
 * @param rate {@code count} over the samples of both classes (0 when they have none)
 */
public record ConfusedPair(int first, int second, String firstName, String secondName, long count, double rate) {

    /**
     * Every pair of classes of a confusion matrix, the most confused first (ties by class index).
     *
     * @param matrix the confusion matrix
     * @return {@code C(C − 1) / 2} pairs
     */
    public static List<ConfusedPair> ranked(ConfusionMatrix matrix) {
        List<ConfusedPair> pairs = new ArrayList<>();
        for (int a = 0; a < matrix.classCount(); a++) {
            for (int b = a + 1; b < matrix.classCount(); b++) {
                long count = matrix.count(a, b) + matrix.count(b, a);
                long support = matrix.support(a) + matrix.support(b);
                pairs.add(new ConfusedPair(a, b, matrix.classNames().get(a), matrix.classNames().get(b), count,
                        support == 0 ? 0 : (double) count / support));
            }
        }
        pairs.sort(Comparator.comparingDouble(ConfusedPair::rate).reversed()
                .thenComparingInt(ConfusedPair::first).thenComparingInt(ConfusedPair::second));
        return List.copyOf(pairs);
    }

    /** The pair as text, e.g. {@code Shirt – T-shirt/top}. */
    public String names() {
        return firstName + " – " + secondName;
    }
}

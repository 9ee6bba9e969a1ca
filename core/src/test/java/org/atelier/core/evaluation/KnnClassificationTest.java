package org.atelier.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.atelier.core.data.Fold;
import org.atelier.core.embedding.Neighbors;
import org.atelier.core.embedding.Points;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;

class KnnClassificationTest {

    /** The majority wins; a tie goes to the tied class whose member is nearest. */
    @Test
    void votesByMajorityAndBreaksTiesByTheNearest() {
        int[] labels = {0, 1, 2, 1, 0};
        Neighbors neighbors = new Neighbors(4, new int[] {
            0, 1, 3, 2, // class 1 has two votes
            2, 0, 4, 1, // classes 0 (two) beat 2 and 1
            1, 0, 4, 3, // 1 and 0 tie with two each: 1 is nearest
        }, new double[12]);
        assertArrayEquals(new int[] {1, 0, 1}, KnnClassification.vote(neighbors, labels, 3));
    }

    /** Two separated groups on a line: every held-out point is classified by its side. */
    @OnEachEngine
    void classifiesHeldOutPointsByTheirNeighbours(String engine) {
        float[] values = {0, 1, 2, 3, 10, 11, 12, 13};
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 1};
        Fold fold = new Fold(0, new int[] {0, 1, 3, 4, 6, 7}, new int[] {2, 5});
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            ConfusionMatrix matrix = KnnClassification.holdOut(manager, new Points(values, 8, 1), labels,
                    List.of("left", "right"), fold, 3, 2);
            assertEquals(2, matrix.total());
            assertEquals(1.0, matrix.accuracy());
        }
    }

    /** Pairs rank by the share of both classes' samples mixed up, in both directions together. */
    @Test
    void ranksConfusedPairsByTheirShare() {
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
        int[] predicted = {0, 0, 1, 2, 0, 1, 1, 1, 2, 2, 2, 2};
        List<ConfusedPair> pairs = ConfusedPair.ranked(ConfusionMatrix.of(actual, predicted, List.of("a", "b", "c")));
        assertEquals(3, pairs.size());
        assertEquals("a – b", pairs.get(0).names());
        assertEquals(2, pairs.get(0).count());
        assertEquals(0.25, pairs.get(0).rate());
        assertEquals("a – c", pairs.get(1).names());
        assertEquals(0.125, pairs.get(1).rate());
        assertEquals(0, pairs.get(2).count());
    }
}

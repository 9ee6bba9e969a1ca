package org.atelier.core.evaluation;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.data.Fold;
import org.atelier.core.embedding.NearestNeighbors;
import org.atelier.core.embedding.Neighbors;
import org.atelier.core.embedding.Points;

/**
 * How well a representation separates classes: each held-out point takes the majority class of
 * its {@code k} nearest fitting points (Euclidean distance, exact search), and the predictions are
 * counted against the true classes. The same fold on two representations (50-D features, their
 * 2-D t-SNE map) compares them on the same points.
 */
public final class KnnClassification {

    private KnnClassification() {}

    /**
     * Classifies a fold's held-out points by its fitting points.
     *
     * @param manager the engine that searches the neighbours
     * @param points every point
     * @param labels every point's class
     * @param classNames the class names, in class order
     * @param fold which points fit ({@link Fold#trainIndices()}) and which are held out ({@link Fold#testIndices()})
     * @param k neighbours that vote
     * @param threads host threads of the search
     * @return actual against predicted classes of the held-out points
     */
    public static ConfusionMatrix holdOut(NDManager manager, Points points, int[] labels, List<String> classNames,
            Fold fold, int k, int threads) {
        requireLabels(points, labels);
        return classify(manager, points.subset(fold.trainIndices()), select(labels, fold.trainIndices()),
                points.subset(fold.testIndices()), select(labels, fold.testIndices()), classNames, k, threads);
    }

    /**
     * Classifies query points by labelled reference points.
     *
     * @param manager the engine that searches the neighbours
     * @param references the labelled points
     * @param referenceLabels their classes
     * @param queries the points to classify, as many dimensions as the references
     * @param queryLabels their true classes
     * @param classNames the class names, in class order
     * @param k neighbours that vote
     * @param threads host threads of the search
     * @return actual against predicted classes of the queries
     */
    public static ConfusionMatrix classify(NDManager manager, Points references, int[] referenceLabels,
            Points queries, int[] queryLabels, List<String> classNames, int k, int threads) {
        requireLabels(references, referenceLabels);
        requireLabels(queries, queryLabels);
        Neighbors neighbors = NearestNeighbors.search(manager, references, queries, k, threads);
        return ConfusionMatrix.of(queryLabels, vote(neighbors, referenceLabels, classNames.size()), classNames);
    }

    private static void requireLabels(Points points, int[] labels) {
        if (labels.length != points.count()) {
            throw new AtelierException("kNN classification needs one label per point, got " + labels.length
                    + " labels for " + points.count() + " points");
        }
    }

    /**
     * The majority class among each query's neighbours; a tie goes to the tied class whose
     * member is nearest (the neighbours are ordered nearest first).
     *
     * @param neighbors each query's neighbours, nearest first
     * @param referenceLabels the class of each reference point
     * @param classes the number of classes
     * @return the predicted class of each query
     */
    public static int[] vote(Neighbors neighbors, int[] referenceLabels, int classes) {
        int[] predicted = new int[neighbors.queries()];
        int[] votes = new int[classes];
        for (int q = 0; q < predicted.length; q++) {
            Arrays.fill(votes, 0);
            int most = 0;
            for (int r = 0; r < neighbors.k(); r++) {
                most = Math.max(most, ++votes[referenceLabels[neighbors.index(q, r)]]);
            }
            for (int r = 0; r < neighbors.k(); r++) { // the nearest neighbour of a class with the most votes
                int c = referenceLabels[neighbors.index(q, r)];
                if (votes[c] == most) {
                    predicted[q] = c;
                    break;
                }
            }
        }
        return predicted;
    }

    private static int[] select(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }
}

package org.atelier.core.evaluation;

import ai.djl.ndarray.NDManager;
import org.atelier.core.data.LabeledData;
import org.atelier.core.embedding.NearestNeighbors;
import org.atelier.core.embedding.Points;

/**
 * k-nearest-neighbour classification of feature rows (Euclidean distance, exact search): fitting
 * keeps the training rows, predicting lets each sample's {@code k} nearest training rows vote
 * ({@link KnnClassification#vote}: majority, ties to the nearest). scikit-learn's {@code
 * KNeighborsClassifier(k)} breaks ties by the lower class index instead; the two differ only on
 * ties. Distances depend on the features' units, so unscaled features with large ranges dominate
 * the vote: pair it with {@link Classifier#standardized()}.
 */
public final class NearestNeighborClassifier implements Classifier {

    private final NDManager manager;
    private final int k;
    private final int threads;

    /**
     * Describes the classifier.
     *
     * @param manager the engine that computes the distances
     * @param k neighbours that vote, at least 1
     * @param threads host threads of the search
     */
    public NearestNeighborClassifier(NDManager manager, int k, int threads) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + " neighbours; at least 1 must vote");
        }
        this.manager = manager;
        this.k = k;
        this.threads = threads;
    }

    @Override
    public String name() {
        return k + "-NN";
    }

    @Override
    public Fitted fit(LabeledData train) {
        if (train.size() < k) {
            throw new IllegalArgumentException(train.name() + " has " + train.size() + " samples, fewer than k = " + k);
        }
        Points references = points(train);
        int[] labels = train.labels();
        int classes = train.numClasses();
        return data -> KnnClassification.vote(NearestNeighbors.search(manager, references, points(data), k, threads),
                labels, classes);
    }

    private static Points points(LabeledData data) {
        return new Points(data.featureValues(), data.size(), data.featureCount());
    }
}

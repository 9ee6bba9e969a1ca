package org.atelier.experiments.study2;

import java.util.List;
import org.atelier.core.evaluation.ConfusedPair;
import org.atelier.core.evaluation.ConfusionMatrix;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How well the fc1 features separate the classes, in their own 50 dimensions and in the 2-D
 * t-SNE map: k-nearest-neighbour classification of the same held-out training images in both,
 * and of the test images by all embedded training images' features.
 *
 * @param k neighbours that vote
 * @param fitting points the held-out ones are classified by
 * @param features the held-out points' kNN confusion matrix in the 50-D feature space
 * @param map the same in the 2-D map
 * @param test the test images' kNN confusion matrix in the 50-D feature space, the embedded training images voting
 */
record FeatureQuality(int k, int fitting, ConfusionMatrix features, ConfusionMatrix map, ConfusionMatrix test) {

    /** How many of the most confused pairs the table lists. */
    static final int PAIRS = 5;

    /** The 2-D map's accuracy minus the features', in percentage points. */
    double gapPoints() {
        return 100 * (map.accuracy() - features.accuracy());
    }

    /** Whether the map keeps the features' kNN accuracy within one percentage point. */
    boolean mapKeepsAccuracy() {
        return Math.abs(gapPoints()) <= 1;
    }

    /** The class pairs that overlap most in the map, the most confused first. */
    List<ConfusedPair> mapPairs() {
        return ConfusedPair.ranked(map).subList(0, PAIRS);
    }

    /** The class pairs that overlap most in the 50-D features. */
    List<ConfusedPair> featurePairs() {
        return ConfusedPair.ranked(features).subList(0, PAIRS);
    }

    /**
     * The most confused pairs in the map with their confusion in both spaces: one row per pair.
     *
     * @return columns pair, held-out points of the pair, mixed up in 2-D (count and share), in 50-D
     */
    Table overlapTable() {
        List<ConfusedPair> ranked = ConfusedPair.ranked(map);
        List<ConfusedPair> inFeatures = ConfusedPair.ranked(features);
        StringColumn pair = StringColumn.create("class pair");
        IntColumn points = IntColumn.create("held-out points");
        IntColumn mapCount = IntColumn.create("mixed up in 2-D");
        DoubleColumn mapRate = DoubleColumn.create("share in 2-D (%)");
        IntColumn featureCount = IntColumn.create("mixed up in 50-D");
        DoubleColumn featureRate = DoubleColumn.create("share in 50-D (%)");
        for (ConfusedPair p : ranked.subList(0, PAIRS)) {
            ConfusedPair same = inFeatures.stream().filter(f -> f.first() == p.first() && f.second() == p.second())
                    .findFirst().orElseThrow();
            pair.append(p.names());
            points.append((int) (map.support(p.first()) + map.support(p.second())));
            mapCount.append((int) p.count());
            mapRate.append(100 * p.rate());
            featureCount.append((int) same.count());
            featureRate.append(100 * same.rate());
        }
        return Table.create("class overlap", pair, points, mapCount, mapRate, featureCount, featureRate);
    }

    /**
     * Per class: the share of its held-out points whose neighbours vote for it, in both spaces.
     *
     * @return columns class, held-out points, recall in 50-D and in 2-D (%)
     */
    Table perClassTable() {
        StringColumn name = StringColumn.create("class");
        IntColumn points = IntColumn.create("held-out points");
        DoubleColumn inFeatures = DoubleColumn.create("kNN recall in 50-D (%)");
        DoubleColumn inMap = DoubleColumn.create("kNN recall in 2-D (%)");
        for (int c = 0; c < map.classCount(); c++) {
            name.append(map.classNames().get(c));
            points.append((int) map.support(c));
            inFeatures.append(100 * features.recall(c));
            inMap.append(100 * map.recall(c));
        }
        return Table.create("kNN recall per class", name, points, inFeatures, inMap);
    }
}

package org.atelier.core.evaluation;

import java.util.Arrays;
import org.atelier.core.data.LabeledData;

/**
 * The baseline every classifier must beat: always the most frequent class of the training samples
 * (the lowest class index among equally frequent ones), whatever the features; scikit-learn's
 * {@code DummyClassifier(strategy="most_frequent")}. Its accuracy is the largest class's share.
 */
public final class MajorityClassifier implements Classifier {

    @Override
    public String name() {
        return "majority class";
    }

    @Override
    public Fitted fit(LabeledData train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException(train.name() + " is empty: no class is the most frequent");
        }
        int[] counts = train.classCounts();
        int majority = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[majority]) {
                majority = c;
            }
        }
        int predicted = majority;
        return data -> {
            int[] classes = new int[data.size()];
            Arrays.fill(classes, predicted);
            return classes;
        };
    }
}

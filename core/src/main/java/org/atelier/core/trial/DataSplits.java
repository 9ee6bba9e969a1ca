package org.atelier.core.trial;

import java.util.List;
import java.util.Objects;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Standardizer;

/**
 * What a {@link DataRecipe} prepares, in host memory: the training split, and optionally a
 * validation split, a test set and the standardizer fitted on the training split.
 *
 * @param train the training split
 * @param validation the validation split, or null
 * @param test the test set, or null
 * @param standardizer the standardizer applied to every part, or null if none was
 */
public record DataSplits(LabeledData train, LabeledData validation, LabeledData test, Standardizer standardizer) {

    /** Checks that there is training data. */
    public DataSplits {
        Objects.requireNonNull(train, "train");
    }

    /** The class names, in label order. */
    public List<String> classNames() {
        return train.classNames();
    }
}

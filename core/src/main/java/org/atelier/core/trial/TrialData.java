package org.atelier.core.trial;

import java.util.List;
import org.atelier.core.data.Standardizer;
import org.atelier.core.training.LabeledArrays;

/**
 * A trial's data as arrays on the backend's device, as {@link Trials#data} keeps it for the
 * process: shared by every trial with the same {@link DataSpec}, so it must not be closed or
 * changed.
 *
 * @param train the training split
 * @param validation the validation split, or null
 * @param test the test set, or null
 * @param classNames the class names in label order
 * @param standardizer the standardizer fitted on the training split, or null
 */
public record TrialData(LabeledArrays train, LabeledArrays validation, LabeledArrays test, List<String> classNames,
        Standardizer standardizer) {}

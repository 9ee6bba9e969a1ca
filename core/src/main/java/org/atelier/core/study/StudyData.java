package org.atelier.core.study;

import java.util.List;
import org.atelier.core.training.LabeledArrays;

/**
 * The three splits a study trains, selects and tests on, as arrays, with the class names. A
 * study's own data type (e.g. with its preprocessing statistics) implements it.
 */
public interface StudyData {

    /** The training split. */
    LabeledArrays train();

    /** The validation split: learning rates, epochs and seeds are chosen on it. */
    LabeledArrays validation();

    /** The test set: only final models see it. */
    LabeledArrays test();

    /** The class names, by label index. */
    List<String> classNames();
}

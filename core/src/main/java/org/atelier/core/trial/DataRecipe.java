package org.atelier.core.trial;

import java.util.Map;
import org.atelier.core.AtelierException;
import org.atelier.core.data.DataLocator;

/** Loads and prepares a trial's data from its string arguments: what a {@link DataSpec} names. */
@FunctionalInterface
public interface DataRecipe {

    /**
     * Loads the data: splits, subsets, preprocessing. {@link Trials} calls it once per process for
     * each distinct spec and keeps the result, so it may take a second or two.
     *
     * @param args the spec's arguments (read them with {@link Arguments})
     * @param data where the dataset files are
     * @return the splits
     * @throws AtelierException for arguments it cannot use or data that is missing
     */
    DataSplits load(Map<String, String> args, DataLocator data);
}

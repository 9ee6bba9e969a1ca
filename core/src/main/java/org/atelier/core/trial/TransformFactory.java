package org.atelier.core.trial;

import ai.djl.translate.Transform;
import java.util.Map;
import org.atelier.core.AtelierException;

/** Creates a batch transform (augmentation) from its string arguments: what a {@link TransformSpec} names. */
@FunctionalInterface
public interface TransformFactory {

    /**
     * Creates the transform for one trial.
     *
     * @param args the spec's arguments (read them with {@link Arguments})
     * @param seed the trial's seed, for the transform's own random generator
     * @return the transform of whole training batches
     * @throws AtelierException for arguments it cannot use
     */
    Transform create(Map<String, String> args, long seed);
}

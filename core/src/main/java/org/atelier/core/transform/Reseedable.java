package org.atelier.core.transform;

/**
 * A random batch transform whose generator can be reset to a new seed. {@code Training.fit}
 * resets it at the start of every epoch to a seed derived from the fit's seed and the epoch, so
 * that the augmentation of epoch {@code k} does not depend on the epochs before it: a fit resumed
 * from a backup after epoch {@code k - 1} then augments epoch {@code k} exactly as an
 * uninterrupted fit does. Every random transform in this package is reseedable, and so is a
 * {@link TransformPipeline} of them; DJL's own {@code Pipeline} is not.
 */
public interface Reseedable {

    /**
     * Resets the generator: what the transform draws from now on depends only on {@code seed}
     * and the sizes of the batches it is given.
     *
     * @param seed the new seed
     */
    void reseed(long seed);
}

package org.atelier.core.training;

/**
 * The seeds of one epoch's randomness, derived from the fit's seed and the epoch's number alone:
 * the batch order, the engine's generator (dropout) and the batch transform's generator. Because
 * nothing an epoch draws depends on the epochs before it, a fit resumed from a {@link
 * TrainingBackup} after epoch {@code k} draws in epoch {@code k + 1} exactly what an uninterrupted
 * fit draws there. Keras's {@code BackupAndRestore} has the same need and leaves it to the user
 * ({@code tf.random.set_seed} per epoch); here the loop does it.
 *
 * <p>Each purpose gets its own stream, so that the batch order of epoch {@code k} is not
 * correlated with its dropout masks. The mixing is SplitMix64's finalizer (what {@link
 * java.util.SplittableRandom} uses), applied to the seed, the epoch and the purpose.
 */
final class EpochSeeds {

    /** The seed of the epoch's permutation of the training samples. */
    static final int SHUFFLE = 1;
    /** The seed the engine's generator is reset to when the epoch begins (dropout and other random layers). */
    static final int ENGINE = 2;
    /** The seed a {@link org.atelier.core.transform.Reseedable} batch transform is reset to when the epoch begins. */
    static final int TRANSFORM = 3;

    private EpochSeeds() {}

    /**
     * The seed of one purpose in one epoch.
     *
     * @param seed the fit's seed
     * @param epoch the epoch, 1-based
     * @param purpose {@link #SHUFFLE}, {@link #ENGINE} or {@link #TRANSFORM}
     * @return the derived seed
     */
    static long of(long seed, int epoch, int purpose) {
        long z = mix(seed + 0x9E3779B97F4A7C15L * epoch);
        return mix(z + 0xBF58476D1CE4E5B9L * purpose);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

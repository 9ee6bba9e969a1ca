/**
 * Augmentations of whole training batches.
 *
 * <p>A transform here is a DJL {@link ai.djl.translate.Transform} over a whole batch: an {@code
 * (N, C, H, W)} array of images, or {@code (N, H, W)} / {@code (N, features)} where the operation
 * makes sense, the first axis always being the samples. The training loop applies it to every
 * training batch once the batch is gathered, on the batch's device, before the forward pass; it
 * never touches validation or test data. Each transform is a few vectorized operations on the
 * batch, never a per-sample {@code NDArray} or a Java loop over pixels, and its results belong to
 * the batch's manager, so they are freed with the batch.
 *
 * <p>Transforms compose with DJL's {@link ai.djl.translate.Pipeline}. Their randomness comes from
 * a {@link java.util.SplittableRandom} seeded once at construction and drawn on the host (a few
 * values per batch), not from the engine's generator: the same seed gives the same augmentation of
 * the same batch sequence on every engine and device, so a run is reproducible and engines can be
 * compared on identical work. A transform therefore has state; use one instance per training run.
 * Every one is {@link org.atelier.core.transform.Reseedable}: the training loop resets its
 * generator at each epoch's start from the fit's seed and the epoch, so that a fit resumed from a
 * backup augments exactly as an uninterrupted one.
 */
package org.atelier.core.transform;

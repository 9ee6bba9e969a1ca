package org.atelier.core.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The gather that {@link RandomCrop} and {@link RandomAffine} share: every output pixel is one
 * pixel of the batch, by its linear index, or zero. The batch is flattened behind a single zero,
 * so source index {@code i} reads pixel {@code i - 1} and index 0 reads the zero; a flat {@code
 * take} is the one gather that behaves the same on PyTorch and MXNet in DJL 0.35 (MXNet has no
 * {@code gather} or {@code pad}).
 */
final class ZeroPaddedTake {

    private ZeroPaddedTake() {}

    /**
     * Gathers from the batch.
     *
     * @param batch the batch; its manager owns the result
     * @param index one index per output pixel (0 = zero, {@code i} = the batch's flat pixel
     *     {@code i - 1}), in the output's shape, owned by {@code scratch}
     * @param scratch a sub-manager of the batch's manager that the caller closes; the flattened
     *     copy lives there
     * @return the gathered array, attached to the batch's manager
     */
    static NDArray take(NDArray batch, NDArray index, NDManager scratch) {
        NDArray flattened = batch.reshape(-1);
        // reshape puts its result in the batch's manager; it must go with the scratch
        flattened.attach(scratch);
        NDArray flat = scratch.zeros(new Shape(1), batch.getDataType()).concat(flattened);
        NDArray result = flat.take(index);
        result.attach(batch.getManager());
        return result;
    }
}

package org.atelier.core.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Transform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What the batch-transform tests share: inputs, repeated outputs and a leak check. */
final class TransformTesting {

    private TransformTesting() {}

    /** A batch of the values 1, 2, 3, … in the given shape: every pixel tells where it came from. */
    static NDArray ascending(NDManager manager, Shape shape, DataType type) {
        return manager.arange(1, (int) shape.size() + 1, 1, type).reshape(shape);
    }

    /** Five successive transformed batches of ascending images, as values. */
    static List<float[]> outputs(NDManager manager, Transform transform, Shape images) {
        List<float[]> outputs = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            try (NDManager batchManager = manager.newSubManager()) {
                outputs.add(transform.transform(ascending(batchManager, images, DataType.FLOAT32)).toFloatArray());
            }
        }
        return outputs;
    }

    /** Arrays are told apart by uid: MXNet's {@code NDArray.equals} and {@code hashCode} compute new arrays. */
    static Set<String> uids(NDManager manager) {
        return manager.getManagedArrays().stream().map(NDArray::getUid).collect(Collectors.toCollection(HashSet::new));
    }
}

package org.atelier.core.training.listener;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.training.ArrayCopy;
import org.atelier.core.training.StoredArray;

/**
 * A copy of a block's parameter values kept on the device, to return to the best epoch's
 * parameters without writing files. The copies are allocated once and overwritten in place.
 */
final class ParameterSnapshot implements AutoCloseable {

    private final NDManager manager;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> copies = new ArrayList<>();

    ParameterSnapshot(Block block, NDManager parent) {
        this.manager = parent.newSubManager();
        for (Parameter parameter : block.getParameters().values()) {
            parameters.add(parameter);
        }
    }

    /** Copies the current values into the snapshot. */
    void take() {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray value = parameters.get(i).getArray();
            if (copies.size() <= i) {
                NDArray copy = value.duplicate();
                copy.attach(manager);
                copies.add(copy);
            } else {
                ArrayCopy.into(value, copies.get(i));
            }
        }
    }

    /** Whether {@link #take()} was called. */
    boolean isTaken() {
        return !copies.isEmpty();
    }

    /** Copies the snapshot back into the parameters. */
    void restore() {
        for (int i = 0; i < copies.size(); i++) {
            ArrayCopy.into(copies.get(i), parameters.get(i).getArray());
        }
    }

    /** The snapshot's values on the host, for a training backup; empty if none was taken. */
    List<StoredArray> stored() {
        return copies.stream().map(StoredArray::of).toList();
    }

    /**
     * Sets the snapshot to stored values, as if {@link #take()} had been called when they were current.
     *
     * @param values what {@link #stored()} returned in an earlier fit of the same model
     */
    void restoreStored(List<StoredArray> values) {
        if (!values.isEmpty() && values.size() != parameters.size()) {
            throw new IllegalArgumentException("a stored snapshot of " + values.size() + " arrays cannot fill one of "
                    + parameters.size() + " parameters");
        }
        for (int i = 0; i < values.size(); i++) {
            if (copies.size() <= i) {
                NDArray copy = values.get(i).toArray(manager);
                copies.add(copy);
            } else {
                values.get(i).copyInto(copies.get(i));
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

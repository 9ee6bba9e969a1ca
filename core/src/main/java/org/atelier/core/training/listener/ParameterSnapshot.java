package org.atelier.core.training.listener;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

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
                value.copyTo(copies.get(i));
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
            copies.get(i).copyTo(parameters.get(i).getArray());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Copies one array's values into another in place, on the device.
 *
 * <p>Not DJL's {@link NDArray#copyTo}: with PyTorch it goes through the JNI call that sets an
 * array from a buffer, which enters libtorch's deprecated {@code AutoNonVariableTypeMode} and
 * makes libtorch 2.7.1 print "AutoNonVariableTypeMode is deprecated …" on stderr, a warning no
 * environment variable silences there ({@code TORCH_CPP_LOG_LEVEL} is read only by {@code
 * c10::initLogging}, which DJL never calls). An indexed assignment of the whole array ({@code
 * target[...] = source}) is one device copy, keeps the target's gradient, and prints nothing. MXNet
 * does not assign a 0-dimensional array that way, so a scalar goes through {@code copyTo} there.
 */
public final class ArrayCopy {

    private static final NDIndex ALL = new NDIndex("...");

    private ArrayCopy() {}

    /**
     * Copies {@code source}'s values into {@code target}.
     *
     * @param source the values
     * @param target an array of the same shape, overwritten in place
     */
    public static void into(NDArray source, NDArray target) {
        if (target.getShape().dimension() == 0 && !"PyTorch".equals(target.getManager().getEngine().getEngineName())) {
            source.copyTo(target);
        } else {
            target.set(ALL, source);
        }
    }
}

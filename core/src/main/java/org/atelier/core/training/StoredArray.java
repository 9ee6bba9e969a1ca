package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The exact value of an {@link NDArray} on the host: its shape, data type and raw bytes, so that
 * it can be written to a file and become the same array again, bit for bit, on any device of the
 * same engine. What a {@link TrainingBackup} keeps of parameters and optimizer state.
 *
 * @param shape the dimensions
 * @param dataType the DJL data type's name, e.g. {@code FLOAT32}
 * @param bytes the values in the platform's native byte order, as {@link NDArray#toByteBuffer()} gives them
 */
public record StoredArray(long[] shape, String dataType, byte[] bytes) implements Serializable {

    /**
     * Copies an array's value to the host.
     *
     * @param array the array
     * @return its value
     */
    public static StoredArray of(NDArray array) {
        ByteBuffer buffer = array.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new StoredArray(array.getShape().getShape(), array.getDataType().name(), bytes);
    }

    /** The shape as DJL's type. */
    public Shape toShape() {
        return new Shape(shape);
    }

    /**
     * A new array holding this value.
     *
     * @param manager the manager (and so the device) of the new array
     * @return the array
     */
    public NDArray toArray(NDManager manager) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
        buffer.put(bytes).rewind();
        return manager.create(buffer, toShape(), DataType.valueOf(dataType));
    }

    /**
     * Writes this value into an existing array in place ({@link ArrayCopy#into}), keeping the
     * array itself (and so its gradient and where it is referenced from).
     *
     * @param target an array of the same shape and data type
     * @throws IllegalArgumentException if shape or data type differ
     */
    public void copyInto(NDArray target) {
        if (!target.getShape().equals(toShape()) || !target.getDataType().name().equals(dataType)) {
            throw new IllegalArgumentException("cannot copy a stored " + dataType + " " + toShape() + " into a "
                    + target.getDataType() + " " + target.getShape());
        }
        try (NDManager temporary = target.getManager().newSubManager()) {
            ArrayCopy.into(toArray(temporary), target);
        }
    }

    /** Equal shape, type and bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredArray that && Arrays.equals(shape, that.shape) && dataType.equals(that.dataType)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + dataType.hashCode()) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "StoredArray(" + dataType + " " + toShape() + ")";
    }
}

package org.atelier.core.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atelier.core.AtelierException;

/**
 * The state of a DJL {@link Optimizer} between two updates, by parameter name: its update counts
 * (which Adam's bias correction and every learning-rate schedule read) and its per-parameter
 * arrays (SGD's momentum, Adam's first and second moments, RMSProp's and Adagrad's sums).
 *
 * <p>DJL has no counterpart of PyTorch's {@code optimizer.state_dict()}: its optimizers keep this
 * state in private fields. This class reads and writes those fields by reflection, and only by
 * their shape, not their names, so it covers every DJL optimizer alike: a {@code Map} from
 * parameter id to an {@code Integer} (update counts), a {@code Map} from parameter id to a {@code
 * Map<Device, NDArray>} (state arrays), and the non-final primitive fields (e.g. the highest
 * update count so far). Parameter ids are random per model instance, so the state is stored by
 * the parameters' names in the block and mapped back to the ids of the model it is restored into.
 * A field of any other kind is configuration, set by the optimizer's builder, and left alone.
 *
 * @param scalars the non-final primitive fields by {@code Class.field}
 * @param counts the update-count maps by field, each by parameter name
 * @param arrays the state-array maps by field, each by parameter name
 */
record OptimizerState(Map<String, Serializable> scalars, Map<String, Map<String, Integer>> counts,
        Map<String, Map<String, StoredArray>> arrays) implements Serializable {

    /**
     * Reads an optimizer's state.
     *
     * @param optimizer the optimizer
     * @param names the name of each parameter by its id
     * @return the state
     * @throws AtelierException if the optimizer keeps state on several devices or in a form this class does not know
     */
    static OptimizerState of(Optimizer optimizer, Map<String, String> names) {
        Map<String, Serializable> scalars = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        Map<String, Map<String, StoredArray>> arrays = new LinkedHashMap<>();
        for (Field field : stateFields(optimizer)) {
            Object value = get(field, optimizer);
            String key = key(field);
            if (field.getType().isPrimitive()) {
                scalars.put(key, (Serializable) value);
                continue;
            }
            Map<String, Integer> countMap = new LinkedHashMap<>();
            Map<String, StoredArray> arrayMap = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                String name = names.get(String.valueOf(entry.getKey()));
                if (name == null) {
                    throw unsupported(optimizer, field, "it has state for a parameter the model does not have");
                }
                if (entry.getValue() instanceof Integer count) {
                    countMap.put(name, count);
                } else if (entry.getValue() instanceof Map<?, ?> byDevice && byDevice.size() == 1
                        && byDevice.values().iterator().next() instanceof NDArray array) {
                    arrayMap.put(name, StoredArray.of(array));
                } else {
                    throw unsupported(optimizer, field, "its values are neither counts nor one array per parameter"
                            + " (a backup keeps the state of training on one device)");
                }
            }
            if (!arrayMap.isEmpty()) {
                arrays.put(key, arrayMap);
            } else {
                counts.put(key, countMap);
            }
        }
        return new OptimizerState(scalars, counts, arrays);
    }

    /**
     * Puts this state into an optimizer of the same kind that has made no update yet.
     *
     * @param optimizer the optimizer, built like the one the state was read from
     * @param parameters the model's parameters by name; state arrays go to each one's device
     * @throws AtelierException if the optimizer is of another kind or a parameter is missing
     */
    void restore(Optimizer optimizer, Map<String, Parameter> parameters) {
        for (Field field : stateFields(optimizer)) {
            String key = key(field);
            if (field.getType().isPrimitive()) {
                if (!scalars.containsKey(key)) {
                    throw unsupported(optimizer, field, "the backup was written by another kind of optimizer");
                }
                set(field, optimizer, scalars.get(key));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) get(field, optimizer);
            map.clear();
            if (counts.containsKey(key)) {
                counts.get(key).forEach((name, count) -> map.put(parameter(parameters, name).getId(), count));
            } else if (arrays.containsKey(key)) {
                arrays.get(key).forEach((name, stored) -> {
                    NDArray weight = parameter(parameters, name).getArray();
                    Map<Device, NDArray> byDevice = new ConcurrentHashMap<>();
                    byDevice.put(weight.getDevice(), stored.toArray(weight.getManager()));
                    map.put(parameter(parameters, name).getId(), byDevice);
                });
            } else {
                throw unsupported(optimizer, field, "the backup was written by another kind of optimizer");
            }
        }
    }

    private static Parameter parameter(Map<String, Parameter> parameters, String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new AtelierException("the backup holds optimizer state for parameter " + name
                    + ", which this model does not have; it belongs to another model");
        }
        return parameter;
    }

    /** The fields that hold state: maps, and non-final primitives, of every class from the optimizer's up. */
    private static List<Field> stateFields(Optimizer optimizer) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> type = optimizer.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers)) {
                    continue;
                }
                boolean primitive = field.getType().isPrimitive() && !Modifier.isFinal(modifiers);
                if (primitive || Map.class.isAssignableFrom(field.getType())) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static String key(Field field) {
        return field.getDeclaringClass().getName() + "." + field.getName();
    }

    private static Object get(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (IllegalAccessException | InaccessibleObjectException e) {
            throw new IllegalStateException("cannot read " + key(field) + " of the optimizer: " + e.getMessage(), e);
        }
    }

    private static void set(Field field, Object target, Object value) {
        try {
            field.setAccessible(true);
            field.set(target, value);
        } catch (IllegalAccessException | InaccessibleObjectException e) {
            throw new IllegalStateException("cannot set " + key(field) + " of the optimizer: " + e.getMessage(), e);
        }
    }

    private static AtelierException unsupported(Optimizer optimizer, Field field, String why) {
        return new AtelierException("cannot back up the state of " + optimizer.getClass().getSimpleName() + " ("
                + key(field) + "): " + why);
    }
}

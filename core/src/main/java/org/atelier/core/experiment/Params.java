package org.atelier.core.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;

/**
 * The effective parameter values of one run: each parameter's default (or smoke default under
 * {@code --smoke}), replaced by any {@code --set key=value} override.
 *
 * <p>Accessors are typed; asking for a parameter with the wrong accessor, or for one the
 * experiment does not declare, is a programming error and throws {@link IllegalStateException}.
 */
public final class Params {

    private final Map<String, Param<?>> specs;
    private final Map<String, Object> values;

    private Params(Map<String, Param<?>> specs, Map<String, Object> values) {
        this.specs = specs;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Resolves the effective values of an experiment's parameters.
     *
     * @param experiment the experiment whose {@link Experiment#parameters()} are resolved
     * @param smoke whether smoke defaults replace the normal defaults
     * @param overrides {@code --set} values by parameter name, as typed
     * @return the effective values, in declaration order
     * @throws AtelierException for an unknown key (listing the valid ones) or an invalid value
     */
    public static Params resolve(Experiment experiment, boolean smoke, Map<String, String> overrides) {
        Map<String, Param<?>> specs = new LinkedHashMap<>();
        for (Param<?> p : experiment.parameters()) {
            if (specs.put(p.name(), p) != null) {
                throw new IllegalStateException("experiment " + experiment.name() + " declares parameter " + p.name() + " twice");
            }
        }
        for (String key : overrides.keySet()) {
            if (!specs.containsKey(key)) {
                throw new AtelierException(unknownKey(experiment.name(), key, specs));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param<?> p : specs.values()) {
            String override = overrides.get(p.name());
            values.put(p.name(), override != null ? p.parse(override) : smoke ? p.smokeDefault() : p.defaultValue());
        }
        return new Params(specs, values);
    }

    private static String unknownKey(String experiment, String key, Map<String, Param<?>> specs) {
        String valid = specs.isEmpty() ? "it has no parameters" : "valid keys: " + String.join(", ", specs.keySet());
        return "unknown parameter '" + key + "' for experiment " + experiment + "; " + valid
                + " (./atelier describe " + experiment + ")";
    }

    /** The value of an {@code int} parameter. */
    public int getInt(String name) {
        return (Integer) get(name, Param.Type.INT);
    }

    /** The value of a {@code long} parameter. */
    public long getLong(String name) {
        return (Long) get(name, Param.Type.LONG);
    }

    /** The value of a {@code double} parameter. */
    public double getDouble(String name) {
        return (Double) get(name, Param.Type.DOUBLE);
    }

    /** The value of a {@code boolean} parameter. */
    public boolean getBoolean(String name) {
        return (Boolean) get(name, Param.Type.BOOLEAN);
    }

    /** The value of a string or choice parameter. */
    public String getString(String name) {
        return (String) get(name, Param.Type.STRING, Param.Type.CHOICE);
    }

    /** The value of an int-list parameter, unmodifiable. */
    @SuppressWarnings("unchecked") // INT_LIST values are always List<Integer>
    public List<Integer> getInts(String name) {
        return (List<Integer>) get(name, Param.Type.INT_LIST);
    }

    /** The value of a double-list parameter, unmodifiable. */
    @SuppressWarnings("unchecked") // DOUBLE_LIST values are always List<Double>
    public List<Double> getDoubles(String name) {
        return (List<Double>) get(name, Param.Type.DOUBLE_LIST);
    }

    /** Every effective value by name, in declaration order, as summary.json records them. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(text.length() == 0 ? "" : " ")
                .append(name).append('=').append(specs.get(name).format(value)));
        return text.toString();
    }

    private Object get(String name, Param.Type... accepted) {
        Param<?> spec = specs.get(name);
        if (spec == null) {
            throw new IllegalStateException("no parameter named " + name + "; declared: " + specs.keySet());
        }
        for (Param.Type type : accepted) {
            if (spec.type() == type) {
                return values.get(name);
            }
        }
        throw new IllegalStateException("parameter " + name + " is of type " + spec.type().label()
                + ", not " + accepted[0].label());
    }
}

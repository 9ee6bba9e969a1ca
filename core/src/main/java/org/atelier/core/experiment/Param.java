package org.atelier.core.experiment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.atelier.core.AtelierException;

/**
 * A typed experiment parameter: its name, default, smoke default, description and optional bounds.
 *
 * <p>Instances are immutable; the refining methods return copies, so a declaration reads
 * {@code Param.ofInt("epochs", 10, "training epochs").smoke(1).between(1, 1000)}. The smoke
 * default is what {@code --smoke} uses unless {@code --set} overrides it; without {@link #smoke}
 * it equals the default. Bounds are inclusive and apply to every element of a list.
 *
 * @param <T> the value type: Integer, Long, Double, Boolean, String, {@code List<Integer>} or
 *     {@code List<Double>}
 */
public final class Param<T> {

    /** The kinds of value a parameter holds. */
    public enum Type {
        /** A 32-bit integer. */
        INT("int"),
        /** A 64-bit integer. */
        LONG("long"),
        /** A finite decimal number. */
        DOUBLE("double"),
        /** {@code true} or {@code false}. */
        BOOLEAN("boolean"),
        /** Any text. */
        STRING("string"),
        /** One string from a fixed set. */
        CHOICE("choice"),
        /** Comma-separated integers, e.g. {@code 10,20,50}. */
        INT_LIST("int list"),
        /** Comma-separated decimal numbers, e.g. {@code 0.1,0.01}. */
        DOUBLE_LIST("double list");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** The type as {@code describe} prints it, e.g. {@code int list}. */
        public String label() {
            return label;
        }
    }

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private final String name;
    private final Type type;
    private final T defaultValue;
    private final T smokeDefault;
    private final String description;
    private final double min;
    private final double max;
    private final List<String> choices;

    private Param(String name, Type type, T defaultValue, T smokeDefault, String description,
            double min, double max, List<String> choices) {
        if (!SNAKE_CASE.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not snake_case");
        }
        this.name = name;
        this.type = type;
        this.defaultValue = Objects.requireNonNull(defaultValue, "default of " + name);
        this.smokeDefault = Objects.requireNonNull(smokeDefault, "smoke default of " + name);
        this.description = Objects.requireNonNull(description, "description of " + name);
        this.min = min;
        this.max = max;
        this.choices = choices;
        // A default that its own bounds reject is a bug in the experiment, caught at declaration.
        checkDeclared(defaultValue, "default");
        checkDeclared(smokeDefault, "smoke default");
    }

    private static <V> Param<V> declare(String name, Type type, V defaultValue, String description) {
        return new Param<>(name, type, defaultValue, defaultValue, description,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of());
    }

    /** An {@code int} parameter. */
    public static Param<Integer> ofInt(String name, int defaultValue, String description) {
        return declare(name, Type.INT, defaultValue, description);
    }

    /** A {@code long} parameter. */
    public static Param<Long> ofLong(String name, long defaultValue, String description) {
        return declare(name, Type.LONG, defaultValue, description);
    }

    /** A {@code double} parameter. */
    public static Param<Double> ofDouble(String name, double defaultValue, String description) {
        return declare(name, Type.DOUBLE, defaultValue, description);
    }

    /** A {@code boolean} parameter ({@code true} or {@code false}). */
    public static Param<Boolean> ofBoolean(String name, boolean defaultValue, String description) {
        return declare(name, Type.BOOLEAN, defaultValue, description);
    }

    /** A free-text parameter. */
    public static Param<String> ofString(String name, String defaultValue, String description) {
        return declare(name, Type.STRING, defaultValue, description);
    }

    /**
     * A parameter whose value is one of a fixed set of strings (matched case-insensitively).
     *
     * @param name the snake_case name
     * @param choices the allowed values, in the order {@code describe} lists them
     * @param defaultValue one of the choices
     * @param description one line
     * @return the parameter
     */
    public static Param<String> ofChoice(String name, List<String> choices, String defaultValue, String description) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter " + name + " has no choices");
        }
        return new Param<>(name, Type.CHOICE, defaultValue, defaultValue, description,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.copyOf(choices));
    }

    /** A list-of-integers parameter, written {@code 10,20,50} on the command line. */
    public static Param<List<Integer>> ofInts(String name, List<Integer> defaultValue, String description) {
        return declare(name, Type.INT_LIST, List.copyOf(defaultValue), description);
    }

    /** A list-of-decimals parameter, written {@code 0.1,0.01} on the command line. */
    public static Param<List<Double>> ofDoubles(String name, List<Double> defaultValue, String description) {
        return declare(name, Type.DOUBLE_LIST, List.copyOf(defaultValue), description);
    }

    /**
     * Returns a copy whose {@code --smoke} default is the given value.
     *
     * @param value the value smoke runs use unless {@code --set} overrides it
     * @return the refined parameter
     */
    public Param<T> smoke(T value) {
        return new Param<>(name, type, defaultValue, immutable(value), description, min, max, choices);
    }

    /** Returns a copy with an inclusive lower bound; numeric types only. */
    public Param<T> min(double lowest) {
        requireNumeric("min");
        return new Param<>(name, type, defaultValue, smokeDefault, description, lowest, max, choices);
    }

    /** Returns a copy with an inclusive upper bound; numeric types only. */
    public Param<T> max(double highest) {
        requireNumeric("max");
        return new Param<>(name, type, defaultValue, smokeDefault, description, min, highest, choices);
    }

    /** Returns a copy with inclusive lower and upper bounds; numeric types only. */
    public Param<T> between(double lowest, double highest) {
        return min(lowest).max(highest);
    }

    /** The snake_case name {@code --set} uses. */
    public String name() {
        return name;
    }

    /** The kind of value. */
    public Type type() {
        return type;
    }

    /** The value of a normal run. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The value of a {@code --smoke} run. */
    public T smokeDefault() {
        return smokeDefault;
    }

    /** One line saying what the parameter controls. */
    public String description() {
        return description;
    }

    /** The allowed values of a choice parameter; empty for other types. */
    public List<String> choices() {
        return choices;
    }

    /**
     * What a valid value looks like, e.g. {@code an integer in [1, 1000]} or {@code one of sgd, adam}.
     *
     * @return a phrase for error messages and {@code describe}
     */
    public String expected() {
        return switch (type) {
            case INT, LONG -> "an integer" + range();
            case DOUBLE -> "a number" + range();
            case BOOLEAN -> "true or false";
            case STRING -> "any text";
            case CHOICE -> "one of " + String.join(", ", choices);
            case INT_LIST -> "comma-separated integers" + range() + ", e.g. 10,20,50";
            case DOUBLE_LIST -> "comma-separated numbers" + range() + ", e.g. 0.1,0.01";
        };
    }

    /**
     * Parses and validates a value given on the command line.
     *
     * @param text the text after {@code key=}
     * @return the typed value
     * @throws AtelierException naming the key, the value and what was expected, if it is ill-typed
     *     or out of range
     */
    @SuppressWarnings("unchecked") // the switch on type produces exactly T
    public T parse(String text) {
        String value = text.trim();
        try {
            Object parsed = switch (type) {
                case INT -> checked(Integer.parseInt(value));
                case LONG -> checked(Long.parseLong(value));
                case DOUBLE -> checked(parseDouble(value));
                case BOOLEAN -> parseBoolean(value);
                case STRING -> text;
                case CHOICE -> parseChoice(value);
                case INT_LIST -> parseList(value, s -> checked(Integer.parseInt(s)));
                case DOUBLE_LIST -> parseList(value, s -> checked(parseDouble(s)));
            };
            return (T) parsed;
        } catch (IllegalArgumentException e) {
            throw new AtelierException("invalid value '" + text + "' for parameter " + name + ": expected " + expected()
                    + beyondTheType(value));
        }
    }

    /**
     * Formats a value the way {@link #parse} reads it, e.g. {@code 10,20,50} for a list.
     *
     * @param value a value of this parameter
     * @return its command-line form
     */
    public String format(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(Param::formatScalar).toList());
        }
        return formatScalar(value);
    }

    @Override
    public String toString() {
        return name + " (" + type.label() + ")";
    }

    private static String formatScalar(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private String range() {
        boolean hasMin = min != Double.NEGATIVE_INFINITY;
        boolean hasMax = max != Double.POSITIVE_INFINITY;
        if (hasMin && hasMax) {
            return " in [" + formatScalar(min) + ", " + formatScalar(max) + "]";
        }
        if (hasMin) {
            return " ≥ " + formatScalar(min);
        }
        return hasMax ? " ≤ " + formatScalar(max) : "";
    }

    /** Why a whole number that looks right was refused: it does not fit the type (Java's int or long). */
    private String beyondTheType(String value) {
        BigInteger limit = switch (type) {
            case INT, INT_LIST -> BigInteger.valueOf(Integer.MAX_VALUE);
            case LONG -> BigInteger.valueOf(Long.MAX_VALUE);
            default -> null;
        };
        if (limit == null) {
            return "";
        }
        for (String part : value.split(",", -1)) {
            String number = part.trim();
            if (number.matches("[+-]?\\d+") && new BigInteger(number).abs().compareTo(limit) > 0) {
                return "; " + number + " is beyond the largest " + (type == Type.LONG ? "long" : "int") + ", " + limit;
            }
        }
        return "";
    }

    private <N extends Number> N checked(N number) {
        double v = number.doubleValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("out of range");
        }
        return number;
    }

    private static double parseDouble(String value) {
        double d = Double.parseDouble(value);
        // Java also reads "NaN", "Infinity" and hex floats; none is a sensible setting.
        if (!Double.isFinite(d) || value.toLowerCase(Locale.ROOT).startsWith("0x")) {
            throw new IllegalArgumentException("not a finite decimal");
        }
        return d;
    }

    private static Boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private String parseChoice(String value) {
        return choices.stream().filter(c -> c.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a choice"));
    }

    private static <E> List<E> parseList(String value, Function<String, E> element) {
        List<E> items = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            items.add(element.apply(part.trim()));
        }
        return List.copyOf(items);
    }

    private void requireNumeric(String bound) {
        if (type == Type.BOOLEAN || type == Type.STRING || type == Type.CHOICE) {
            throw new IllegalStateException(bound + " bound on " + type.label() + " parameter " + name);
        }
    }

    private void checkDeclared(T value, String which) {
        String text = format(value);
        try {
            parse(text);
        } catch (AtelierException e) {
            throw new IllegalArgumentException("the " + which + " " + text + " of parameter " + name
                    + " is not " + expected());
        }
    }

    @SuppressWarnings("unchecked") // lists are copied into an immutable list of the same element type
    private static <V> V immutable(V value) {
        return value instanceof List<?> list ? (V) List.copyOf(list) : value;
    }
}

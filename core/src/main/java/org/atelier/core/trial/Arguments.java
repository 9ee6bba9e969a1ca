package org.atelier.core.trial;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.atelier.core.AtelierException;

/**
 * Typed reading of a recipe's or transform's string arguments, with defaults. Unknown keys and
 * ill-typed values are {@link AtelierException}s that name the owner, the key and what is expected.
 */
public final class Arguments {

    private final String owner;
    private final Map<String, String> values;

    private Arguments(String owner, Map<String, String> values) {
        this.owner = owner;
        this.values = values;
    }

    /**
     * Checks that every key is known.
     *
     * @param owner what takes the arguments, for messages, e.g. {@code data recipe fashion-mnist}
     * @param values the arguments
     * @param known the keys the owner reads
     * @return the arguments
     * @throws AtelierException for an unknown key, listing the known ones
     */
    public static Arguments of(String owner, Map<String, String> values, String... known) {
        Set<String> knownKeys = Set.of(known);
        for (String key : values.keySet()) {
            if (!knownKeys.contains(key)) {
                throw new AtelierException("unknown argument '" + key + "' for " + owner + "; known: "
                        + String.join(", ", new TreeSet<>(knownKeys)));
            }
        }
        return new Arguments(owner, values);
    }

    /** A decimal number, or {@code fallback} when absent. */
    public double getDouble(String key, double fallback) {
        String text = values.get(key);
        try {
            return text == null ? fallback : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, text, "a number");
        }
    }

    /** A whole number, or {@code fallback} when absent. */
    public long getLong(String key, long fallback) {
        String text = values.get(key);
        try {
            return text == null ? fallback : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, text, "a whole number");
        }
    }

    /** {@code true} or {@code false}, or {@code fallback} when absent. */
    public boolean getBoolean(String key, boolean fallback) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, text, "true or false");
        };
    }

    /** One of {@code choices}, or {@code fallback} when absent. */
    public String getChoice(String key, String fallback, List<String> choices) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        if (!choices.contains(text.trim())) {
            throw invalid(key, text, "one of " + String.join(", ", choices));
        }
        return text.trim();
    }

    private AtelierException invalid(String key, String text, String expected) {
        return new AtelierException("invalid value '" + text + "' for argument " + key + " of " + owner + ": expected "
                + expected);
    }
}

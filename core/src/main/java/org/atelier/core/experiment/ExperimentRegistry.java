package org.atelier.core.experiment;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atelier.core.AtelierException;

/**
 * The experiments available by name: every {@link Experiment} that {@link ServiceLoader} finds on
 * the class path, ordered by study, then name.
 *
 * <p>Studies are ordered by their leading number ({@code 1 — …} before {@code 2 — …} before
 * {@code 10 — …}); a study without one (such as {@code data}) comes first.
 */
public final class ExperimentRegistry {

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

    /** By study number (unnumbered studies first), then study text, then name. */
    private static final Comparator<Experiment> ORDER = Comparator
            .comparingLong((Experiment e) -> studyNumber(e.study()))
            .thenComparing(Experiment::study)
            .thenComparing(Experiment::name);

    private final List<Experiment> experiments;

    private ExperimentRegistry(List<Experiment> experiments) {
        this.experiments = experiments;
    }

    /**
     * Loads the experiments on the context class path.
     *
     * @return the registry
     * @throws AtelierException if two experiments share a name, a name is not kebab-case, or a
     *     service entry names a class that is missing or cannot be instantiated
     */
    public static ExperimentRegistry load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return of(ServiceLoader.load(Experiment.class, loader).stream().map(ServiceLoader.Provider::get).toList());
        } catch (ServiceConfigurationError e) {
            throw new AtelierException("an experiment plugin on the class path is broken (" + e.getMessage()
                    + "); fix its jar or remove it from ATELIER_CLASSPATH", e);
        }
    }

    /**
     * A registry over the given experiments.
     *
     * @param experiments the experiments, in any order
     * @return the registry
     * @throws AtelierException if two experiments share a name, or a name is not kebab-case
     */
    public static ExperimentRegistry of(List<? extends Experiment> experiments) {
        Map<String, Experiment> byName = new HashMap<>();
        for (Experiment e : experiments) {
            if (!KEBAB_CASE.matcher(e.name()).matches()) {
                throw new AtelierException("experiment " + e.getClass().getName() + " is named '" + e.name()
                        + "', which is not kebab-case (e.g. hidden-layer-sweep); rename it");
            }
            Experiment previous = byName.put(e.name(), e);
            if (previous != null) {
                throw new AtelierException("two experiments are named '" + e.name() + "': "
                        + previous.getClass().getName() + " and " + e.getClass().getName()
                        + "; remove one of their jars from the class path or rename one");
            }
        }
        return new ExperimentRegistry(experiments.stream().<Experiment>map(e -> e).sorted(ORDER).toList());
    }

    private static long studyNumber(String study) {
        Matcher m = LEADING_NUMBER.matcher(study);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** All experiments, by study then name. */
    public List<Experiment> list() {
        return experiments;
    }

    /**
     * The experiment with the given name.
     *
     * @param name the kebab-case name
     * @return the experiment
     * @throws AtelierException if there is none; the message suggests the closest names
     */
    public Experiment find(String name) {
        return experiments.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AtelierException(unknown(name)));
    }

    private String unknown(String name) {
        List<String> close = closest(name);
        String suggestion = close.isEmpty() ? "" : "did you mean " + String.join(" or ", close) + "? ";
        return "unknown experiment '" + name + "'; " + suggestion + "./atelier list shows them all";
    }

    /** The names at the smallest edit distance from {@code name}, if that distance is small. */
    private List<String> closest(String name) {
        int best = Integer.MAX_VALUE;
        for (Experiment e : experiments) {
            best = Math.min(best, Levenshtein.distance(name, e.name()));
        }
        // Beyond about a third of the word, a "closest" name is a guess, not a typo fix.
        int tolerance = Math.max(2, name.length() / 3);
        int smallest = best;
        return best > tolerance ? List.of()
                : experiments.stream().map(Experiment::name)
                        .filter(n -> Levenshtein.distance(name, n) == smallest).toList();
    }

    /** Edit distance: insertions, deletions and substitutions, each costing one. */
    static final class Levenshtein {
        private Levenshtein() {}

        static int distance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }
    }
}

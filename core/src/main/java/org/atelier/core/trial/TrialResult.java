package org.atelier.core.trial;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.atelier.core.AtelierException;
import org.atelier.core.training.History;
import org.atelier.core.training.SplitCurve;
import org.atelier.core.training.listener.GradientNormTrace;

/**
 * What a trial produced, as a value: its history, a flat map of metrics, the path of its {@code
 * .params} file if it kept one, and its wall time. A trial that failed is recorded, not thrown, so
 * that the other trials of a list finish; its {@link #error()} says why, and the caller decides
 * what a failure means (see {@link #requireSucceeded}).
 *
 * <p>Metrics of a successful trial ({@link #METRICS}): {@code val_loss} and {@code val_accuracy}
 * of the parameters the trial ended with (the best epoch's when it restored them, else the last
 * epoch's; NaN without validation data), {@code train_loss} and {@code train_accuracy} of the last
 * epoch, {@code best_val_loss} and {@code best_epoch}, {@code epochs} (the last epoch trained),
 * {@code steps}, and {@code initial_loss} when epoch 0 was evaluated.
 *
 * @param id the trial's id
 * @param history the history; null when the trial failed
 * @param metrics the metrics by name, in a fixed order; empty when the trial failed
 * @param paramsFile the absolute path of the kept {@code .params} file, or null
 * @param seconds the trial's wall time, data loading included
 * @param error why the trial failed (one line), or null when it succeeded
 * @param testCurve the test set's loss and accuracy after every epoch when the fit asked for it
 *     ({@link FitSpec#evaluateTest()}), else null
 * @param gradientNorms the per-layer weight-gradient norms when the fit sampled them ({@link
 *     FitSpec#gradientNormEvery()}), else null
 * @param unflippedTestCurve with test-time flipping ({@link FitSpec#testTimeFlip()}), the test
 *     curve of the images alone from the same forward passes ({@link #unflipped()}), else null
 */
public record TrialResult(String id, History history, Map<String, Double> metrics, String paramsFile, double seconds,
        String error, SplitCurve testCurve, GradientNormTrace gradientNorms, SplitCurve unflippedTestCurve)
        implements Serializable {

    /** The names of the metrics a successful trial records, in order ({@code initial_loss} only with epoch 0). */
    public static final List<String> METRICS = List.of("val_loss", "val_accuracy", "train_loss", "train_accuracy",
            "best_val_loss", "best_epoch", "epochs", "steps", "initial_loss");

    /** Copies the metrics, keeping their order. */
    public TrialResult {
        Objects.requireNonNull(id, "id");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        if ((history == null) == (error == null)) {
            throw new IllegalArgumentException("a trial result has either a history or an error, not both or neither");
        }
    }

    /** A result without an unflipped test curve. */
    public TrialResult(String id, History history, Map<String, Double> metrics, String paramsFile, double seconds,
            String error, SplitCurve testCurve, GradientNormTrace gradientNorms) {
        this(id, history, metrics, paramsFile, seconds, error, testCurve, gradientNorms, null);
    }

    /** A result without a test curve and gradient norms. */
    public TrialResult(String id, History history, Map<String, Double> metrics, String paramsFile, double seconds,
            String error) {
        this(id, history, metrics, paramsFile, seconds, error, null, null);
    }

    /** A result without gradient norms. */
    public TrialResult(String id, History history, Map<String, Double> metrics, String paramsFile, double seconds,
            String error, SplitCurve testCurve) {
        this(id, history, metrics, paramsFile, seconds, error, testCurve, null);
    }

    /** This result with its {@code .params} file at another path (a reused result, its file moved). */
    public TrialResult withParamsFile(String path) {
        return new TrialResult(id, history, metrics, path, seconds, error, testCurve, gradientNorms,
                unflippedTestCurve);
    }

    /**
     * This result as it reads without test-time flipping: the test curve of the images alone, from
     * the same fit and the same forward passes. The trial's training is the same either way, so a
     * comparison of the two is paired: it measures the flipping and nothing else.
     *
     * @return the result with {@link #unflippedTestCurve()} as its test curve
     * @throws IllegalStateException if the trial's test set was not evaluated with flipping
     */
    public TrialResult unflipped() {
        if (unflippedTestCurve == null) {
            throw new IllegalStateException("trial " + id + " has no unflipped test curve"
                    + (succeeded() ? "; set FitSpec.testTimeFlip" : "; it failed: " + error));
        }
        return new TrialResult(id, history, metrics, paramsFile, seconds, error, unflippedTestCurve, gradientNorms,
                null);
    }

    /**
     * The per-layer gradient norms, for trials whose fit sampled them.
     *
     * @return the trace
     * @throws IllegalStateException if the trial recorded none
     */
    public GradientNormTrace requireGradientNorms() {
        if (gradientNorms == null) {
            throw new IllegalStateException("trial " + id + " has no gradient norms"
                    + (succeeded() ? "; set FitSpec.gradientNormEvery" : "; it failed: " + error));
        }
        return gradientNorms;
    }

    /**
     * A failed trial.
     *
     * @param id the trial's id
     * @param error why it failed, one line
     * @param seconds how long it ran
     * @return the result
     */
    public static TrialResult failed(String id, String error, double seconds) {
        return new TrialResult(id, null, Map.of(), null, seconds, error);
    }

    /**
     * The test curve, for trials whose fit evaluated the test set after every epoch.
     *
     * @return the curve
     * @throws IllegalStateException if the trial recorded none
     */
    public SplitCurve requireTestCurve() {
        if (testCurve == null) {
            throw new IllegalStateException("trial " + id + " has no test curve"
                    + (succeeded() ? "; set FitSpec.evaluateTest" : "; it failed: " + error));
        }
        return testCurve;
    }

    /** Whether the trial finished. */
    public boolean succeeded() {
        return error == null;
    }

    /** The kept {@code .params} file, if any. */
    public Optional<Path> params() {
        return Optional.ofNullable(paramsFile).map(Path::of);
    }

    /**
     * A metric by name.
     *
     * @param name one of {@link #METRICS}
     * @return its value
     * @throws IllegalArgumentException if the trial did not record it (e.g. it failed)
     */
    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("trial " + id + " has no metric '" + name + "'"
                    + (succeeded() ? "; it has " + metrics.keySet() : "; it failed: " + error));
        }
        return value;
    }

    /**
     * Fails when any trial failed, naming each failed trial and its error: for steps that need
     * every trial (all seeds of a variant, every point of a sweep).
     *
     * @param results the results
     * @return the results, unchanged
     * @throws AtelierException if any trial failed
     */
    public static List<TrialResult> requireSucceeded(List<TrialResult> results) {
        List<TrialResult> failed = results.stream().filter(r -> !r.succeeded()).toList();
        if (!failed.isEmpty()) {
            throw new AtelierException(failed.size() + " of " + results.size() + " trials failed: "
                    + failed.stream().map(r -> r.id() + " (" + r.error() + ")").collect(Collectors.joining("; ")));
        }
        return results;
    }
}

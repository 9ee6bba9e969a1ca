package org.atelier.core.search;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.atelier.core.AtelierException;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialSpec;

/**
 * What a search tunes: the trial of one candidate's parameters, as scikit-learn's estimator with
 * {@code set_params}. The search then gives each (candidate, split) trial its id and its split's
 * data, so the template's id and data are replaced. {@link #of(TrialSpec)} understands the usual
 * names; write a lambda for anything else.
 */
@FunctionalInterface
public interface TrialTemplate {

    /** The names {@link #of(TrialSpec)} understands. */
    List<String> STANDARD_NAMES = List.of("batch_size", "epochs", "hidden_units", "learning_rate", "optimizer");

    /**
     * The trial of one candidate.
     *
     * @param params the candidate's parameters by name
     * @return the trial; its id and data are replaced by the search
     * @throws AtelierException for a parameter it does not know or a value it cannot use
     */
    TrialSpec trial(SortedMap<String, Object> params);

    /**
     * A base trial with the standard parameters set: {@code learning_rate} (a number),
     * {@code batch_size} and {@code epochs} (whole numbers), {@code hidden_units} (a whole number or
     * a list of them: the hidden widths of an {@code mlp}) and {@code optimizer} ({@code sgd} or
     * {@code adam}). Parameters not given keep the base's values.
     *
     * @param base the trial every candidate starts from
     * @return the template
     */
    static TrialTemplate of(TrialSpec base) {
        return params -> {
            FitSpec.Builder fit = base.fit().toBuilder();
            ModelSpec model = base.model();
            for (Map.Entry<String, Object> p : params.entrySet()) {
                Object value = p.getValue();
                switch (p.getKey()) {
                    case "learning_rate" -> fit.learningRate(number(p.getKey(), value).doubleValue());
                    case "batch_size" -> fit.batchSize(whole(p.getKey(), value));
                    case "epochs" -> fit.maxEpochs(whole(p.getKey(), value));
                    case "optimizer" -> {
                        double rate = base.fit().learningRate();
                        if (FitSpec.ADAM.equals(value)) {
                            fit.adam(params.containsKey("learning_rate")
                                    ? number("learning_rate", params.get("learning_rate")).doubleValue() : rate);
                        } else if (FitSpec.SGD.equals(value)) {
                            fit.sgd(params.containsKey("learning_rate")
                                    ? number("learning_rate", params.get("learning_rate")).doubleValue() : rate);
                        } else {
                            throw new AtelierException("optimizer '" + value + "' is unknown; choices: sgd, adam");
                        }
                    }
                    case "hidden_units" -> model = ModelSpec.mlp(base.model().classes(), widths(value));
                    default -> throw new AtelierException("search parameter '" + p.getKey() + "' is unknown; the"
                            + " standard template knows " + STANDARD_NAMES + " (write a TrialTemplate for others)");
                }
            }
            return base.withModel(model).withFit(fit.build());
        };
    }

    private static Number number(String name, Object value) {
        if (value instanceof Number n) {
            return n;
        }
        throw new AtelierException("search parameter '" + name + "' needs a number, got " + value);
    }

    private static int whole(String name, Object value) {
        Number n = number(name, value);
        if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1) {
            throw new AtelierException("search parameter '" + name + "' needs a whole number ≥ 1, got " + value);
        }
        return n.intValue();
    }

    private static int[] widths(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().mapToInt(v -> whole("hidden_units", v)).toArray();
        }
        return new int[] {whole("hidden_units", value)};
    }
}

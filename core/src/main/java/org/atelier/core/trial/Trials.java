package org.atelier.core.trial;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atelier.core.AtelierException;
import org.atelier.core.engine.Backend;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.History;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.ModelFiles;
import org.atelier.core.training.Training;
import org.atelier.core.training.listener.EvaluateEachEpoch;
import org.atelier.core.training.listener.GradientNormTrace;
import org.atelier.core.training.listener.GradientNorms;

/**
 * Runs one trial in this JVM: builds its model, takes its data from the process's cache, loads its
 * starting parameters if it has any, fits with {@link Training#fit}, saves its parameters if asked,
 * and returns its result. The fit keeps a backup in the output directory after epochs ({@link
 * TrialCache#backupOf}) and resumes from the one an earlier, unfinished attempt left there. A trial's numbers depend only on its spec, the engine and the device:
 * {@code Training.fit} seeds the engine from the trial's seed before initializing.
 */
public final class Trials {

    private Trials() {}

    /**
     * Runs a trial. A failure is returned as a failed result, not thrown, so that the trials run
     * after it still run.
     *
     * @param spec the trial
     * @param environment the engine, device, data and output directory
     * @return the result
     */
    public static TrialResult run(TrialSpec spec, TrialEnvironment environment) {
        long start = System.nanoTime();
        try {
            return fit(spec, environment, start);
        } catch (RuntimeException e) {
            return TrialResult.failed(spec.id(), describe(e), seconds(start));
        }
    }

    private static TrialResult fit(TrialSpec spec, TrialEnvironment environment, long start) {
        Backend backend = environment.backend();
        TrialData data = data(spec.data(), environment);
        EvaluateEachEpoch test = spec.fit().evaluateTest() ? new EvaluateEachEpoch("test", requireTest(spec, data),
                spec.fit().testTimeFlip()) : null;
        Path backup = new TrialCache(environment.outputDir()).backupOf(spec).file();
        FitConfig config = test == null ? spec.fit().toFitConfig(spec.seed(), backup)
                : spec.fit().toFitConfig(spec.seed(), backup, test);
        try (Model model = newModel(spec, backend, data)) {
            if (spec.initialParams() != null) {
                load(model, data, spec.initialParamsFile().orElseThrow());
            }
            History history = Training.fit(model, data.train(), data.validation(), config);
            boolean restored = spec.fit().restoreBest();
            String saved = null;
            if (spec.saveParams()) {
                int epoch = restored ? history.bestEpoch() : history.last().epoch();
                saved = ModelFiles.saveParameters(model, environment.outputDir(), spec.id(), epoch).toString();
            }
            return new TrialResult(spec.id(), history, metrics(history, restored), saved, seconds(start), null,
                    test == null ? null : test.curve(), gradientNorms(config),
                    test != null && test.mirrored() ? test.plainCurve() : null);
        }
    }

    /** What the fit's {@link GradientNorms} recorded ({@link FitSpec#gradientNormEvery}), or null. */
    private static GradientNormTrace gradientNorms(FitConfig config) {
        return config.trainingListeners().stream().filter(GradientNorms.class::isInstance).map(GradientNorms.class::cast)
                .findFirst().map(GradientNorms::trace).orElse(null);
    }

    private static LabeledArrays requireTest(TrialSpec spec, TrialData data) {
        if (data.test() == null) {
            throw new AtelierException("trial " + spec.id() + " evaluates the test set each epoch, but data "
                    + spec.data() + " has no test set");
        }
        return data.test();
    }

    /**
     * A trial's data, from the process's cache: loaded by its recipe the first time a spec is asked
     * for on a backend, shared afterwards.
     *
     * @param spec the data spec
     * @param environment where the data is, and the engine and device its arrays live on
     * @return the data; do not close or change its arrays
     */
    public static TrialData data(DataSpec spec, TrialEnvironment environment) {
        return DataCache.get(spec, environment, environment.backend());
    }

    /** Frees the data that {@link #data} keeps for this process. */
    public static void clearDataCache() {
        DataCache.clear();
    }

    /**
     * The model a trial kept, loaded from its {@code .params} file: e.g. to evaluate the best seed
     * on the test set. The caller closes it.
     *
     * @param spec the trial that saved the file
     * @param params the file, e.g. the result's {@link TrialResult#params()}
     * @param environment the engine, device and data
     * @return the model, its block initialized with the saved parameters
     */
    public static Model loadModel(TrialSpec spec, Path params, TrialEnvironment environment) {
        TrialData data = data(spec.data(), environment);
        Model model = newModel(spec, environment.backend(), data);
        try {
            load(model, data, params);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static Model newModel(TrialSpec spec, Backend backend, TrialData data) {
        if (data.classNames().size() != spec.model().classes()) {
            throw new AtelierException("model " + spec.model() + " has " + spec.model().classes() + " outputs but data "
                    + spec.data() + " has " + data.classNames().size() + " classes");
        }
        Block block = TrialRegistry.instance().model(spec.model().factory()).create(spec.model().args(),
                spec.model().classes());
        Model model = Model.newInstance(spec.id(), backend.device(), backend.engineName());
        model.setBlock(block);
        return model;
    }

    /** Initializes the block for the data's sample shape, then overwrites its parameters from the file. */
    private static void load(Model model, TrialData data, Path file) {
        ModelFiles.loadParameters(model, data.train().features().getShape().slice(1), file);
    }

    /** The metrics of {@link TrialResult#METRICS}, from the history. */
    static Map<String, Double> metrics(History history, boolean restoredBest) {
        boolean validated = history.last().hasValidation();
        EpochRecord best = validated ? history.best() : null;
        EpochRecord kept = restoredBest && validated ? best : history.last();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", kept.valLoss());
        metrics.put("val_accuracy", kept.valAccuracy());
        metrics.put("train_loss", history.last().trainLoss());
        metrics.put("train_accuracy", history.last().trainAccuracy());
        metrics.put("best_val_loss", validated ? best.valLoss() : Double.NaN);
        metrics.put("best_epoch", validated ? best.epoch() : Double.NaN);
        metrics.put("epochs", (double) history.last().epoch());
        metrics.put("steps", (double) history.totalSteps());
        history.initial().ifPresent(e -> metrics.put("initial_loss", e.trainLoss()));
        return metrics;
    }

    /**
     * The one line a failed trial records: an {@link AtelierException}'s message (a problem the
     * user can fix), else the exception's class and message (a bug, whose class helps).
     *
     * @param failure what the trial threw
     * @return the line
     */
    static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        if (failure instanceof AtelierException && !message.isEmpty()) {
            return message;
        }
        return failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /**
     * Checks that the ids of trials run together are unique (their {@code .params} files and
     * results are named after them).
     *
     * @param trials the trials
     * @throws IllegalArgumentException naming a repeated id
     */
    public static void requireUniqueIds(List<TrialSpec> trials) {
        Set<String> seen = new HashSet<>();
        for (TrialSpec trial : trials) {
            if (!seen.add(trial.id())) {
                throw new IllegalArgumentException("two trials have the id '" + trial.id() + "'; give each trial its own");
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

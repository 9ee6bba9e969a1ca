package com.example.atelier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.report.RunFile;

/**
 * The plugin example of docs/plugins.md: a complete third-party experiment. It sums 0..n-1 on
 * the selected engine (the answer, n(n-1)/2, is known) and draws seeded Gaussian noise.
 */
public final class HelloExperiment implements Experiment {

    /** The one file it writes: named here, listed by outputs(), written by run(). */
    static final RunFile NOISE = new RunFile("noise.csv", "the ten noise samples, one per line");

    @Override
    public String name() {
        return "hello-ndarray";
    }

    @Override
    public String description() {
        return "Sums 0..n-1 on the engine and draws seeded noise (the plugin example)";
    }

    @Override
    public String study() {
        return "examples";
    }

    @Override
    public String details() {
        return """
                Does the engine add up? Sums the numbers 0..n-1 in double precision on the selected
                engine and device; the answer must be n(n-1)/2 exactly. Then draws noise_scale-scaled
                Gaussian noise from the engine's seeded generator: the same --seed gives the same noise.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofInt("n", 1_000_000, "how many numbers to sum").smoke(1000).min(1),
                Param.ofDouble("noise_scale", 1.0, "standard deviation of the noise").min(0));
    }

    @Override
    public List<RunFile> outputs() {
        return List.of(NOISE);
    }

    @Override
    public void run(ExperimentContext context) {
        int n = context.params().getInt("n");
        double scale = context.params().getDouble("noise_scale");
        try (NDManager manager = context.manager().newSubManager()) {
            NDArray numbers = manager.arange(0f, n, 1f, DataType.FLOAT64);
            context.metric("sum", numbers.sum().getDouble());
            float[] noise = manager.randomNormal(0f, (float) scale, new Shape(10), DataType.FLOAT32).toFloatArray();
            context.metric("noise_mean", mean(noise));
            context.runDirectory().writeString(NOISE, lines(noise));
        }
        context.progress().println("hello-ndarray: summed " + n + " numbers on " + context.backend().engineName());
    }

    private static double mean(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total / values.length;
    }

    private static String lines(float[] values) {
        StringBuilder text = new StringBuilder();
        for (float v : values) {
            text.append(v).append('\n');
        }
        return text.toString();
    }
}

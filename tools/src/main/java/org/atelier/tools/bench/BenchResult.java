package org.atelier.tools.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the bench measured for one engine and model.
 *
 * @param engine the engine's name, e.g. {@code PyTorch}
 * @param model the model
 * @param images training images per epoch
 * @param facade the Atelier training facade's epochs
 * @param plain the plain DJL loop's epochs
 */
record BenchResult(String engine, BenchModel model, int images, Timings facade, Timings plain) {

    /** Median seconds per epoch through the facade. */
    double secondsPerEpoch() {
        return facade.median();
    }

    /** Training images per second through the facade. */
    double imagesPerSecond() {
        return images / secondsPerEpoch();
    }

    /** Achieved GFLOP/s through the facade (forward and backward multiply-adds). */
    double gflops() {
        return model.trainingFlopsPerSample() * imagesPerSecond() / 1e9;
    }

    /** Facade time over plain-loop time: below 1 means the facade is faster. */
    double ratioToPlain() {
        return secondsPerEpoch() / plain.median();
    }

    /** The metrics of this result for {@code summary.json}, named {@code <quantity>_<engine>_<model>}. */
    Map<String, Double> metrics() {
        String variant = "_" + engine.toLowerCase(Locale.ROOT) + "_" + model.id();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("seconds_per_epoch" + variant, secondsPerEpoch());
        metrics.put("images_per_second" + variant, imagesPerSecond());
        metrics.put("gflops" + variant, gflops());
        metrics.put("plain_seconds_per_epoch" + variant, plain.median());
        metrics.put("ratio_to_plain" + variant, ratioToPlain());
        return metrics;
    }
}

package org.atelier.tools.bench;

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
}

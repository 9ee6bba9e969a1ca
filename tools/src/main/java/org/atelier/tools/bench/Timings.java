package org.atelier.tools.bench;

import java.util.Arrays;
import java.util.List;

/** Seconds per epoch of repeated timed epochs, summarized by their median (robust on a shared, noisy machine). */
record Timings(List<Double> secondsPerEpoch) {

    /** Copies the list. */
    Timings {
        secondsPerEpoch = List.copyOf(secondsPerEpoch);
    }

    /** The median epoch time in seconds. */
    double median() {
        double[] sorted = secondsPerEpoch.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

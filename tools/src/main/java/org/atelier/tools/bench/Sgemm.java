package org.atelier.tools.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** The dense ceiling: single-precision matrix product throughput through DJL's {@code matMul}. */
final class Sgemm {

    private Sgemm() {}

    /**
     * Multiplies two random {@code n × n} float32 matrices {@code repeats} times after one warm-up
     * product and returns the median rate.
     *
     * @param manager where the matrices live
     * @param n the matrix size (2048 in the reference)
     * @param repeats timed products
     * @return GFLOP/s, counting 2·n³ FLOPs per product
     */
    static double gflops(NDManager manager, int n, int repeats) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.randomNormal(new Shape(n, n));
            NDArray b = scope.randomNormal(new Shape(n, n));
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i <= repeats; i++) {
                try (NDManager product = scope.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.attach(product);
                    c.getFloat(0, 0); // forces completion on engines that compute asynchronously
                    if (i > 0) {
                        seconds.add((System.nanoTime() - start) / 1e9);
                    }
                }
            }
            return 2.0 * n * n * n / new Timings(seconds).median() / 1e9;
        }
    }
}

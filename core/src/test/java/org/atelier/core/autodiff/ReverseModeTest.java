package org.atelier.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.atelier.core.AtelierException;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The reverse-mode engine against closed-form derivatives, central differences and each engine's
 * autograd in float64 (agreement to 1e-6 is the bar; double precision gives far better).
 */
class ReverseModeTest {

    private static final Expression EXAMPLE = Expression.parse("ln(x1) + x1*x2 - sin(x2)");

    @Test
    void sweepsTheTextbookExample() {
        Graph graph = new Graph();
        Node y = EXAMPLE.build(graph, 2, 5);
        List<Node> inputs = graph.nodes().subList(0, 2);
        ReverseSweep sweep = graph.backward(y);
        assertEquals(Math.log(2) + 10 - Math.sin(5), y.value(), 1e-15);
        // ∂f/∂x₁ = 1/x₁ + x₂, ∂f/∂x₂ = x₁ − cos x₂
        assertArrayEquals(new double[] {0.5 + 5, 2 - Math.cos(5)}, sweep.gradient(inputs), 1e-15);

        Trace trace = Trace.of(sweep, inputs);
        Table forward = trace.forwardTable();
        assertEquals(List.of("v₋₁", "v₀", "v₁", "v₂", "v₃", "v₄", "v₅"), forward.stringColumn("node").asList());
        assertEquals(List.of("x₁", "x₂", "ln v₋₁", "v₋₁ × v₀", "v₁ + v₂", "sin v₀", "v₃ − v₄"),
                forward.stringColumn("definition").asList());
        Table reverse = trace.reverseTable();
        // from the output back: v̄₅, v̄₄, …, v̄₀, v̄₋₁
        assertEquals("v̄₀", reverse.stringColumn("adjoint").get(5));
        assertEquals("v̄₂ · v₋₁ + v̄₄ · cos v₀", reverse.stringColumn("formula").get(5));
        assertEquals(2 - Math.cos(5), reverse.doubleColumn("value").get(5), 1e-15);
        assertEquals(-1, reverse.doubleColumn("value").get(1), 0, "v̄₄ = v̄₅ · (−1)");
        BufferedImage image = trace.figure("f").render();
        assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300);
    }

    @Test
    void sharesAdjointsOfReusedNodes() {
        Graph graph = new Graph();
        Node x = graph.input("x", 3);
        Node square = graph.multiply(x, x);
        Node y = graph.multiply(square, square);
        assertEquals(4 * 27, graph.backward(y).adjoint(x), 0, "d(x⁴)/dx = 4x³");
    }

    @Test
    void refusesBadExpressions() {
        for (String text : List.of("ln(x1", "x1 +", "foo(x1)", "2 + 3", "x1 $ x2", "x0")) {
            assertThrows(AtelierException.class, () -> Expression.parse(text), text);
        }
        AtelierException wrongCount = assertThrows(AtelierException.class, () -> EXAMPLE.value(1));
        assertTrue(wrongCount.getMessage().contains("2 variable"), wrongCount.getMessage());
    }

    @Test
    void parsesPrecedence() {
        assertEquals(-9, Expression.parse("-x1^2").value(3), 0);
        assertEquals(2 + 3 * Math.pow(2, 9), Expression.parse("x1 + 3*x1^3^2").value(2), 0, "^ binds to the right");
        assertEquals(0.25, Expression.parse("x1/x2/2").value(2, 4), 0);
    }

    @OnEachEngine
    void agreesWithAutogradAndFiniteDifferences(String engine) {
        Expression every = Expression.parse("x1^x2 / sqrt(x3) + tanh(x1*x3) - exp(-x2) * cos(x3) + sigmoid(x1 - 2*x2)"
                + " + ln(x2)");
        double[] point = {1.3, 0.7, 2.1};
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (Expression expression : List.of(EXAMPLE, every)) {
                double[] at = expression == EXAMPLE ? new double[] {2, 5} : point;
                Graph graph = new Graph();
                ReverseSweep sweep = graph.backward(expression.build(graph, at));
                double[] reverse = sweep.gradient(graph.nodes().subList(0, at.length));
                assertArrayEquals(Autograd.gradient(manager, expression, at), reverse, 1e-12, engine + ": " + expression);
                assertArrayEquals(FiniteDifferences.gradient(expression::value, at, 1e-5), reverse, 1e-8,
                        expression.text());
            }
        }
    }

    @OnEachEngine
    void backpropagationByHandMatchesBothEngines(String engine) {
        Random random = new Random(7);
        int batch = 6;
        double[][] x = new double[batch][4];
        int[] labels = new int[batch];
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < 4; i++) {
                x[n][i] = random.nextGaussian();
            }
            labels[n] = n % 3;
        }
        TwoLayerNetwork network = new TwoLayerNetwork(x, labels);
        TwoLayerParameters p = TwoLayerParameters.initialize(4, 5, 3, random);
        TwoLayerParameters hand = network.backpropagation(p);
        try (NDManager manager = TestBackends.backend(engine).newManager()) {
            for (double max : hand.maxAbsDifference(network.autograd(manager, p))) {
                assertEquals(0, max, 1e-12, engine);
            }
        }
        for (double max : hand.maxAbsDifference(network.reverseMode(p))) {
            assertEquals(0, max, 1e-12);
        }
        double[] flatW1 = p.flat().get(0);
        double h = 1e-6;
        TwoLayerParameters up = new TwoLayerParameters(shift(p.w1(), 1, 2, h), p.b1(), p.w2(), p.b2());
        TwoLayerParameters down = new TwoLayerParameters(shift(p.w1(), 1, 2, -h), p.b1(), p.w2(), p.b2());
        assertEquals((network.loss(up) - network.loss(down)) / (2 * h), hand.w1()[1][2], 1e-8, "W1[1,2]");
        assertEquals(20 + 5 + 15 + 3, p.count());
        assertEquals(flatW1.length, 20);
        assertTrue(network.loss(p.step(hand, 0.5)) < network.loss(p), "a small step downhill lowers the loss");
    }

    private static double[][] shift(double[][] w, int i, int j, double by) {
        double[][] copy = new double[w.length][];
        for (int r = 0; r < w.length; r++) {
            copy[r] = w[r].clone();
        }
        copy[i][j] += by;
        return copy;
    }
}

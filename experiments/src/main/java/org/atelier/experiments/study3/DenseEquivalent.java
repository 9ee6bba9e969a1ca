package org.atelier.experiments.study3;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The dense network with one hidden layer of n nodes that comes closest to a parameter budget:
 * {@code inputs·n + n} weights and biases into the hidden layer and {@code n·outputs + outputs}
 * into the output layer, so {@code (inputs + 1 + outputs)·n + outputs} parameters in all.
 *
 * @param inputs the input features (784 for MNIST)
 * @param outputs the classes (10)
 * @param budget the parameter count to match
 */
record DenseEquivalent(int inputs, int outputs, long budget) {

    /** The parameters of one hidden layer of {@code n} nodes. */
    long parameters(int n) {
        return (long) inputs * n + n + (long) n * outputs + outputs;
    }

    /** The real n that matches the budget exactly: (budget − outputs) / (inputs + 1 + outputs). */
    double exactN() {
        return (double) (budget - outputs) / (inputs + 1 + outputs);
    }

    /** The whole n ≥ 1 whose parameter count is nearest the budget. */
    int nearestN() {
        int below = Math.max(1, (int) Math.floor(exactN()));
        int above = below + 1;
        return Math.abs(parameters(below) - budget) <= Math.abs(parameters(above) - budget) ? below : above;
    }

    /** n = 1 … nearest + 2 with their counts and the difference to the budget. */
    Table table() {
        int to = nearestN() + 2;
        Table table = Table.create("dense equivalents", IntColumn.create("hidden_nodes"), LongColumn.create("parameters"),
                LongColumn.create("difference_to_budget"), DoubleColumn.create("ratio_to_budget"));
        for (int n = 1; n <= to; n++) {
            table.intColumn("hidden_nodes").append(n);
            table.longColumn("parameters").append(parameters(n));
            table.longColumn("difference_to_budget").append(parameters(n) - budget);
            table.doubleColumn("ratio_to_budget").append((double) parameters(n) / budget);
        }
        return table;
    }
}

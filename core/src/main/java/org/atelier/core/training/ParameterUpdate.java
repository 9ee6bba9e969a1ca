package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/**
 * One optimizer step over a block's trainable parameters on one device.
 *
 * <p>Equivalent to {@code Trainer.step()} for a single device, minus one copy: DJL's
 * {@code LocalParameterServer} duplicates every gradient before the update so that it can sum
 * gradients from several devices. On one device that copy is pure cost (the 784×256 weight of the
 * reference MLP is 800 kB per step); here the optimizer reads the gradient in place. The
 * optimizer's own update (e.g. PyTorch's fused SGD) still zeroes the gradient as it does under
 * {@code Trainer.step()}.
 */
final class ParameterUpdate {

    private final Optimizer optimizer;
    private final List<Parameter> trainable;

    ParameterUpdate(Block block, Optimizer optimizer) {
        this.optimizer = optimizer;
        this.trainable = block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    /** Applies the optimizer to every trainable parameter with its current gradient. */
    void step() {
        for (Parameter parameter : trainable) {
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(parameter.getId(), weight, gradient);
            }
        }
    }
}

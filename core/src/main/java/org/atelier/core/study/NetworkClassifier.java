package org.atelier.core.study;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.function.Supplier;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.evaluation.Classifier;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.History;
import org.atelier.core.training.Inference;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.Training;

/**
 * A DJL network as a {@link Classifier}: each fit builds a fresh block, initializes it from the
 * configuration's seed and trains it with {@link Training#fit} for the configured epochs (no
 * validation split, no early stopping: the epochs are fixed in advance, so that no held-out
 * sample steers training); prediction is the arg max of the logits. The same seed on every fold
 * means the folds differ only in their data.
 */
public final class NetworkClassifier implements Classifier {

    private final String name;
    private final Backend backend;
    private final Supplier<Block> block;
    private final FitConfig config;

    /**
     * Describes the classifier.
     *
     * @param name its short name, e.g. {@code MLP 13-32-3}
     * @param backend the engine and device it trains on
     * @param block builds a new, uninitialized block returning logits, e.g. {@code () -> Models.mlp(new int[] {32}, 3)}
     * @param config loss, optimizer, batch size, epochs and seed of every fit
     */
    public NetworkClassifier(String name, Backend backend, Supplier<Block> block, FitConfig config) {
        this.name = name;
        this.backend = backend;
        this.block = block;
        this.config = config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FittedNetwork fit(LabeledData train) {
        Model model = Model.newInstance(name, backend.device(), backend.engineName());
        try {
            model.setBlock(block.get());
            History history;
            try (NDManager arrays = model.getNDManager().newSubManager()) {
                history = Training.fit(model, LabeledArrays.of(train, arrays), null, config);
            }
            return new FittedNetwork(model, history);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * A trained network and its training history; closing frees the model.
     *
     * @param model the trained model
     * @param history its per-epoch training loss and accuracy
     */
    public record FittedNetwork(Model model, History history) implements Fitted {

        @Override
        public int[] predict(LabeledData data) {
            try (NDManager arrays = model.getNDManager().newSubManager()) {
                NDArray features = data.features(arrays);
                return Inference.classify(model.getBlock(), features, false).classes();
            }
        }

        @Override
        public void close() {
            model.close();
        }
    }
}

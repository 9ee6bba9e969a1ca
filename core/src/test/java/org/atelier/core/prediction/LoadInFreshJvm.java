package org.atelier.core.prediction;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atelier.core.engine.Backend;
import org.atelier.core.training.Inference;

/**
 * Run in a child JVM by {@link SavedModelTest}: loads a saved model on an engine, classifies raw
 * inputs read from a file and writes the probabilities, so that nothing of the saving process
 * (its engine state, its parameters in memory) can leak into the result.
 *
 * <p>Arguments: model directory, engine, inputs file (int count, int size, floats), output file
 * (int count, int classes, floats).
 */
public final class LoadInFreshJvm {

    private LoadInFreshJvm() {}

    /**
     * Loads, classifies, writes.
     *
     * @param args model directory, engine, inputs file, output file
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        float[] inputs;
        int count;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(Path.of(args[2])))) {
            count = in.readInt();
            inputs = new float[count * in.readInt()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = in.readFloat();
            }
        }
        try (SavedModel model = SavedModel.load(Path.of(args[0]), Backend.resolve(args[1], "cpu"));
                DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[3])))) {
            Inference.Predictions predictions = model.classify(inputs, count);
            out.writeInt(count);
            out.writeInt(predictions.numClasses());
            for (float p : predictions.probabilities()) {
                out.writeFloat(p);
            }
        }
    }

    /** Writes inputs in the form {@link #main} reads. */
    static void writeInputs(Path file, float[] inputs, int count) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(count);
            out.writeInt(inputs.length / count);
            for (float v : inputs) {
                out.writeFloat(v);
            }
        }
    }

    /** Reads the probabilities {@link #main} wrote. */
    static float[] readProbabilities(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            float[] probabilities = new float[in.readInt() * in.readInt()];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = in.readFloat();
            }
            return probabilities;
        }
    }
}

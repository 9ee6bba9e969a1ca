package org.atelier.core.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atelier.core.AtelierException;
import org.atelier.core.report.AtomicFiles;

/**
 * The backup of an unfinished {@link Training#fit}, one file, rewritten after epochs: Keras's
 * {@code BackupAndRestore}. A fit configured with {@link FitConfig.Builder#optBackup} that finds
 * its backup file continues after the epoch the file holds instead of starting over, and deletes
 * the file when it ends normally; a fit that fails or whose process is stopped leaves the last
 * epoch's backup behind for the next attempt.
 *
 * <p>The file holds everything that decides what the fit does next, so that the resumed fit ends
 * exactly where an uninterrupted one with the same seed ends: every parameter of the block
 * (batch-norm statistics included), the optimizer's state (update counts, momentum, Adam's moments;
 * {@link OptimizerState}), the learning rate a listener set, the history so far and the update
 * count, whether a listener asked to stop, and the state of each listener that keeps one ({@link
 * FitListener#backupState}). The randomness needs no state: the batch order, the engine's
 * generator and the batch transform's are reset at each epoch's start from the seed and the epoch
 * ({@code EpochSeeds}). Unlike Keras, which writes a TensorFlow checkpoint directory, the backup
 * is one file written atomically ({@link AtomicFiles}): a process killed while writing it leaves
 * the previous epoch's backup intact.
 *
 * <p>The file starts with a small header (a magic number, the format version, the epoch and the
 * maximum epochs) that {@link #progress} reads without loading the rest; Java serialization of the
 * values follows, read back through a filter that admits Atelier's and the JDK's value classes only.
 */
public final class TrainingBackup {

    /** "ATBK": marks a backup file. */
    private static final int MAGIC = 0x4154424b;
    private static final int VERSION = 1;
    private static final ObjectInputFilter ONLY_VALUES = ObjectInputFilter.Config.createFilter(
            "maxdepth=30;org.atelier.**;java.lang.*;java.util.*;!*");

    private final Path file;

    private TrainingBackup(Path file) {
        this.file = file;
    }

    /**
     * The backup kept in a file, which need not exist yet.
     *
     * @param file the file, e.g. {@code trials/mlp.3f2a.backup}
     * @return the backup
     */
    public static TrainingBackup at(Path file) {
        return new TrainingBackup(file.toAbsolutePath().normalize());
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Where a backed-up fit stands: the last epoch it finished, of how many. */
    public record Progress(int epoch, int maxEpochs) {}

    /**
     * How far the fit the file backs up got, read from its header only.
     *
     * @return the progress, empty if there is no backup (or the file is no backup)
     */
    public Optional<Progress> progress() {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return Optional.empty();
            }
            return Optional.of(new Progress(in.readInt(), in.readInt()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the backup, if there is one.
     *
     * @throws AtelierException if it exists and cannot be deleted
     */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new AtelierException("cannot delete the training backup " + file + ": " + e.getMessage()
                    + "; delete it by hand, or a later fit with this backup resumes from it", e);
        }
    }

    @Override
    public String toString() {
        return "TrainingBackup(" + file + ")";
    }

    /**
     * Everything a fit needs to go on after {@code epoch}.
     *
     * @param epoch the last epoch finished
     * @param maxEpochs the fit's maximum epochs
     * @param seed the fit's seed
     * @param batchesPerEpoch updates per epoch
     * @param records the history so far
     * @param steps updates made so far
     * @param stopRequested whether a listener asked to stop after {@code epoch}
     * @param rate the learning rate a listener set, or null while the schedule applies
     * @param parameters every parameter of the block by its name
     * @param optimizer the optimizer's state
     * @param listeners each listener's class name and state (null for none), in the fit's order
     */
    record State(int epoch, int maxEpochs, long seed, int batchesPerEpoch, List<EpochRecord> records, long steps,
            boolean stopRequested, Float rate, Map<String, StoredArray> parameters, OptimizerState optimizer,
            List<ListenerState> listeners) implements Serializable {}

    /**
     * One listener's part of a backup.
     *
     * @param type the listener's class name, to check that the same listeners are configured
     * @param state what it returned from {@link FitListener#backupState}, or null
     */
    record ListenerState(String type, Serializable state) implements Serializable {}

    /**
     * Creates the backup's directory, when the fit begins; later writes require it to be there, so
     * that a fit still running in a process whose run directory was moved away (an interrupted run
     * is moved into place while its training thread finishes) does not create it anew.
     *
     * @throws AtelierException if it cannot be created
     */
    void prepare() {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new AtelierException("cannot create the directory of the training backup " + file + ": "
                    + e.getMessage() + "; choose a directory you can write to", e);
        }
    }

    /** Writes the state atomically, replacing the previous epoch's, into the directory {@link #prepare} created. */
    void write(State state) {
        if (!Files.isDirectory(file.getParent())) {
            throw new AtelierException("cannot write the training backup " + file + ": its directory is gone");
        }
        AtomicFiles.write(file, out -> {
            DataOutputStream header = new DataOutputStream(out);
            header.writeInt(MAGIC);
            header.writeInt(VERSION);
            header.writeInt(state.epoch());
            header.writeInt(state.maxEpochs());
            header.flush();
            ObjectOutputStream objects = new ObjectOutputStream(out);
            objects.writeObject(state);
            objects.flush();
        });
    }

    /**
     * Reads the state.
     *
     * @return the state, empty if there is no file
     * @throws AtelierException if the file exists but holds no readable backup
     */
    Optional<State> read() {
        try (InputStream bytes = Files.newInputStream(file); DataInputStream header = new DataInputStream(bytes)) {
            if (header.readInt() != MAGIC || header.readInt() != VERSION) {
                throw unreadable("it is not a training backup of this version", null);
            }
            header.readInt();
            header.readInt();
            ObjectInputStream objects = new ObjectInputStream(bytes);
            objects.setObjectInputFilter(ONLY_VALUES);
            return Optional.of((State) objects.readObject());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw unreadable(e.getMessage(), e);
        }
    }

    private AtelierException unreadable(String why, Exception cause) {
        return new AtelierException("cannot resume from the training backup " + file + " (" + why
                + "); delete it to train from the start", cause);
    }
}

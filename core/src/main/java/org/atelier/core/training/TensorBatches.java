package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A DJL {@link Dataset} that slices batches out of one pair of in-memory arrays.
 *
 * <p>Each call of {@link #getData(NDManager)} is one epoch. When shuffling, the epoch draws one
 * seeded permutation of all samples (a single index array on the device), and every batch is one
 * gather of its slice of that permutation: three native calls per batch, no sample ever touched
 * from Java. Gathering per batch was measured faster than gathering the whole epoch at once (about
 * 0.06 s against 0.11 s per Fashion-MNIST epoch with PyTorch): a 188 MB copy is a fresh allocation
 * that the kernel pages in every epoch, while batch-sized buffers are recycled by the allocator.
 * The permutation of epoch {@code k} comes from a {@link Random} seeded with a seed derived from
 * the shuffle seed and {@code k} alone ({@link EpochSeeds}), so it is the same for a given seed on
 * every engine, and does not depend on the epochs drawn before it: a fit resumed at epoch {@code k}
 * gets the order an uninterrupted fit gets there.
 *
 * <p>A batch size of at least the number of samples gives a single batch per epoch: full-batch
 * gradient descent.
 */
public final class TensorBatches implements Dataset {

    private final LabeledArrays arrays;
    private final int batchSize;
    private final Long shuffleSeed;
    private int epochsServed;

    /**
     * Creates a batch source.
     *
     * @param arrays the samples
     * @param batchSize samples per batch (the last batch may be smaller)
     * @param shuffleSeed seed of the per-epoch permutation, or null to keep the sample order
     */
    public TensorBatches(LabeledArrays arrays, int batchSize, Long shuffleSeed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.arrays = arrays;
        this.batchSize = Math.min(batchSize, arrays.size());
        this.shuffleSeed = shuffleSeed;
    }

    /** The number of batches per epoch. */
    public int batchesPerEpoch() {
        return (arrays.size() + batchSize - 1) / batchSize;
    }

    /** The effective batch size (at most the number of samples). */
    public int batchSize() {
        return batchSize;
    }

    /** The number of samples per epoch. */
    public int size() {
        return arrays.size();
    }

    /**
     * The next epoch of batches, for DJL's loops: the first iteration is epoch 1, the next epoch 2,
     * and so on. Each batch owns a sub-manager of {@code manager} that closing the batch frees,
     * together with every intermediate array computed from it.
     */
    @Override
    public Iterable<Batch> getData(NDManager manager) {
        return () -> new BatchIterator(manager, ++epochsServed);
    }

    /**
     * The batches of a given epoch, in the order that epoch draws (always the same for the same
     * seed and epoch). Each batch owns a sub-manager of {@code manager}, as in {@link #getData}.
     *
     * @param manager the parent of the batches' managers
     * @param epoch the epoch, 1-based
     * @return the batches
     */
    public Iterable<Batch> epoch(NDManager manager, int epoch) {
        return () -> new BatchIterator(manager, epoch);
    }

    /** Nothing to prepare: the arrays are already in memory. */
    @Override
    public void prepare(Progress progress) {
        // the data is given as arrays; there is nothing to download or decode
    }

    private static long[] permutation(int n, Random shuffler) {
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = shuffler.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /**
     * Cuts the epoch's batches. The permutation lives in its own manager, closed once the last
     * batch is cut, so it never outlives the epoch, even under DJL's {@code EasyTrain}, which hands
     * every epoch the trainer's long-lived manager.
     */
    private final class BatchIterator implements Iterator<Batch> {
        private final NDManager manager;
        private final NDManager epochManager;
        private final NDArray permutation;
        private int next;

        BatchIterator(NDManager manager, int epoch) {
            this.manager = manager;
            this.epochManager = manager.newSubManager();
            this.permutation = shuffleSeed == null ? null : epochManager.create(permutation(arrays.size(),
                    new Random(EpochSeeds.of(shuffleSeed, epoch, EpochSeeds.SHUFFLE))));
        }

        @Override
        public boolean hasNext() {
            return next < arrays.size();
        }

        private LabeledArrays gather(int from, int to, NDManager batchManager) {
            NDArray indices = permutation.get(new NDIndex().addSliceDim(from, to));
            indices.attach(batchManager);
            return new LabeledArrays(arrays.features().get(indices), arrays.labels().get(indices));
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int to = Math.min(next + batchSize, arrays.size());
            NDManager batchManager = manager.newSubManager();
            LabeledArrays slice = permutation == null ? arrays.slice(next, to) : gather(next, to, batchManager);
            // results of an operation belong to the operand's manager (the long-lived data); move them
            NDList data = new NDList(slice.features());
            NDList labels = new NDList(slice.labels());
            data.attach(batchManager);
            labels.attach(batchManager);
            Batch batch = new Batch(batchManager, data, labels, to - next, Batchifier.STACK, Batchifier.STACK,
                    to, arrays.size());
            next = to;
            if (!hasNext()) {
                epochManager.close();
            }
            return batch;
        }
    }
}

package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;
import java.util.Map;

/**
 * Loss and accuracy of a model on a whole split, computed without gradient in inference mode
 * (dropout off, batch normalization with its running statistics). The loss is the mean over
 * samples. {@link Training} evaluates the validation split with it after every epoch; a listener
 * evaluates any other split the same way (e.g. {@code listener.EvaluateEachEpoch} for the test set).
 *
 * @param loss mean loss per sample
 * @param accuracy fraction of samples classified correctly
 */
public record Evaluation(double loss, double accuracy) {

    /**
     * Evaluates the trainer's model on the data, without telling DJL's listeners.
     *
     * @param trainer the trainer (its loss and block)
     * @param data the split
     * @return loss and accuracy
     */
    public static Evaluation of(Trainer trainer, LabeledArrays data) {
        return of(trainer, data, false);
    }

    /**
     * Evaluates the trainer's model on the data.
     *
     * @param trainer the trainer (its loss and block)
     * @param data the split
     * @param notifyListeners whether DJL listeners hear of each batch as a validation batch
     * @return loss and accuracy
     */
    static Evaluation of(Trainer trainer, LabeledArrays data, boolean notifyListeners) {
        TensorBatches batches = new TensorBatches(data, Inference.BATCH, null);
        try (EpochAccumulator totals = new EpochAccumulator(trainer.getManager(), 0, batches.batchesPerEpoch())) {
            for (Batch batch : batches.getData(trainer.getManager())) {
                try (batch) {
                    NDList predictions = trainer.evaluate(batch.getData());
                    NDArray loss = accumulate(totals, trainer, batch, predictions);
                    if (notifyListeners) {
                        BatchData batchData = new BatchData(batch, Map.of(loss.getDevice(), batch.getLabels()),
                                Map.of(loss.getDevice(), predictions));
                        trainer.notifyListeners(l -> l.onValidationBatch(trainer, batchData));
                    }
                }
            }
            return of(totals);
        }
    }

    /**
     * Evaluates the trainer's model with test-time augmentation by mirroring: each image and its
     * left–right mirror image go through the model, and their predicted class probabilities are
     * averaged. The loss and accuracy are those of the averaged prediction: the trainer's loss is
     * given {@code log p̄} as logits, whose softmax is {@code p̄} itself, so a softmax cross-entropy
     * (smoothed or not) sees exactly the averaged probabilities. {@code log p̄} is computed as
     * {@code m + log(exp(a − m) + exp(b − m)) − log 2} from the two log-softmaxes {@code a, b} and
     * their maximum {@code m}, so that a class both passes deem impossible gives a large finite
     * loss rather than {@code −log 0}. The mirror flips the last axis: the width of {@code (N, C, H, W)}
     * or {@code (N, H, W)} images, as {@code transform.RandomFlipHorizontal} does in training.
     * It costs two forward passes per image; the plain evaluation comes with it for free.
     *
     * <p>Keras and DJL have no such evaluation; it is the usual "flip TTA" of image
     * classification, worth doing where the training batches were flipped too (a mirrored
     * shirt is a shirt).
     *
     * @param trainer the trainer (its loss and block)
     * @param data the split, images with the width on the last axis
     * @return the averaged predictions' loss and accuracy, and the plain ones of the same pass
     * @throws IllegalArgumentException if the features are not images
     */
    public static Mirrored ofMirrored(Trainer trainer, LabeledArrays data) {
        int widthAxis = data.features().getShape().dimension() - 1;
        if (widthAxis < 2) {
            throw new IllegalArgumentException("mirroring needs images (N, H, W) or (N, C, H, W), got features of shape "
                    + data.features().getShape());
        }
        TensorBatches batches = new TensorBatches(data, Inference.BATCH, null);
        NDManager manager = trainer.getManager();
        try (EpochAccumulator averagedTotals = new EpochAccumulator(manager, 0, batches.batchesPerEpoch());
                EpochAccumulator plainTotals = new EpochAccumulator(manager, 0, batches.batchesPerEpoch())) {
            for (Batch batch : batches.getData(manager)) {
                try (batch) {
                    NDArray images = batch.getData().singletonOrThrow();
                    NDList plain = trainer.evaluate(new NDList(images));
                    NDArray a = plain.singletonOrThrow().logSoftmax(1);
                    NDArray b = trainer.evaluate(new NDList(images.flip(widthAxis))).singletonOrThrow().logSoftmax(1);
                    NDArray top = NDArrays.maximum(a, b);
                    NDList averaged = new NDList(a.sub(top).exp().add(b.sub(top).exp()).log().add(top)
                            .sub((float) Math.log(2)));
                    accumulate(plainTotals, trainer, batch, plain);
                    accumulate(averagedTotals, trainer, batch, averaged);
                }
            }
            return new Mirrored(of(averagedTotals), of(plainTotals));
        }
    }

    /** Adds one batch's predictions to the totals; returns the batch's loss under the trainer's loss. */
    private static NDArray accumulate(EpochAccumulator totals, Trainer trainer, Batch batch, NDList predictions) {
        NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), predictions);
        totals.add(loss, batch.getSize(), predictions, batch.getLabels());
        return loss;
    }

    /** The mean loss per sample and the accuracy the totals hold. */
    private static Evaluation of(EpochAccumulator totals) {
        return new Evaluation(totals.lossSum() / totals.samples(), totals.accuracy());
    }

    /**
     * A mirrored evaluation ({@link #ofMirrored}) and the plain one of the same forward passes.
     *
     * @param averaged the loss and accuracy of the probabilities averaged over each image and its mirror image
     * @param plain the loss and accuracy of the images alone, as {@link #of} gives
     */
    public record Mirrored(Evaluation averaged, Evaluation plain) {}
}

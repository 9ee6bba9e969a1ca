package org.atelier.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
                    NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), predictions);
                    totals.add(loss, batch.getSize(), predictions, batch.getLabels());
                    if (notifyListeners) {
                        BatchData batchData = new BatchData(batch, Map.of(loss.getDevice(), batch.getLabels()),
                                Map.of(loss.getDevice(), predictions));
                        trainer.notifyListeners(l -> l.onValidationBatch(trainer, batchData));
                    }
                }
            }
            return new Evaluation(totals.lossSum() / totals.samples(), totals.accuracy());
        }
    }
}

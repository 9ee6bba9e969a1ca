/**
 * Trained models as self-describing directories, loaded back in any process to classify new
 * images: {@link org.atelier.core.prediction.SavedModel} (save, load, classify), its manifest
 * {@link org.atelier.core.prediction.ModelManifest}, the input scaling it needs ({@link
 * org.atelier.core.prediction.Normalization}), and the models a run saved, one of them the default
 * ({@link org.atelier.core.prediction.RunModels}).
 */
package org.atelier.core.prediction;

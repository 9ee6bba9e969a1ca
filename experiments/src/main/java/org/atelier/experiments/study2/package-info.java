/**
 * Study 2: CNN techniques on Fashion-MNIST (the PyTorch-example CNN, MNIST pre-training): the
 * learning-rate sweep, augmentation, batch normalization, frozen-layer fine-tuning and their
 * comparison ({@code cnn-*}), {@code tsne-features} (a t-SNE map of fc1's features) and {@code
 * activation-maximization} (the images that maximize each class's logit). All prose is in {@link
 * Study2Report}, {@link TsneReport} and {@link ActivationMaximizationReport}.
 */
package org.atelier.experiments.study2;

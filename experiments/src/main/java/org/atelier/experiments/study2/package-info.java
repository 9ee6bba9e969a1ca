/**
 * Study 2: CNN techniques on Fashion-MNIST. Here: {@code tsne-features}, a t-SNE map of the
 * PyTorch-example CNN's fc1 features and how well they separate the classes.
 */
package org.atelier.experiments.study2;

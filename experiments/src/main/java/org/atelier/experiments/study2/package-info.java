/**
 * Study 2: CNN techniques on Fashion-MNIST. Here: {@code activation-maximization}, what the
 * PyTorch-example CNN learned, shown as the images that maximize each class's logit.
 */
package org.atelier.experiments.study2;

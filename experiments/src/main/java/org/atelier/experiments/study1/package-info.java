/**
 * Study 1 — softmax regression and one hidden layer on Fashion-MNIST: the experiments
 * {@code softmax-regression} and {@code hidden-layer-sweep}, and the protocol steps they share
 * ({@link org.atelier.experiments.study1.FashionProtocol}).
 */
package org.atelier.experiments.study1;

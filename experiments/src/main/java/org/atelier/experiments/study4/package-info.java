/**
 * Study 4: the fundamentals under deep learning. {@code autodiff} follows reverse-mode automatic
 * differentiation step by step on a small expression (graph, forward trace, reverse sweep, checked
 * against the engine's autograd and finite differences) and one backpropagation step of a two-layer
 * network derived by hand; {@code activation-functions} shows nine activation functions and their
 * derivatives, where each saturates and what it does to N(0, 1) inputs; {@code vanishing-gradients}
 * measures per-layer gradient norms of deep networks and the remedies; {@code wine-evaluation}
 * evaluates a small classifier on the UCI wine data properly (stratified splits, leakage-free
 * scaling, cross-validation, baselines, confidence intervals, a paired test); {@code fmssvrc-mlp}
 * builds the best dense-only network for Fashion-MNIST. Each experiment's prose is in its own report
 * class; the study's name for {@code list} is {@link Study4#STUDY}.
 */
package org.atelier.experiments.study4;

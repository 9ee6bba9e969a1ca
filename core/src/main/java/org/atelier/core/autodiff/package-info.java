/**
 * Reverse-mode automatic differentiation made visible: a scalar computational {@link
 * org.atelier.core.autodiff.Graph} with its reverse sweep, expressions read from text ({@link
 * org.atelier.core.autodiff.Expression}), the trace tables and drawing of a sweep ({@link
 * org.atelier.core.autodiff.Trace}), and the checks a gradient is held to: the engine's autograd in
 * float64 ({@link org.atelier.core.autodiff.Autograd}), central {@link
 * org.atelier.core.autodiff.FiniteDifferences}, and, for a two-layer network, backpropagation
 * derived by hand ({@link org.atelier.core.autodiff.TwoLayerNetwork}). Training uses DJL's {@code
 * GradientCollector}; this package is for teaching and checking.
 */
package org.atelier.core.autodiff;

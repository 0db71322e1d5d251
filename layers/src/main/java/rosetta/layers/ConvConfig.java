package rosetta.layers;

import rosetta.layers.init.Initializer;
import rosetta.tensor.Layout;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.Padding;

/**
 * Everything a {@link Conv2d} needs, fixed at construction. {@code flipKernel} makes it a true
 * convolution (Theano's and Lasagne's default) instead of a cross-correlation; {@code biasInit} is
 * ignored when {@code bias} is off.
 */
public record ConvConfig(String name, int inChannels, int outChannels, int kernelHeight, int kernelWidth,
        int stride, Padding padding, boolean bias, boolean flipKernel, Layout layout,
        Initializer weightInit, Initializer biasInit, AlgorithmPolicy policy) {

    public ConvConfig {
        if (inChannels <= 0 || outChannels <= 0 || kernelHeight <= 0 || kernelWidth <= 0 || stride <= 0) {
            throw new IllegalArgumentException(name + ": channels, kernel and stride must be positive, got "
                    + inChannels + "->" + outChannels + " channels, kernel " + kernelHeight + "x" + kernelWidth
                    + ", stride " + stride);
        }
        if (padding == null || layout == null || weightInit == null || policy == null
                || (bias && biasInit == null)) {
            throw new IllegalArgumentException(name + ": padding, layout, weight initialiser, algorithm policy"
                    + " and (with a bias) bias initialiser must all be given");
        }
    }
}

package rosetta.tensor.cpu;

import rosetta.tensor.DType;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;

/**
 * The definition of convolution as loops over every output and kernel tap, for any layout, padding,
 * stride, flip and floating type: the oracle for the fast algorithms.
 */
final class ReferenceConv implements ConvAlgorithm {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public boolean supports(ConvGeometry g, DType dtype, ConvPass pass) {
        return dtype.isFloating();
    }

    @Override
    public ConvScratch scratch(ConvGeometry g, ConvPass pass, int threads) {
        return ConvScratch.NONE;
    }

    @Override
    public void forward(ConvCall call) {
        ConvGeometry g = call.g;
        Elements x = Elements.of(call.x);
        Elements w = Elements.of(call.weight);
        Elements y = Elements.of(call.out);
        Elements bias = call.bias == null ? null : Elements.of(call.bias);
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        double acc = 0;
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int r = 0; r < g.kernelHeight(); r++) {
                                int ih = oh * g.strideHeight() - g.padTop() + r;
                                if (ih < 0 || ih >= g.inHeight()) {
                                    continue;
                                }
                                for (int s = 0; s < g.kernelWidth(); s++) {
                                    int iw = ow * g.strideWidth() - g.padLeft() + s;
                                    if (iw >= 0 && iw < g.inWidth()) {
                                        acc += x.get(ConvIndex.input(g, n, c, ih, iw))
                                                * w.get(ConvIndex.weight(g, k, c, r, s));
                                    }
                                }
                            }
                        }
                        // rounded to the output's type after each step, as separate conv, bias and activation ops are
                        int at = ConvIndex.output(g, n, k, oh, ow);
                        y.set(at, acc);
                        if (bias != null) {
                            y.add(at, bias.get(k));
                        }
                        if (call.activation != null) {
                            y.set(at, activate(call.activation, y.get(at)));
                        }
                    }
                }
            }
        }
    }

    /** The definitions {@link CpuActivation} computes; null is the identity. */
    private static double activate(Activation kind, double v) {
        if (kind == null) {
            return v;
        }
        return switch (kind) {
            case RELU -> v > 0 || Double.isNaN(v) ? v : 0;
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case TANH -> Math.tanh(v);
        };
    }

    @Override
    public void backwardData(ConvCall call) {
        ConvGeometry g = call.g;
        Elements dy = Elements.of(call.dy);
        Elements w = Elements.of(call.weight);
        Elements dx = Elements.of(call.out);
        for (int i = 0; i < dx.length; i++) {
            dx.set(i, 0);
        }
        forEachTap(g, (n, k, oh, ow, c, r, s, ih, iw) -> dx.add(ConvIndex.input(g, n, c, ih, iw),
                dy.get(ConvIndex.output(g, n, k, oh, ow)) * w.get(ConvIndex.weight(g, k, c, r, s))));
    }

    @Override
    public void backwardFilter(ConvCall call) {
        ConvGeometry g = call.g;
        Elements x = Elements.of(call.x);
        Elements dy = Elements.of(call.dy);
        Elements dw = Elements.of(call.out);
        for (int i = 0; i < dw.length; i++) {
            dw.set(i, 0);
        }
        forEachTap(g, (n, k, oh, ow, c, r, s, ih, iw) -> dw.add(ConvIndex.weight(g, k, c, r, s),
                dy.get(ConvIndex.output(g, n, k, oh, ow)) * x.get(ConvIndex.input(g, n, c, ih, iw))));
    }

    private interface Tap {
        void visit(int n, int k, int oh, int ow, int c, int r, int s, int ih, int iw);
    }

    /** Visits every (output position, kernel tap) pair that reads an input pixel inside the image. */
    private static void forEachTap(ConvGeometry g, Tap tap) {
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int r = 0; r < g.kernelHeight(); r++) {
                                int ih = oh * g.strideHeight() - g.padTop() + r;
                                if (ih < 0 || ih >= g.inHeight()) {
                                    continue;
                                }
                                for (int s = 0; s < g.kernelWidth(); s++) {
                                    int iw = ow * g.strideWidth() - g.padLeft() + s;
                                    if (iw >= 0 && iw < g.inWidth()) {
                                        tap.visit(n, k, oh, ow, c, r, s, ih, iw);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

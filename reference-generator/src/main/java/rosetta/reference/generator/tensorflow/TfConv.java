package rosetta.reference.generator.tensorflow;

import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.Conv2dBackpropFilter;
import org.tensorflow.op.nn.Conv2dBackpropInput;
import org.tensorflow.types.TFloat32;
import rosetta.reference.generator.Fixture;
import rosetta.reference.generator.Layouts;
import rosetta.reference.generator.Values;
import rosetta.reference.generator.cases.ConvCase;

/**
 * TensorFlow's Conv2D with BiasAdd, and the kernels of its gradient (Conv2DBackpropInput,
 * Conv2DBackpropFilter, BiasAddGrad), with VALID, SAME and explicit padding. SAME on the 6x5 input at
 * stride 2 pads 0 rows above and 1 below: the odd pixel goes after. TensorFlow stores the kernel HWIO
 * and its CPU kernels are NHWC-only, so the NCHW cases are transposed to NHWC around the TF ops; the
 * fixtures are written in the engine's layouts, the kernel as [K,C,kh,kw] (NCHW) or [K,kh,kw,C] (NHWC).
 */
final class TfConv {
    private static final List<ConvCase> CASES = List.of(
            ConvCase.explicit("nhwc-valid-stride1", false, 5, 1, 0),
            ConvCase.explicit("nhwc-valid-stride2", false, 5, 2, 0),
            ConvCase.same("nhwc-same-stride1", false, 1),
            ConvCase.same("nhwc-same-stride2", false, 2),
            ConvCase.explicit("nhwc-pad1-stride2", false, 5, 2, 1),
            ConvCase.same("nchw-same-stride2", true, 2),
            ConvCase.explicit("nchw-valid-stride1", true, 5, 1, 0));

    private TfConv() {
    }

    static void write(Consumer<Fixture> out) {
        for (ConvCase c : CASES) {
            out.accept(run(c));
        }
    }

    private static Fixture run(ConvCase c) {
        Values v = Values.named("tensorflow/conv2d-" + c.name());
        int[] in = c.inputShape();
        int[] yShape = c.outputShape();
        float[] x = v.uniform(in[0] * in[1] * in[2] * in[3]);
        float[] w = v.uniform(ConvCase.K * ConvCase.C * c.kernel() * c.kernel(), 0.5f);
        float[] b = v.uniform(ConvCase.K, 0.5f);
        float[] dy = v.uniform(yShape[0] * yShape[1] * yShape[2] * yShape[3]);

        int[] nhwcIn = c.nchw() ? Layouts.permuteShape(in, Layouts.NCHW_TO_NHWC) : in;
        int[] nhwcOut = c.nchw() ? Layouts.permuteShape(yShape, Layouts.NCHW_TO_NHWC) : yShape;
        int[] hwio = {c.kernel(), c.kernel(), ConvCase.C, ConvCase.K};
        float[] xNhwc = c.nchw() ? Layouts.permute(x, in, Layouts.NCHW_TO_NHWC) : x;
        float[] dyNhwc = c.nchw() ? Layouts.permute(dy, yShape, Layouts.NCHW_TO_NHWC) : dy;
        float[] wHwio = c.nchw() ? Layouts.permute(w, c.weightShape(), Layouts.KCHW_TO_HWIO)
                : Layouts.permute(w, c.weightShape(), 1, 2, 3, 0);

        float[][] r;
        try (TfGraph g = new TfGraph()) {
            Operand<TFloat32> tx = g.constant(xNhwc, nhwcIn);
            Operand<TFloat32> tw = g.constant(wHwio, hwio);
            Operand<TFloat32> tdy = g.constant(dyNhwc, nhwcOut);
            List<Long> strides = TfGraph.longs(1, c.stride(), c.stride(), 1);
            String padding = c.isSame() ? "SAME" : c.padding()[0] == 0 ? "VALID" : "EXPLICIT";
            List<Long> explicit = explicitPaddings(c);
            Operand<TFloat32> y = g.tf.nn.biasAdd(
                    g.tf.nn.conv2d(tx, tw, strides, padding, Conv2d.explicitPaddings(explicit)),
                    g.constant(b, ConvCase.K));
            Operand<TFloat32> dx = g.tf.nn.conv2dBackpropInput(g.ints(nhwcIn), tw, tdy, strides, padding,
                    Conv2dBackpropInput.explicitPaddings(explicit));
            Operand<TFloat32> dw = g.tf.nn.conv2dBackpropFilter(tx, g.ints(hwio), tdy, strides, padding,
                    Conv2dBackpropFilter.explicitPaddings(explicit));
            Operand<TFloat32> db = g.tf.nn.biasAddGrad(tdy);
            r = g.fetch(y, dx, dw, db);
        }
        float[] yOut = c.nchw() ? Layouts.permute(r[0], nhwcOut, Layouts.NHWC_TO_NCHW) : r[0];
        float[] dxOut = c.nchw() ? Layouts.permute(r[1], nhwcIn, Layouts.NHWC_TO_NCHW) : r[1];
        float[] dwOut = Layouts.permute(r[2], hwio, c.nchw() ? Layouts.HWIO_TO_KCHW : Layouts.HWIO_TO_KHWC);

        Fixture f = new Fixture(TfGraph.FRAMEWORK, TfGraph.version(), "conv2d", c.name(),
                "Conv2D + BiasAdd; Conv2DBackpropInput, Conv2DBackpropFilter, BiasAddGrad "
                        + "(tensorflow/core/kernels/conv_ops.cc, conv_grad_*_ops.cc)");
        c.describe(f, false).tolerance(1e-5, 1e-4);
        if (c.nchw()) {
            f.note("TensorFlow's CPU convolution is NHWC-only: computed in NHWC, arrays transposed to NCHW");
        }
        return f.array("x", in, x)
                .array("weight", c.weightShape(), w)
                .array("bias", new int[] {ConvCase.K}, b)
                .array("dy", yShape, dy)
                .array("y", yShape, yOut)
                .array("dx", in, dxOut)
                .array("dweight", c.weightShape(), dwOut)
                .array("dbias", new int[] {ConvCase.K}, r[3]);
    }

    /** Conv2D's explicit_paddings: before/after per NHWC dimension; empty unless padding is EXPLICIT. */
    private static List<Long> explicitPaddings(ConvCase c) {
        if (c.isSame() || c.padding()[0] == 0) {
            return List.of();
        }
        int[] p = c.padding();
        return TfGraph.longs(0, 0, p[0], p[1], p[2], p[3], 0, 0);
    }
}

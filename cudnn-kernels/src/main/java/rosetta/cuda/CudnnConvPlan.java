package rosetta.cuda;

import java.util.EnumMap;
import java.util.Map;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnConvolutionMode;
import jcuda.jcudnn.cudnnDataType;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;

/**
 * A convolution geometry as cuDNN descriptors, one convolution descriptor per pass (each carries the
 * math type of its pass's algorithm, as PyTorch's Conv_v7.cpp sets them), and the algorithm chosen per pass.
 */
final class CudnnConvPlan implements ConvPlan {
    final ConvGeometry geometry;
    final cudnnTensorDescriptor x;
    final cudnnTensorDescriptor y;
    final cudnnTensorDescriptor bias;
    final cudnnFilterDescriptor weight;
    private final Map<ConvPass, cudnnConvolutionDescriptor> convolutions = new EnumMap<>(ConvPass.class);
    private final Map<ConvPass, ConvAlgorithmChoice> chosen = new EnumMap<>(ConvPass.class);

    /**
     * Descriptors for {@code g}. cuDNN pads both sides of an axis equally, so an asymmetric padding (an odd
     * TensorFlow SAME total) is refused here rather than computed differently from the CPU.
     */
    CudnnConvPlan(ConvGeometry g, int mathType) {
        if (g.padTop() != g.padBottom() || g.padLeft() != g.padRight()) {
            throw new IllegalArgumentException("the cuda backend pads convolutions symmetrically (cuDNN); padding "
                    + "top/bottom " + g.padTop() + "/" + g.padBottom() + ", left/right " + g.padLeft() + "/"
                    + g.padRight() + " of " + g.inputShape() + " needs the cpu backend");
        }
        this.geometry = g;
        this.x = Descriptors.tensor(g.layout(), g.batch(), g.inChannels(), g.inHeight(), g.inWidth());
        this.y = Descriptors.tensor(g.layout(), g.batch(), g.outChannels(), g.outHeight(), g.outWidth());
        this.bias = Descriptors.tensor(g.layout(), 1, g.outChannels(), 1, 1);
        this.weight = Descriptors.filter(g.layout(), g.outChannels(), g.inChannels(), g.kernelHeight(), g.kernelWidth());
        for (ConvPass pass : ConvPass.values()) {
            cudnnConvolutionDescriptor d = new cudnnConvolutionDescriptor();
            Status.cudnn(JCudnn.cudnnCreateConvolutionDescriptor(d), "cudnnCreateConvolutionDescriptor");
            // Theano/Lasagne's filter_flip is cuDNN's CUDNN_CONVOLUTION; every other framework cross-correlates
            int mode = g.flipKernel() ? cudnnConvolutionMode.CUDNN_CONVOLUTION : cudnnConvolutionMode.CUDNN_CROSS_CORRELATION;
            Status.cudnn(JCudnn.cudnnSetConvolution2dDescriptor(d, g.padTop(), g.padLeft(), g.strideHeight(),
                    g.strideWidth(), 1, 1, mode, cudnnDataType.CUDNN_DATA_FLOAT), "cudnnSetConvolution2dDescriptor");
            Status.cudnn(JCudnn.cudnnSetConvolutionMathType(d, mathType), "cudnnSetConvolutionMathType");
            convolutions.put(pass, d);
        }
    }

    cudnnConvolutionDescriptor convolution(ConvPass pass) {
        return convolutions.get(pass);
    }

    void choose(ConvAlgorithmChoice choice) {
        Status.cudnn(JCudnn.cudnnSetConvolutionMathType(convolutions.get(choice.pass()), choice.mathType()),
                "cudnnSetConvolutionMathType");
        chosen.put(choice.pass(), choice);
    }

    ConvAlgorithmChoice choice(ConvPass pass) {
        return chosen.get(pass);
    }

    long workspaceBytes() {
        long max = 0;
        for (ConvAlgorithmChoice c : chosen.values()) {
            max = Math.max(max, c.workspaceBytes());
        }
        return max;
    }

    static CudnnConvPlan of(ConvPlan plan) {
        if (!(plan instanceof CudnnConvPlan p)) {
            throw new IllegalArgumentException("not a cuda convolution plan: " + plan);
        }
        return p;
    }

    @Override
    public ConvGeometry geometry() {
        return geometry;
    }

    @Override
    public Map<ConvPass, String> algorithms() {
        Map<ConvPass, String> names = new EnumMap<>(ConvPass.class);
        chosen.forEach((pass, c) -> names.put(pass, c.name()));
        return names;
    }

    @Override
    public void close() {
        for (cudnnConvolutionDescriptor d : convolutions.values()) {
            JCudnn.cudnnDestroyConvolutionDescriptor(d);
        }
        Descriptors.destroy(x);
        Descriptors.destroy(y);
        Descriptors.destroy(bias);
        Descriptors.destroy(weight);
    }
}

package rosetta.cuda.check;

import java.util.ArrayList;
import java.util.List;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.GruPlan;
import rosetta.tensor.ops.GruSpec;
import rosetta.tensor.ops.GruSpec.GateActivation;
import rosetta.tensor.ops.GruSpec.GateOrder;
import rosetta.tensor.ops.GruSpec.ResetGate;
import rosetta.tensor.ops.GruSpec.UpdateWeights;

/**
 * The GRU against the CPU, forward and backward: every variant (the cuDNN form on cuDNN, the others on
 * cuBLAS and own kernels), each twice on one plan with new inputs and weights, so that a plan that kept
 * the first call's weights or state would fail the second. Tolerances: FP32 GEMMs against the CPU's, in
 * another order, and cuDNN's float sigmoid and tanh against Java's double ones, over five steps; TF32
 * rounds the GEMM inputs to 10 mantissa bits.
 */
final class GruCheck {
    private static final int BATCH = 3;
    private static final int STEPS = 5;
    private static final int INPUT = 4;
    private static final int HIDDEN = 6;
    private static final double FP32_Y = 3e-5;
    private static final double FP32_GRADIENT = 2e-4;
    private static final double TF32_Y = 2e-2;
    private static final double TF32_GRADIENT = 5e-2;

    private GruCheck() {
    }

    /**
     * Every combination of reset gate, bias sets, update weights and gate activation, the gate order in a
     * checkerboard over them (as GruTest chooses it) and h0 given to every other one; then the cuDNN form
     * in the other gate order without h0, dx and dh0 (all null), and the cuDNN form with TF32.
     */
    static List<CudaOpChecks.OpCheck> all() {
        List<CudaOpChecks.OpCheck> out = new ArrayList<>();
        int combination = 0;
        for (ResetGate reset : ResetGate.values()) {
            for (boolean twoBiases : new boolean[] {true, false}) {
                for (UpdateWeights update : UpdateWeights.values()) {
                    for (GateActivation act : GateActivation.values()) {
                        GateOrder order = (Integer.bitCount(combination) & 1) == 0 ? GateOrder.RZN : GateOrder.ZRN;
                        GruSpec spec = new GruSpec(INPUT, HIDDEN, reset, twoBiases, update, act, order);
                        boolean withH0 = combination % 2 == 0;
                        String name = "gru/" + describe(spec) + (withH0 ? "-h0" : "");
                        out.add(new CudaOpChecks.OpCheck(name, d -> run(d, name, d.gpu(), spec, withH0, true,
                                FP32_Y, FP32_GRADIENT)));
                        combination++;
                    }
                }
            }
        }
        GruSpec zrn = new GruSpec(INPUT, HIDDEN, ResetGate.AFTER_MATMUL, true, UpdateWeights.OLD_STATE,
                GateActivation.SIGMOID, GateOrder.ZRN);
        out.add(new CudaOpChecks.OpCheck("gru/cudnn-zrn-no-h0-dx-dh0", d -> run(d, "gru/cudnn-zrn-no-h0-dx-dh0",
                d.gpu(), zrn, false, false, FP32_Y, FP32_GRADIENT)));
        GruSpec benchmark = GruSpec.cudnn(INPUT, HIDDEN);
        out.add(new CudaOpChecks.OpCheck("gru/cudnn-tf32", d -> run(d, "gru/cudnn-tf32", d.tf32(), benchmark, true,
                true, TF32_Y, TF32_GRADIENT)));
        return out;
    }

    private static String describe(GruSpec s) {
        return (s.resetGate() == ResetGate.AFTER_MATMUL ? "reset-after" : "reset-before")
                + (s.recurrentBias() ? "-two-biases" : "-one-bias")
                + (s.updateWeights() == UpdateWeights.OLD_STATE ? "-z-old-state" : "-z-candidate")
                + (s.gateActivation() == GateActivation.SIGMOID ? "-sigmoid" : "-hard-sigmoid")
                + "-" + s.gateOrder().name().toLowerCase();
    }

    /**
     * {@code withInputGrads}: dx and (with h0) dh0 are asked for; without, both are null, as for a GRU
     * that is the model's first layer.
     */
    private static CheckResult run(CudaOpChecks.Devices d, String name, Backend gpu, GruSpec spec, boolean withH0,
            boolean withInputGrads, double yTol, double gradientTol) {
        Comparison c = new Comparison(name);
        try (TensorScope s = new TensorScope()) {
            Side cpu = new Side(d.cpu(), s, spec, withH0, withInputGrads);
            Side cuda = new Side(gpu, s, spec, withH0, withInputGrads);
            c.note(cuda.plan.toString());
            for (int round = 0; round < 2; round++) {
                cpu.run(round);
                cuda.run(round);
                String r = " (round " + round + ")";
                c.close("y" + r, cpu.y.toFloatArray(), cuda.y.toFloatArray(), yTol, yTol);
                if (withInputGrads) {
                    c.close("dx" + r, cpu.dx.toFloatArray(), cuda.dx.toFloatArray(), gradientTol, gradientTol);
                }
                if (withInputGrads && withH0) {
                    c.close("dh0" + r, cpu.dh0.toFloatArray(), cuda.dh0.toFloatArray(), gradientTol, gradientTol);
                }
                for (int i = 0; i < cpu.gradients.length; i++) {
                    if (cpu.gradients[i] != null) {
                        c.close(Side.GRADIENT_NAMES[i] + r, cpu.gradients[i].toFloatArray(),
                                cuda.gradients[i].toFloatArray(), gradientTol, gradientTol);
                    }
                }
            }
        }
        return c.result();
    }

    /** One backend's plan, inputs, weights and gradients. */
    private static final class Side {
        static final String[] GRADIENT_NAMES = {"dWeightIh", "dWeightHh", "dBiasIh", "dBiasHh"};

        final Backend b;
        final GruPlan plan;
        final Tensor x;
        final Tensor h0;
        final Tensor[] parameters;
        final Tensor y;
        final Tensor dy;
        final Tensor dx;
        final Tensor dh0;
        final Tensor[] gradients;

        Side(Backend b, TensorScope s, GruSpec spec, boolean withH0, boolean withInputGrads) {
            this.b = b;
            this.plan = s.keep(b.ops().gru().plan(spec, BATCH, STEPS, DType.FLOAT32));
            int gateRows = 3 * spec.hiddenSize();
            Shape[] shapes = {Shape.of(gateRows, spec.inputSize()), Shape.of(gateRows, spec.hiddenSize()),
                Shape.of(gateRows), Shape.of(gateRows)};
            this.parameters = new Tensor[4];
            this.gradients = new Tensor[4];
            for (int i = 0; i < 4; i++) {
                if (i < 3 || spec.recurrentBias()) {
                    parameters[i] = s.zeros(b, shapes[i]);
                    gradients[i] = s.zeros(b, shapes[i]);
                }
            }
            this.x = s.zeros(b, plan.inputShape());
            this.h0 = withH0 ? s.zeros(b, plan.stateShape()) : null;
            this.y = s.zeros(b, plan.outputShape());
            this.dy = s.zeros(b, plan.outputShape());
            this.dx = withInputGrads ? s.zeros(b, plan.inputShape()) : null;
            this.dh0 = withInputGrads && withH0 ? s.zeros(b, plan.stateShape()) : null;
        }

        /** Round r's inputs and weights (the same seeds on both backends), then forward and backward. */
        void run(int round) {
            long seed = 70 + 10 * round;
            fill(x, seed, 1);
            if (h0 != null) {
                fill(h0, seed + 1, 1);
            }
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] != null) {
                    fill(parameters[i], seed + 2 + i, 0.5);
                }
            }
            fill(dy, seed + 6, 1);
            b.ops().gru().forward(plan, x, h0, parameters[0], parameters[1], parameters[2], parameters[3], y);
            b.ops().gru().backward(plan, x, h0, parameters[0], parameters[1], y, dy, dx, dh0, gradients[0],
                    gradients[1], gradients[2], gradients[3]);
        }

        private void fill(Tensor t, long seed, double scale) {
            b.copyFromHost(CudaOpChecks.uniform(Math.toIntExact(t.size()), seed, scale), 0, t);
        }
    }
}

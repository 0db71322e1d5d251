package rosetta.tensor.cpu;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvOps;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;

/**
 * Convolution on the CPU: picks an algorithm per pass as the policy says and runs it. {@code heuristic}
 * takes the first applicable candidate in the fixed order of {@link #candidates}; {@code exhaustive}
 * times every applicable candidate once per geometry and pass and caches the fastest, as cudnnFind does.
 * The reference loops are never a candidate: they are the oracle, used only where no fast path applies.
 */
final class CpuConv implements ConvOps {
    private final CpuBackend backend;
    private final Supplier<Sgemm> sgemm;
    private final List<ConvAlgorithm> candidates;
    private final ConvAlgorithm reference = new ReferenceConv();
    private final Map<String, ConvAlgorithm> timedWinners = new HashMap<>();

    CpuConv(CpuBackend backend, Supplier<Sgemm> sgemm, List<ConvAlgorithm> candidates) {
        this.backend = backend;
        this.sgemm = sgemm;
        this.candidates = List.copyOf(candidates);
    }

    /** FLOAT64 plans run the reference loops: no fast path takes doubles. */
    @Override
    public CpuConvPlan plan(ConvGeometry g, DType dtype, AlgorithmPolicy policy) {
        Map<ConvPass, ConvAlgorithm> chosen = new EnumMap<>(ConvPass.class);
        for (ConvPass pass : ConvPass.values()) {
            List<ConvAlgorithm> applicable = applicable(g, dtype, pass, policy);
            ConvAlgorithm pick;
            if (applicable.isEmpty()) {
                pick = reference;
            } else if (policy.search() == AlgorithmPolicy.Search.EXHAUSTIVE && applicable.size() > 1) {
                pick = timedWinners.computeIfAbsent(key(g, dtype, pass, policy), k -> fastest(g, dtype, pass, applicable));
            } else {
                pick = applicable.get(0);
            }
            chosen.put(pass, pick);
        }
        return forAlgorithms(g, chosen);
    }

    /** A plan that runs the named algorithm for every pass (tests compare each against the reference). */
    CpuConvPlan forAlgorithms(ConvGeometry g, Map<ConvPass, ConvAlgorithm> chosen) {
        long floats = 0;
        for (Map.Entry<ConvPass, ConvAlgorithm> e : chosen.entrySet()) {
            floats = Math.max(floats, e.getValue().workspaceFloats(g, e.getKey()));
        }
        return new CpuConvPlan(g, chosen, new ConvWorkspace(floats, sgemm.get()));
    }

    List<ConvAlgorithm> candidates() {
        return candidates;
    }

    ConvAlgorithm reference() {
        return reference;
    }

    private List<ConvAlgorithm> applicable(ConvGeometry g, DType dtype, ConvPass pass, AlgorithmPolicy policy) {
        List<ConvAlgorithm> out = new ArrayList<>();
        for (ConvAlgorithm a : candidates) {
            boolean excluded = !policy.winograd() && a.name().startsWith("winograd");
            boolean fits = a.workspaceFloats(g, pass) * 4 <= policy.workspaceLimitBytes();
            if (!excluded && fits && a.supports(g, dtype, pass)) {
                out.add(a);
            }
        }
        return out;
    }

    private static String key(ConvGeometry g, DType dtype, ConvPass pass, AlgorithmPolicy policy) {
        return g + "/" + dtype + "/" + pass + "/" + policy.winograd() + "/" + policy.workspaceLimitBytes();
    }

    /** Runs each candidate once on scratch tensors of this geometry and returns the quickest. */
    private ConvAlgorithm fastest(ConvGeometry g, DType dtype, ConvPass pass, List<ConvAlgorithm> applicable) {
        try (Tensor x = backend.allocate(dtype, g.inputShape());
             Tensor w = backend.allocate(dtype, g.weightShape());
             Tensor y = backend.allocate(dtype, g.outputShape())) {
            backend.fill(x, 0.5);
            backend.fill(w, 0.25);
            backend.fill(y, 0.125);
            ConvAlgorithm best = null;
            long bestNanos = Long.MAX_VALUE;
            for (ConvAlgorithm a : applicable) {
                try (ConvWorkspace ws = new ConvWorkspace(a.workspaceFloats(g, pass), sgemm.get())) {
                    long start = System.nanoTime();
                    switch (pass) {
                        case FORWARD -> a.forward(g, x, w, y, ws);
                        case BACKWARD_DATA -> a.backwardData(g, y, w, x, ws);
                        case BACKWARD_FILTER -> a.backwardFilter(g, x, y, w, ws);
                    }
                    long nanos = System.nanoTime() - start;
                    if (nanos < bestNanos) {
                        bestNanos = nanos;
                        best = a;
                    }
                }
            }
            return best;
        }
    }

    @Override
    public void forward(ConvPlan plan, Tensor x, Tensor weight, Tensor bias, Tensor y) {
        CpuConvPlan p = CpuConvPlan.of(plan);
        ConvGeometry g = p.geometry();
        Checks.shapeIs(x, g.inputShape(), "convolution input");
        Checks.shapeIs(weight, g.weightShape(), "convolution weight");
        Checks.shapeIs(y, g.outputShape(), "convolution output");
        p.algorithm(ConvPass.FORWARD).forward(g, x, weight, y, p.workspace());
        if (bias != null) {
            Checks.shapeIs(bias, g.biasShape(), "convolution bias");
            backend.ops().bias().forward(bias, y, g.layout().channelAxis());
        }
    }

    @Override
    public void backwardData(ConvPlan plan, Tensor dy, Tensor weight, Tensor dx) {
        CpuConvPlan p = CpuConvPlan.of(plan);
        ConvGeometry g = p.geometry();
        Checks.shapeIs(dy, g.outputShape(), "convolution output gradient");
        Checks.shapeIs(weight, g.weightShape(), "convolution weight");
        Checks.shapeIs(dx, g.inputShape(), "convolution input gradient");
        p.algorithm(ConvPass.BACKWARD_DATA).backwardData(g, dy, weight, dx, p.workspace());
    }

    @Override
    public void backwardFilter(ConvPlan plan, Tensor x, Tensor dy, Tensor dWeight) {
        CpuConvPlan p = CpuConvPlan.of(plan);
        ConvGeometry g = p.geometry();
        Checks.shapeIs(x, g.inputShape(), "convolution input");
        Checks.shapeIs(dy, g.outputShape(), "convolution output gradient");
        Checks.shapeIs(dWeight, g.weightShape(), "convolution weight gradient");
        p.algorithm(ConvPass.BACKWARD_FILTER).backwardFilter(g, x, dy, dWeight, p.workspace());
    }

    @Override
    public void backwardBias(ConvPlan plan, Tensor dy, Tensor dBias) {
        ConvGeometry g = plan.geometry();
        Checks.shapeIs(dy, g.outputShape(), "convolution output gradient");
        Checks.shapeIs(dBias, g.biasShape(), "convolution bias gradient");
        backend.ops().bias().backward(dy, dBias, g.layout().channelAxis());
    }
}

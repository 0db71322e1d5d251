package rosetta.tensor.cpu;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import rosetta.tensor.Checks;
import rosetta.tensor.DType;
import rosetta.tensor.Tensor;
import rosetta.tensor.ops.Activation;
import rosetta.tensor.ops.AlgorithmPolicy;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvOps;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;

/**
 * Convolution on the CPU: picks an algorithm per pass as the policy says and runs it. {@code heuristic}
 * takes the first candidate, in the fixed order of {@link ConvAlgorithms#candidates}, that supports the
 * pass and {@linkplain ConvAlgorithm#pays pays} there; {@code exhaustive} times every supporting candidate
 * once per geometry and pass and keeps the fastest, as cudnnFind does (in a record on disk, see
 * {@link ConvChoiceCache}, so later runs choose alike). The reference loops are never a
 * candidate: they are the oracle, used only where no fast path applies (FLOAT64).
 */
final class CpuConv implements ConvOps {
    private final CpuBackend backend;
    private final List<ConvAlgorithm> candidates;
    private final ConvAlgorithm reference = new ReferenceConv();
    private final ConvChoiceCache winners;

    CpuConv(CpuBackend backend, List<ConvAlgorithm> candidates, ConvChoiceCache winners) {
        this.backend = backend;
        this.candidates = List.copyOf(candidates);
        this.winners = winners;
    }

    @Override
    public CpuConvPlan plan(ConvGeometry g, DType dtype, AlgorithmPolicy policy) {
        Map<ConvPass, ConvAlgorithm> chosen = new EnumMap<>(ConvPass.class);
        for (ConvPass pass : ConvPass.values()) {
            List<ConvAlgorithm> applicable = applicable(g, dtype, pass, policy);
            ConvAlgorithm pick;
            if (applicable.isEmpty()) {
                pick = reference;
            } else if (policy.search() == AlgorithmPolicy.Search.EXHAUSTIVE && applicable.size() > 1) {
                pick = recordedOrTimed(g, dtype, pass, policy, applicable);
            } else {
                pick = applicable.stream().filter(a -> a.pays(g, pass, backend.kernels()[0])).findFirst()
                        .orElse(applicable.get(applicable.size() - 1));
            }
            chosen.put(pass, pick);
        }
        return forAlgorithms(g, chosen);
    }

    /** A plan that runs the given algorithm per pass (tests compare each against the reference). */
    CpuConvPlan forAlgorithms(ConvGeometry g, Map<ConvPass, ConvAlgorithm> chosen) {
        ConvScratch size = ConvScratch.NONE;
        for (Map.Entry<ConvPass, ConvAlgorithm> e : chosen.entrySet()) {
            size = size.union(e.getValue().scratch(g, e.getKey(), backend.threads()));
        }
        return new CpuConvPlan(g, chosen, new ConvWorkspace(size, backend.workers(), backend.kernels()));
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
            if (!excluded && a.supports(g, dtype, pass)
                    && a.scratch(g, pass, backend.threads()).bytes(backend.threads()) <= policy.workspaceLimitBytes()) {
                out.add(a);
            }
        }
        return out;
    }

    /** The recorded winner for this shape on this machine, or the fastest now (then recorded). */
    private ConvAlgorithm recordedOrTimed(ConvGeometry g, DType dtype, ConvPass pass, AlgorithmPolicy policy,
            List<ConvAlgorithm> applicable) {
        String key = g + "/" + dtype + "/" + pass + "/winograd=" + policy.winograd() + "/workspace="
                + policy.workspaceLimitBytes() + "/threads=" + backend.threads() + "/" + backend.sgemmName();
        String recorded = winners.get(key);
        for (ConvAlgorithm a : applicable) {
            if (a.name().equals(recorded)) {
                return a;
            }
        }
        ConvAlgorithm best = fastest(g, dtype, pass, applicable);
        winners.put(key, best.name());
        return best;
    }

    /**
     * Runs each candidate on scratch tensors of this geometry and returns the quickest. Each runs twice and
     * the second run counts: the first also pays for compiling its loops, which a training run pays once.
     */
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
                try (CpuConvPlan plan = forAlgorithms(g, Map.of(pass, a))) {
                    long nanos = 0;
                    for (int run = 0; run < 2; run++) {
                        long start = System.nanoTime();
                        switch (pass) {
                            case FORWARD -> forward(plan, x, w, null, null, y);
                            case BACKWARD_DATA -> backwardData(plan, y, w, x);
                            case BACKWARD_FILTER -> backwardFilter(plan, x, y, w);
                        }
                        nanos = System.nanoTime() - start;
                    }
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
    public void forward(ConvPlan plan, Tensor x, Tensor weight, Tensor bias, Activation activation, Tensor y) {
        CpuConvPlan p = CpuConvPlan.of(plan);
        Checks.shapeIs(x, p.inputShape, "convolution input");
        Checks.shapeIs(weight, p.weightShape, "convolution weight");
        Checks.shapeIs(y, p.outputShape, "convolution output");
        if (bias != null) {
            Checks.shapeIs(bias, p.biasShape, "convolution bias");
        }
        ConvCall call = p.call().forward(x, weight, bias, activation, y);
        try {
            p.algorithm(ConvPass.FORWARD).forward(call);
        } finally {
            call.clear();
        }
    }

    @Override
    public void backwardData(ConvPlan plan, Tensor dy, Tensor weight, Tensor dx) {
        CpuConvPlan p = CpuConvPlan.of(plan);
        Checks.shapeIs(dy, p.outputShape, "convolution output gradient");
        Checks.shapeIs(weight, p.weightShape, "convolution weight");
        Checks.shapeIs(dx, p.inputShape, "convolution input gradient");
        ConvCall call = p.call().backwardData(dy, weight, dx);
        try {
            p.algorithm(ConvPass.BACKWARD_DATA).backwardData(call);
        } finally {
            call.clear();
        }
    }

    @Override
    public void backwardFilter(ConvPlan plan, Tensor x, Tensor dy, Tensor dWeight) {
        CpuConvPlan p = CpuConvPlan.of(plan);
        Checks.shapeIs(x, p.inputShape, "convolution input");
        Checks.shapeIs(dy, p.outputShape, "convolution output gradient");
        Checks.shapeIs(dWeight, p.weightShape, "convolution weight gradient");
        ConvCall call = p.call().backwardFilter(x, dy, dWeight);
        try {
            p.algorithm(ConvPass.BACKWARD_FILTER).backwardFilter(call);
        } finally {
            call.clear();
        }
    }

    @Override
    public void backwardBias(ConvPlan plan, Tensor dy, Tensor dBias) {
        CpuConvPlan p = CpuConvPlan.of(plan);
        Checks.shapeIs(dy, p.outputShape, "convolution output gradient");
        Checks.shapeIs(dBias, p.biasShape, "convolution bias gradient");
        backend.ops().bias().backward(dy, dBias, p.geometry().layout().channelAxis());
    }
}

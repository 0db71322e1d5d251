package rosetta.tensor.cpu;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Timed rounds of the exhaustive search, after one untimed round that compiles every candidate's loops. */
    private static final int TIMED_ROUNDS = 3;
    /**
     * Part of every recorded winner's key: winners timed another way (before, the second of two runs of each
     * candidate in turn, which a busy machine could mislead for good) are not trusted, but searched again.
     */
    private static final String TIMING = "timing=best-of-" + TIMED_ROUNDS + "-interleaved";

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
                + policy.workspaceLimitBytes() + "/threads=" + backend.threads() + "/" + backend.sgemmName() + "/"
                + TIMING;
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
     * Runs each candidate on scratch tensors of this geometry and returns the quickest. A first round runs
     * every candidate untimed: it also pays for compiling their loops, which a training run pays once. Then
     * the candidates take turns for {@link #TIMED_ROUNDS} timed rounds and each keeps its best time: another
     * process's load only ever adds time, and taking turns spreads a burst of it over all candidates.
     */
    private ConvAlgorithm fastest(ConvGeometry g, DType dtype, ConvPass pass, List<ConvAlgorithm> applicable) {
        List<CpuConvPlan> plans = new ArrayList<>();
        try (Tensor x = backend.allocate(dtype, g.inputShape());
             Tensor w = backend.allocate(dtype, g.weightShape());
             Tensor y = backend.allocate(dtype, g.outputShape())) {
            backend.fill(x, 0.5);
            backend.fill(w, 0.25);
            backend.fill(y, 0.125);
            for (ConvAlgorithm a : applicable) {
                plans.add(forAlgorithms(g, Map.of(pass, a)));
            }
            long[] best = new long[plans.size()];
            Arrays.fill(best, Long.MAX_VALUE);
            for (int round = 0; round <= TIMED_ROUNDS; round++) {
                for (int i = 0; i < plans.size(); i++) {
                    long start = System.nanoTime();
                    switch (pass) {
                        case FORWARD -> forward(plans.get(i), x, w, null, null, y);
                        case BACKWARD_DATA -> backwardData(plans.get(i), y, w, x);
                        case BACKWARD_FILTER -> backwardFilter(plans.get(i), x, y, w);
                    }
                    long nanos = System.nanoTime() - start;
                    if (round > 0) {
                        best[i] = Math.min(best[i], nanos);
                    }
                }
            }
            int winner = 0;
            for (int i = 1; i < best.length; i++) {
                if (best[i] < best[winner]) {
                    winner = i;
                }
            }
            return applicable.get(winner);
        } finally {
            plans.forEach(CpuConvPlan::close);
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

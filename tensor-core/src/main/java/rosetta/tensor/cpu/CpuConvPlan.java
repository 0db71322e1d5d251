package rosetta.tensor.cpu;

import java.util.EnumMap;
import java.util.Map;
import rosetta.tensor.Shape;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;
import rosetta.tensor.ops.ConvPlan;

/**
 * The CPU's convolution plan: one algorithm per pass, the workspace they share, and the geometry's shapes
 * resolved once so that checking a call's arguments allocates nothing.
 */
final class CpuConvPlan implements ConvPlan {
    private final ConvGeometry geometry;
    private final Map<ConvPass, ConvAlgorithm> chosen;
    private final ConvWorkspace workspace;
    private final ConvCall call;
    final Shape inputShape;
    final Shape outputShape;
    final Shape weightShape;
    final Shape biasShape;

    CpuConvPlan(ConvGeometry geometry, Map<ConvPass, ConvAlgorithm> chosen, ConvWorkspace workspace) {
        this.geometry = geometry;
        this.chosen = new EnumMap<>(chosen);
        this.workspace = workspace;
        this.call = new ConvCall(geometry, workspace);
        this.inputShape = geometry.inputShape();
        this.outputShape = geometry.outputShape();
        this.weightShape = geometry.weightShape();
        this.biasShape = geometry.biasShape();
    }

    static CpuConvPlan of(ConvPlan plan) {
        if (!(plan instanceof CpuConvPlan p)) {
            throw new IllegalArgumentException("not a CPU convolution plan: " + plan);
        }
        return p;
    }

    ConvAlgorithm algorithm(ConvPass pass) {
        return chosen.get(pass);
    }

    ConvCall call() {
        return call;
    }

    @Override
    public ConvGeometry geometry() {
        return geometry;
    }

    @Override
    public Map<ConvPass, String> algorithms() {
        Map<ConvPass, String> names = new EnumMap<>(ConvPass.class);
        chosen.forEach((pass, a) -> names.put(pass, a.name()));
        return names;
    }

    @Override
    public void close() {
        workspace.close();
    }
}

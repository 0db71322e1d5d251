package rosetta.optim;

import java.util.List;
import rosetta.layers.ParamRole;
import rosetta.layers.Parameter;
import rosetta.tensor.Shape;
import rosetta.tensor.cpu.CpuBackend;
import rosetta.tensor.testing.TestData;
import rosetta.tensor.testing.Tolerance;

/** FLOAT64 parameters on the CPU fed hand-picked gradients, so hand-computed updates can be checked tightly. */
final class Fixture {
    static final CpuBackend CPU = new CpuBackend();
    /** Hand-computed numbers are exact to a few ulps in double precision. */
    static final Tolerance EXACT = Tolerance.of(1e-14, 1e-14);

    private Fixture() {
    }

    static Parameter parameter(ParamRole role, double... values) {
        return new Parameter(role.name().toLowerCase(), role, TestData.of(CPU, Shape.of(values.length), values),
                "hand-picked");
    }

    static Parameter weight(double... values) {
        return parameter(ParamRole.WEIGHT, values);
    }

    /** Writes the gradient a backward pass would leave, then runs one step over {@code batchSize} examples. */
    static void step(Optimizer optimizer, Parameter p, int batchSize, double... gradient) {
        CPU.copyFromHost(gradient, 0, p.gradient());
        optimizer.step(List.of(p), batchSize);
    }

    static double[] values(Parameter p) {
        return p.value().toDoubleArray();
    }

    static double[] state(Parameter p, String key) {
        return p.states().get(key).toDoubleArray();
    }
}

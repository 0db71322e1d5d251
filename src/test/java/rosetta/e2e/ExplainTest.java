package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** `explain --model` shows how a naive model diverges between frameworks without training it. */
class ExplainTest {

    private static String row(Cli cli, String layer) {
        return cli.out().lines().filter(l -> l.startsWith("| " + layer + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + layer + " in\n" + cli.out()));
    }

    @Test
    void naiveMxnetPoolsWithStrideOneAndOneDimensionalKernelsWherePytorchHalves() {
        Cli mxnet = Cli.run("explain", "--model=vgg-naive", "--dialect=mxnet");
        Cli pytorch = Cli.run("explain", "--model=vgg-naive", "--dialect=pytorch");
        assertEquals(0, mxnet.exitCode(), mxnet.toString());
        assertEquals(0, pytorch.exitCode(), pytorch.toString());
        // PyTorch: unpadded 3x3 convolutions 32 -> 30 -> 28, pooled by 2 to 14. MXNet: kernel=3 is a
        // 1-D (1x3) kernel, so only the width shrinks (32x30, 32x28), and sym.Pooling strides 1: 31x27
        assertTrue(row(mxnet, "pool1").contains("[N, 50, 31, 27]"), row(mxnet, "pool1"));
        assertTrue(row(pytorch, "pool1").contains("[N, 50, 14, 14]"), row(pytorch, "pool1"));
    }

    @Test
    void benchmarkVggHasTheNotebooksParameterCount() {
        Cli cli = Cli.run("explain", "--model=vgg", "--dialect=caffe2");
        assertTrue(row(cli, "total").contains("3441592"), row(cli, "total"));
    }
}

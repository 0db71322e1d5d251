package rosetta.reference.generator.pytorch;

import java.util.function.Consumer;
import rosetta.reference.generator.Fixture;

/** Every fixture computed by PyTorch. */
public final class TorchFixtures {
    private TorchFixtures() {
    }

    public static void write(Consumer<Fixture> out) {
        try (Torch torch = Torch.start()) {
            TorchConv.write(torch, out);
            TorchPool.write(torch, out);
            TorchDropout.write(torch, out);
            TorchLoss.write(torch, out);
            TorchOptimizers.write(torch, out);
            TorchGru.write(torch, out);
        }
    }
}

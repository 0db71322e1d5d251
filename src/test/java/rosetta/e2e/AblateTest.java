package rosetta.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;

/** `ablate --from pytorch --to cntk` trains every variant and reports every differing knob. */
class AblateTest {

    @Test
    void reportsEveryDifferingKnob() {
        Cli cli = Cli.run("ablate", "--from", "pytorch", "--to", "cntk", "--model", "vgg", "--synthetic",
                "--epochs", "1", "--limit-train", "64", "--limit-test", "32", "--batch-size", "32");
        assertEquals(0, cli.exitCode(), cli.toString());
        Dialect a = Dialect.builtIn("pytorch").forModel("vgg");
        Dialect b = Dialect.builtIn("cntk").forModel("vgg");
        for (Knob k : a.differences(b)) {
            assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("| " + k.key() + " ")), k.key() + "\n" + cli.out());
        }
        assertTrue(cli.out().contains("| all together"), cli.out());
        assertTrue(cli.out().contains("not read by vgg"), "naive and GRU knobs are reported, not trained");
    }
}

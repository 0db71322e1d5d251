package rosetta.reference.generator;

import java.nio.file.Path;
import rosetta.reference.generator.formula.FormulaFixtures;
import rosetta.reference.generator.formula.InitFixtures;
import rosetta.reference.generator.pytorch.TorchFixtures;
import rosetta.reference.generator.tensorflow.TfFixtures;

/**
 * Writes every reference fixture under the folder given as the only argument (the repository's
 * src/test/resources/reference). Run offline:
 * {@code mvn -B -Preference-fixtures -pl reference-generator compile exec:java}.
 */
public final class GenerateFixtures {
    private GenerateFixtures() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: GenerateFixtures OUTPUT_DIR (the repository's src/test/resources/reference)");
            System.exit(2);
        }
        FixtureWriter writer = new FixtureWriter(Path.of(args[0]).toAbsolutePath().normalize());
        TorchFixtures.write(writer::write);
        TfFixtures.write(writer::write);
        FormulaFixtures.write(writer::write);
        InitFixtures.write(writer::write);
        writer.finish();
        System.out.println("wrote " + writer.count() + " fixtures under " + args[0]);
    }
}

package rosetta.datasets;

/** A training set and the test set it is evaluated on; both hold the same kind of example. */
public record Split(Dataset train, Dataset test) {
    public Split {
        if (!train.exampleShape().equals(test.exampleShape()) || train.exampleType() != test.exampleType()
                || train.classes() != test.classes()) {
            throw new IllegalArgumentException(train.name() + " (" + describe(train) + ") and " + test.name()
                    + " (" + describe(test) + ") do not hold the same kind of example");
        }
    }

    private static String describe(Dataset d) {
        return d.exampleType() + " " + d.exampleShape() + ", " + d.classes() + " classes";
    }
}

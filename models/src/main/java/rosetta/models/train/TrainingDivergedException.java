package rosetta.models.train;

/** The loss stopped being a finite number; the message says where and what to try. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}

package rosetta.models.spec;

/**
 * The benchmark's training settings, identical across dialects (notebooks/common/params.py and
 * params_lstm.py): what the dialects share, so what they do differently stands out.
 */
public record Hyperparameters(int epochs, int batchSize, double learningRate, double momentum,
        double beta1, double beta2, double epsilon) {

    /** EPOCHS=10, BATCHSIZE=64, LR=0.01, MOMENTUM=0.9. */
    public static Hyperparameters cnn() {
        return new Hyperparameters(10, 64, 0.01, 0.9, 0, 0, 0);
    }

    /** EPOCHS=3, BATCHSIZE=64, LR=0.001, BETA_1=0.9, BETA_2=0.999, EPS=1e-8 (Adam). */
    public static Hyperparameters rnn() {
        return new Hyperparameters(3, 64, 0.001, 0, 0.9, 0.999, 1e-8);
    }

    public Hyperparameters withEpochs(int e) {
        return new Hyperparameters(e, batchSize, learningRate, momentum, beta1, beta2, epsilon);
    }

    public Hyperparameters withBatchSize(int b) {
        return new Hyperparameters(epochs, b, learningRate, momentum, beta1, beta2, epsilon);
    }

    public Hyperparameters withLearningRate(double lr) {
        return new Hyperparameters(epochs, batchSize, lr, momentum, beta1, beta2, epsilon);
    }
}

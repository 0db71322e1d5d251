package rosetta.models.train;

import java.util.HashMap;
import java.util.Map;
import rosetta.datasets.Dataset;
import rosetta.datasets.batching.Batch;
import rosetta.datasets.batching.BatchAssembler;
import rosetta.datasets.batching.LabelFormat;
import rosetta.tensor.Backend;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.Shape;
import rosetta.tensor.Tensor;

/**
 * Feeds one data set to the backend: host arrays from a {@link BatchAssembler} and backend tensors per
 * batch size, allocated once and refilled for every batch. The only host-to-backend copies of a
 * training step happen here. When the pipeline's layout is NHWC, images arrive channels-first from
 * the reader and are transposed on the backend, once per batch, as a channels-last pipeline would
 * deliver them.
 */
final class DeviceBatch implements AutoCloseable {
    private final Backend backend;
    private final Dataset data;
    private final BatchAssembler assembler;
    private final boolean oneHot;
    private final Layout layout;
    private final Map<Integer, Tensors> bySize = new HashMap<>();

    private record Tensors(Tensor staging, Tensor x, Tensor labels) {
    }

    DeviceBatch(Backend backend, Dataset data, int batchSize, boolean oneHot, Layout layout) {
        this.backend = backend;
        this.data = data;
        this.oneHot = oneHot;
        this.layout = layout;
        this.assembler = new BatchAssembler(data, batchSize, oneHot ? LabelFormat.ONE_HOT : LabelFormat.CLASS_IDS);
    }

    /** Copies a batch's examples and labels to the backend; returns {x, labels}. */
    Tensor[] load(Batch batch) {
        assembler.fill(batch);
        Tensors t = bySize.computeIfAbsent(batch.size(), this::allocate);
        if (data.exampleType() == DType.FLOAT32) {
            backend.copyFromHost(assembler.floatExamples(), 0, t.staging());
            if (t.staging() != t.x()) {
                backend.ops().layout().permute(t.staging(), t.x(), 0, 2, 3, 1);
            }
        } else {
            backend.copyFromHost(assembler.intExamples(), 0, t.x());
        }
        if (oneHot) {
            backend.copyFromHost(assembler.oneHot(), 0, t.labels());
        } else {
            backend.copyFromHost(assembler.classIds(), 0, t.labels());
        }
        return new Tensor[] {t.x(), t.labels()};
    }

    private Tensors allocate(int size) {
        Shape example = data.exampleShape();
        int[] dims = new int[example.rank() + 1];
        dims[0] = size;
        for (int i = 0; i < example.rank(); i++) {
            dims[i + 1] = example.dim(i);
        }
        Tensor staging = backend.allocate(data.exampleType(), Shape.of(dims));
        Tensor x = staging;
        if (layout == Layout.NHWC && example.rank() == 3) {
            x = backend.allocate(data.exampleType(), Layout.NHWC.shape(size, example.dim(0), example.dim(1), example.dim(2)));
        }
        Tensor labels = oneHot ? backend.allocate(DType.FLOAT32, Shape.of(size, data.classes()))
                : backend.allocate(DType.INT32, Shape.of(size));
        return new Tensors(staging, x, labels);
    }

    @Override
    public void close() {
        for (Tensors t : bySize.values()) {
            if (t.x() != t.staging()) {
                t.x().close();
            }
            t.staging().close();
            t.labels().close();
        }
        bySize.clear();
    }
}

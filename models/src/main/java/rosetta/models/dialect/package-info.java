/**
 * Dialects: each framework's defaults as data.
 *
 * <p>A dialect file is one JSON object:
 * <pre>{@code
 * {
 *   "name": "caffe2",
 *   "framework": "Caffe2 0.8.1",
 *   "notebooks": ["notebooks/Caffe2_CNN.ipynb"],
 *   "summary": "one line: what this dialect reproduces",
 *   "models": ["vgg"],
 *   "extends": null,
 *   "knobs": {
 *     "conv.weight-init": {"value": "caffe2-xavier", "why": "one line", "source": "file @version"},
 *     ...
 *   },
 *   "overrides": {"gru": {"iterator.shuffle": {"value": "...", "why": "...", "source": "..."}}}
 * }
 * }</pre>
 * After {@code extends} (another dialect whose knobs and overrides are inherited; a file's parent is a file
 * {@code <name>.json} beside it, else a built-in) every {@link rosetta.models.dialect.Knob} must have a
 * value, a one-line {@code why} and a {@code source}. {@code overrides} holds the settings a benchmark
 * model's notebook changes; {@link rosetta.models.dialect.Dialect#forModel} applies them.
 */
package rosetta.models.dialect;

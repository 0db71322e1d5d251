/**
 * The GRU's backend-neutral parts, shared by every backend's GRU that runs as GEMMs plus per-step
 * elementwise work: what forward keeps for backward ({@link rosetta.tensor.gru.GruBuffers}), the order of
 * GEMMs and step kernels over the sequence, forward and backpropagation through time
 * ({@link rosetta.tensor.gru.GruSequence}), and the argument checks every GRU op makes
 * ({@link rosetta.tensor.gru.GruArguments}). The step kernels themselves are each backend's.
 */
package rosetta.tensor.gru;

/* Stands in for a sub-library (libcublasLt.so.13, libcudnn_graph.so.9, ...) in ForwardingTest. */
int rosetta_fake_marker(void) { return 0; }

/* Stands in for CUDA 13's libcublas.so.13 in ForwardingTest. */
int cublasCreate_v2(void **handle)
{
    *handle = (void *) 0xb1a5;
    return 0;
}

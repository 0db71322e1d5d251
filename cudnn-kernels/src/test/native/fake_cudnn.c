/* Stands in for cuDNN 9's libcudnn.so.9 in ForwardingTest: a few functions with recognisable answers. */
#include <stddef.h>

size_t cudnnGetVersion(void) { return 90100; }

int cudnnCreate(void **handle)
{
    *handle = (void *) 0x5eed;
    return 0;
}

const char *cudnnGetErrorString(int status) { return status == 3000 ? "CUDNN_STATUS_NOT_SUPPORTED" : "fake status"; }

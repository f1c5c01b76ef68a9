/*
 * The Rust side of one UniFFI async call, with no foreign runtime around it: a C loop drives
 * debug_call(None, on_runtime = false) through UniFFI's protocol (lower the argument, create,
 * poll, continuation called back inline, complete, free) N times. Under valgrind's callgrind
 * it gives the instructions each FFI function costs per call (bench/ffi-floor/run.sh);
 * run plainly, the wall time per call. It is the floor every binding pays.
 * Usage: floor N
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { uint64_t capacity; uint64_t len; uint8_t *data; } RustBuffer;
typedef struct { int8_t code; RustBuffer error_buf; } RustCallStatus;
typedef void (*Continuation)(uint64_t data, int8_t poll_result);

extern RustBuffer ffi_unilance_rustbuffer_alloc(uint64_t size, RustCallStatus *status);
extern uint64_t uniffi_unilance_fn_func_debug_call(RustBuffer panic_message, int8_t on_runtime);
extern void ffi_unilance_rust_future_poll_void(uint64_t handle, Continuation callback, uint64_t data);
extern void ffi_unilance_rust_future_complete_void(uint64_t handle, RustCallStatus *status);
extern void ffi_unilance_rust_future_free_void(uint64_t handle);

static int8_t last_poll = -1;
static void on_poll(uint64_t data, int8_t poll_result) { (void)data; last_poll = poll_result; }

/* Each step is its own function so callgrind reports it by name. */
__attribute__((noinline)) static RustBuffer step_lower(void) {
    RustCallStatus status = {0};
    RustBuffer none = ffi_unilance_rustbuffer_alloc(1, &status);
    none.data[0] = 0; /* Option::None */
    none.len = 1;
    return none;
}
__attribute__((noinline)) static uint64_t step_create(RustBuffer arg) { return uniffi_unilance_fn_func_debug_call(arg, 0); }
__attribute__((noinline)) static void step_poll(uint64_t f) { ffi_unilance_rust_future_poll_void(f, on_poll, 0); }
__attribute__((noinline)) static void step_complete(uint64_t f) {
    RustCallStatus status = {0};
    ffi_unilance_rust_future_complete_void(f, &status);
    if (status.code != 0) { fprintf(stderr, "debug_call failed: %d\n", status.code); exit(1); }
}
__attribute__((noinline)) static void step_free(uint64_t f) { ffi_unilance_rust_future_free_void(f); }

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++) {
        uint64_t f = step_create(step_lower());
        step_poll(f);
        if (last_poll != 0) { fprintf(stderr, "not ready at the first poll\n"); return 1; }
        step_complete(f);
        step_free(f);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%ld calls, %.3f us per call\n", n, ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1e3 / (n ? n : 1));
    return 0;
}

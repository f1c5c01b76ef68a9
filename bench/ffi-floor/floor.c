/*
 * The Rust side of one UniFFI async call, with no foreign runtime around it: a C loop drives
 * debug_call(None, on_runtime) through UniFFI's protocol (lower the argument, create, poll,
 * continuation, complete, free) N times, and the hand-written C ABI of bench/cabi-baseline
 * the same way. Under valgrind's callgrind it gives the instructions each step costs per call
 * (bench/ffi-floor/run.sh); run plainly, the wall time per call. It is the floor every
 * binding pays.
 * Usage: floor N [ready|tokio|cabi-ready|cabi-tokio]
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
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

extern void cabi_spawn_noop(void (*complete)(uint64_t data), uint64_t data);
extern void cabi_ready_noop(void (*complete)(uint64_t data), uint64_t data);

/* A callback from any thread: records the poll result and wakes the caller. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int8_t last_poll = -1;
static void on_poll(uint64_t data, int8_t poll_result) {
    (void)data;
    pthread_mutex_lock(&lock);
    last_poll = poll_result;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
}
static void on_complete(uint64_t data) { on_poll(data, 0); }
static int8_t wait_poll(void) {
    pthread_mutex_lock(&lock);
    while (last_poll < 0) pthread_cond_wait(&cond, &lock);
    int8_t r = last_poll;
    last_poll = -1;
    pthread_mutex_unlock(&lock);
    return r;
}

/* Each step is its own function so callgrind reports it by name. */
__attribute__((noinline)) static RustBuffer step_lower(void) {
    RustCallStatus status = {0};
    RustBuffer none = ffi_unilance_rustbuffer_alloc(1, &status);
    none.data[0] = 0; /* Option::None */
    none.len = 1;
    return none;
}
__attribute__((noinline)) static uint64_t step_create(RustBuffer arg, int8_t on_runtime) { return uniffi_unilance_fn_func_debug_call(arg, on_runtime); }
__attribute__((noinline)) static int8_t step_poll(uint64_t f) { ffi_unilance_rust_future_poll_void(f, on_poll, 0); return wait_poll(); }
__attribute__((noinline)) static void step_complete(uint64_t f) {
    RustCallStatus status = {0};
    ffi_unilance_rust_future_complete_void(f, &status);
    if (status.code != 0) { fprintf(stderr, "debug_call failed: %d\n", status.code); exit(1); }
}
__attribute__((noinline)) static void step_free(uint64_t f) { ffi_unilance_rust_future_free_void(f); }

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    const char *mode = argc > 2 ? argv[2] : "ready";
    int tokio = strstr(mode, "tokio") != NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++) {
        if (strncmp(mode, "cabi", 4) == 0) {
            if (tokio) cabi_spawn_noop(on_complete, 0); else cabi_ready_noop(on_complete, 0);
            wait_poll();
            continue;
        }
        uint64_t f = step_create(step_lower(), (int8_t)tokio);
        int polls = 1;
        while (step_poll(f) != 0) polls++;
        if (!tokio && polls != 1) { fprintf(stderr, "not ready at the first poll\n"); return 1; }
        step_complete(f);
        step_free(f);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%s: %ld calls, %.3f us per call\n", mode, n, ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1e3 / (n ? n : 1));
    return 0;
}

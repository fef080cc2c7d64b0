// libFuzzer front end for a .NET target served by SharpFuzz's Fuzzer.LibFuzzer.Run.
//
// libFuzzer runs in this process; the instrumented .NET target runs in one child process for the whole
// session. They share a System V segment: SharpFuzz's 64 KiB edge map, then the current input. Per input
// we write its length on the control pipe (fd 198 in the child) and read a 4-byte verdict from the
// status pipe (fd 199); the child wrote one 4-byte word when it was ready. The segment's id and both
// descriptors reach the child in SharpFuzz's environment variables. The map is copied into
// libFuzzer's extra counters, which is how libFuzzer sees the managed code's coverage.
//
// The child is `dotnet $MOONWIRE_FUZZ_DLL $MOONWIRE_FUZZ_TARGET` (scripts/fuzz sets both).
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <unistd.h>

enum { MAP_BYTES = 1 << 16, MAX_INPUT = 1 << 20, CONTROL_FD = 198, STATUS_FD = 199 };

// Global and "used": only libFuzzer reads it, so the compiler would otherwise drop every write to it.
__attribute__((used, section("__libfuzzer_extra_counters"))) uint8_t coverage[MAP_BYTES];

static uint8_t *shared;
static int shm_id = -1;
static int control = -1;
static int status = -1;

static void fail(const char *what) {
    fprintf(stderr, "dotnet-target: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void remove_segment(void) {
    if (shm_id >= 0) {
        shmctl(shm_id, IPC_RMID, NULL);
    }
}

// Whole-word pipe I/O, retried across signals; false when the child is gone.
static int transfer(int fd, int32_t *word, int writing) {
    ssize_t n;
    do {
        n = writing ? write(fd, word, sizeof *word) : read(fd, word, sizeof *word);
    } while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof *word;
}

static void start_child(void) {
    const char *dll = getenv("MOONWIRE_FUZZ_DLL");
    const char *target = getenv("MOONWIRE_FUZZ_TARGET");
    if (!dll || !target) {
        fprintf(stderr, "dotnet-target: set MOONWIRE_FUZZ_DLL and MOONWIRE_FUZZ_TARGET (scripts/fuzz does)\n");
        exit(1);
    }

    int to_child[2], from_child[2];
    if (pipe(to_child) || pipe(from_child)) {
        fail("pipe");
    }

    pid_t pid = fork();
    if (pid < 0) {
        fail("fork");
    }

    if (pid == 0) {
        // The child dies with us, so an interrupted session leaves no .NET process behind.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (dup2(to_child[0], CONTROL_FD) < 0 || dup2(from_child[1], STATUS_FD) < 0) {
            fail("dup2");
        }
        close(to_child[0]);
        close(to_child[1]);
        close(from_child[0]);
        close(from_child[1]);
        char id[16];
        snprintf(id, sizeof id, "%d", shm_id);
        setenv("__LIBFUZZER_SHM_ID", id, 1);
        setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
        setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);
        execlp("dotnet", "dotnet", dll, target, (char *)NULL);
        fail("exec dotnet");
    }

    close(to_child[0]);
    close(from_child[1]);
    control = to_child[1];
    status = from_child[0];
    int32_t ready;
    if (!transfer(status, &ready, 0)) {
        fprintf(stderr, "dotnet-target: the .NET target exited before it was ready\n");
        exit(1);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    shm_id = shmget(IPC_PRIVATE, MAP_BYTES + MAX_INPUT, IPC_CREAT | IPC_EXCL | 0600);
    if (shm_id < 0) {
        fail("shmget");
    }
    atexit(remove_segment);
    shared = shmat(shm_id, NULL, 0);
    if (shared == (void *)-1) {
        fail("shmat");
    }
    start_child();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > MAX_INPUT) {
        return -1;  // libFuzzer keeps no input it is told to reject.
    }

    memset(shared, 0, MAP_BYTES);
    memcpy(shared + MAP_BYTES, data, size);
    int32_t word = (int32_t)size;
    if (!transfer(control, &word, 1) || !transfer(status, &word, 0)) {
        fprintf(stderr, "dotnet-target: the .NET target died on this input\n");
        abort();
    }

    memcpy(coverage, shared, MAP_BYTES);
    if (word != 0) {
        // An exception escaped the target (the child printed it): make libFuzzer save the input.
        abort();
    }
    return 0;
}

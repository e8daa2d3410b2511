/*
 * Start-up timer: spawns PROGRAM [ARGS...] COUNT times one after another,
 * its output to /dev/null, and prints the mean wall time per run in
 * microseconds. A C launcher rather than Python so that the harness's own
 * spawn overhead stays small next to a static executable's start-up.
 *
 * usage: spawnloop COUNT PROGRAM [ARGS...]
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
	if (argc < 3 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: spawnloop COUNT PROGRAM [ARGS...]\n");
		return 2;
	}
	int count = atoi(argv[1]);
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	double start = now_us();
	for (int i = 0; i < count; i++) {
		pid_t pid;
		int status;
		if (posix_spawn(&pid, argv[2], &actions, NULL, argv + 2, environ) != 0) {
			fprintf(stderr, "spawnloop: cannot run %s\n", argv[2]);
			return 1;
		}
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "spawnloop: %s failed\n", argv[2]);
			return 1;
		}
	}
	printf("%.1f\n", (now_us() - start) / count);
	return 0;
}

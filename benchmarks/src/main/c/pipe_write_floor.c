/*
 * What one write(2) of a ~274-byte line costs the writer, with no JVM in the way (issue 4):
 * into /dev/null, and into a fresh FIFO drained by `wc -c` (FifoWriterThroughput's reader),
 * back to back and after a busy gap before each write (as if encoding took that long). Also
 * printed: how often per line the writer was preempted (an involuntary context switch: the reader
 * it woke ran on its CPU) and how often it slept (blocked on a full pipe: the reader was behind).
 *
 *   gcc -O2 -o /tmp/pipe_write_floor benchmarks/src/main/c/pipe_write_floor.c && /tmp/pipe_write_floor
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LINES 500000
#define LENGTH 274

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* Writes LINES lines to fd, each after a busy gap; prints the time per line and in write(2). */
static void run(const char *what, int fd, long gap) {
  char line[LENGTH];
  memset(line, 'a', LENGTH - 1);
  line[LENGTH - 1] = '\n';
  long in_write = 0;
  struct rusage before, after;
  getrusage(RUSAGE_SELF, &before);
  long start = now_ns();
  for (int i = 0; i < LINES; i++) {
    if (gap > 0) {
      long until = now_ns() + gap;
      while (now_ns() < until) {
      }
    }
    long before = now_ns();
    if (write(fd, line, LENGTH) != LENGTH) {
      perror("write");
      exit(1);
    }
    in_write += now_ns() - before;
  }
  long total = now_ns() - start;
  getrusage(RUSAGE_SELF, &after);
  printf("%-10s gap %4ld ns: %5.0f ns per line, %5.0f ns of it in write(2); per line, preempted"
         " %.3f, slept %.3f\n", what, gap, (double) total / LINES, (double) in_write / LINES,
         (double) (after.ru_nivcsw - before.ru_nivcsw) / LINES,
         (double) (after.ru_nvcsw - before.ru_nvcsw) / LINES);
}

int main(void) {
  int null = open("/dev/null", O_WRONLY);
  run("/dev/null", null, 0);
  close(null);
  long gaps[] = {0, 150, 300, 600, 1200};
  char path[] = "/tmp/pipe_write_floor.XXXXXX";
  if (mkdtemp(path) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  char fifo[64];
  snprintf(fifo, sizeof fifo, "%s/fifo", path);
  for (int g = 0; g < 5; g++) {
    unlink(fifo);
    if (mkfifo(fifo, 0600) != 0) {
      perror("mkfifo");
      return 1;
    }
    pid_t reader = fork();
    if (reader == 0) {
      int in = open(fifo, O_RDONLY);
      dup2(in, 0);
      int out = open("/dev/null", O_WRONLY);
      dup2(out, 1);
      execlp("wc", "wc", "-c", (char *) NULL);
      _exit(127);
    }
    int fd = open(fifo, O_WRONLY);
    run("FIFO + wc", fd, gaps[g]);
    close(fd);
    waitpid(reader, NULL, 0);
  }
  unlink(fifo);
  rmdir(path);
  return 0;
}

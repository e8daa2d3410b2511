/*
 * wasi:filesystem through wasi-libc, in a granted directory (argv[1]):
 * stdio and descriptor I/O (O_APPEND, lseek, pread/pwrite, ftruncate, a
 * large file), directories (mkdir/rmdir, readdir of a large directory,
 * *at calls through an opened directory), rename, unlink, links, symbolic
 * links, times, and the errors of each. The output is the same as a
 * preview-1 core module's: nothing printed depends on inode numbers,
 * devices or the order of directory entries.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define BIG_SIZE (300 * 1024 + 17)
#define MANY_FILES 300

/* Prints "label: OK" or "label: <strerror>" for a call returning -1 (or NULL) on failure. */
static int report(const char *label, int failed)
{
	printf("%s: %s\n", label, failed ? strerror(errno) : "OK");
	return !failed;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!report(path, !f))
		return;
	fputs(text, f);
	fclose(f);
}

static void show_stat(const char *label, const char *path, int follow)
{
	struct stat st;
	int r = follow ? stat(path, &st) : lstat(path, &st);
	if (!report(label, r != 0))
		return;
	const char *kind = S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : S_ISLNK(st.st_mode) ? "link" : "other";
	if (S_ISDIR(st.st_mode))
		printf("  %s\n", kind); /* a directory's size and link count depend on the file system */
	else
		printf("  %s size %lld nlink %lld\n", kind, (long long)st.st_size, (long long)st.st_nlink);
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of a directory, sorted, with their types (d for directory, f file, l link). */
static void list(const char *path)
{
	DIR *d = opendir(path);
	if (!report(path, !d))
		return;
	char *names[64];
	int count = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (count == 64)
			break;
		char type = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l' : '?';
		char *s = malloc(strlen(e->d_name) + 3);
		sprintf(s, "%s/%c", e->d_name, type);
		names[count++] = s;
	}
	closedir(d);
	qsort(names, count, sizeof names[0], compare);
	printf(" ");
	for (int i = 0; i < count; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

static void stdio_and_seek(void)
{
	printf("-- stdio and descriptors\n");
	write_file("a.txt", "hello world\n");
	FILE *f = fopen("a.txt", "r+");
	if (!report("fopen r+", !f))
		return;
	char buf[64] = { 0 };
	size_t n = fread(buf, 1, 5, f);
	printf("  fread %zu: %s\n", n, buf);
	fseek(f, 6, SEEK_SET);
	fwrite("WORLD", 1, 5, f);
	printf("  ftell %ld\n", ftell(f));
	fseek(f, 0, SEEK_END);
	printf("  end at %ld\n", ftell(f));
	rewind(f);
	memset(buf, 0, sizeof buf);
	n = fread(buf, 1, sizeof buf - 1, f);
	printf("  whole %zu: %s", n, buf);
	printf("  fread at end %zu eof %d\n", fread(buf, 1, 1, f), feof(f) != 0);
	fclose(f);

	int fd = open("a.txt", O_WRONLY | O_APPEND);
	report("open O_APPEND", fd < 0);
	lseek(fd, 0, SEEK_SET);
	report("write appended", write(fd, "more\n", 5) != 5);
	printf("  fd offset now %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
	close(fd);
	show_stat("stat a.txt", "a.txt", 1);

	fd = open("a.txt", O_RDWR);
	report("open O_RDWR", fd < 0);
	memset(buf, 0, sizeof buf);
	printf("  pread %zd: %s\n", pread(fd, buf, 5, 6), buf);
	printf("  pwrite %zd\n", pwrite(fd, "W", 1, 6));
	printf("  offset after pread/pwrite %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
	printf("  lseek END-5 %lld\n", (long long)lseek(fd, -5, SEEK_END));
	memset(buf, 0, sizeof buf);
	printf("  read %zd: %s", read(fd, buf, sizeof buf - 1), buf);
	printf("  lseek CUR-2 %lld\n", (long long)lseek(fd, -2, SEEK_CUR));
	report("lseek before start", lseek(fd, -100, SEEK_SET) < 0);
	report("ftruncate 4", ftruncate(fd, 4) != 0);
	struct stat st;
	fstat(fd, &st);
	printf("  fstat size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
	report("ftruncate grow 10", ftruncate(fd, 10) != 0);
	lseek(fd, 0, SEEK_SET);
	memset(buf, 'x', sizeof buf);
	ssize_t got = read(fd, buf, sizeof buf);
	printf("  read %zd, byte 8 is %d\n", got, buf[8]);
	report("fsync", fsync(fd) != 0);
	report("fdatasync", fdatasync(fd) != 0);
	report("posix_fadvise", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) != 0);
	printf("  isatty %d\n", isatty(fd));
	close(fd);

	fd = open("a.txt", O_RDONLY);
	report("write to O_RDONLY", write(fd, "x", 1) < 0);
	close(fd);
	fd = open("new.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
	report("O_CREAT|O_EXCL", fd < 0);
	close(fd);
	report("O_CREAT|O_EXCL again", open("new.txt", O_CREAT | O_EXCL | O_WRONLY, 0644) < 0);
	fd = open("a.txt", O_WRONLY | O_TRUNC);
	report("O_TRUNC", fd < 0);
	close(fd);
	show_stat("stat truncated", "a.txt", 1);
	report("O_DIRECTORY on a file", open("a.txt", O_RDONLY | O_DIRECTORY) < 0);
	report("open a.txt/", open("a.txt/", O_RDONLY) < 0);
	report("open missing", open("missing", O_RDONLY) < 0);
	report("open a directory to write", open(".", O_WRONLY) < 0);
	report("unlink new.txt", unlink("new.txt") != 0);
}

/*
 * Static, not malloc'ed: wasi-libc's malloc takes all memory up to
 * memory.size as its heap when it starts, which includes the pages the
 * preview-1 adapter grew for itself (jco run fails the same way).
 */
static unsigned char data[BIG_SIZE], back[BIG_SIZE + 10];

/* A file larger than any one transfer: written in odd chunks, read back whole, compared. */
static void big_file(void)
{
	printf("-- a large file\n");
	for (int i = 0; i < BIG_SIZE; i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	FILE *f = fopen("big.bin", "wb");
	size_t written = 0;
	for (size_t at = 0; at < BIG_SIZE; at += 4099) {
		size_t n = BIG_SIZE - at < 4099 ? BIG_SIZE - at : 4099;
		written += fwrite(data + at, 1, n, f);
	}
	fclose(f);
	printf("  written %zu\n", written);
	int fd = open("big.bin", O_RDONLY);
	size_t total = 0;
	for (ssize_t n; (n = read(fd, back + total, BIG_SIZE + 10 - total)) > 0;)
		total += (size_t)n;
	close(fd);
	printf("  read %zu, same %d\n", total, total == BIG_SIZE && memcmp(data, back, BIG_SIZE) == 0);
	fd = open("big.bin", O_RDONLY);
	unsigned char tail[8];
	ssize_t n = pread(fd, tail, sizeof tail, BIG_SIZE - 3);
	printf("  pread past the end %zd, same %d\n", n, n == 3 && memcmp(tail, data + BIG_SIZE - 3, 3) == 0);
	printf("  pread beyond the end %zd\n", pread(fd, tail, sizeof tail, BIG_SIZE + 100));
	close(fd);
	unlink("big.bin");
}

static void directories(void)
{
	printf("-- directories\n");
	report("mkdir d", mkdir("d", 0755) != 0);
	report("mkdir d again", mkdir("d", 0755) != 0);
	report("mkdir missing/x", mkdir("missing/x", 0755) != 0);
	report("mkdir d/sub/", mkdir("d/sub/", 0755) != 0);
	write_file("d/one", "1");
	write_file("d/two", "22");
	list("d");
	report("rmdir d (not empty)", rmdir("d") != 0);
	report("rmdir d/one (a file)", rmdir("d/one") != 0);
	report("unlink d (a directory)", unlink("d") != 0);
	report("unlink d/one/", unlink("d/one/") != 0);
	report("unlink missing", unlink("missing") != 0);
	report("rmdir .", rmdir(".") != 0);

	/* *at calls through a directory the program opened. */
	int dir = open("d", O_RDONLY | O_DIRECTORY);
	report("open d", dir < 0);
	report("mkdirat d/made", mkdirat(dir, "made", 0755) != 0);
	int fd = openat(dir, "at.txt", O_CREAT | O_WRONLY, 0644);
	report("openat d/at.txt", fd < 0);
	write(fd, "abc", 3);
	close(fd);
	struct stat st;
	report("fstatat d/at.txt", fstatat(dir, "at.txt", &st, 0) != 0);
	printf("  size %lld\n", (long long)st.st_size);
	report("renameat d/at.txt d/moved.txt", renameat(dir, "at.txt", dir, "moved.txt") != 0);
	report("unlinkat d/moved.txt", unlinkat(dir, "moved.txt", 0) != 0);
	report("unlinkat d/made AT_REMOVEDIR", unlinkat(dir, "made", AT_REMOVEDIR) != 0);
	report("fstat d", fstat(dir, &st) != 0);
	printf("  dir %d\n", S_ISDIR(st.st_mode));
	report("read a directory", read(dir, &st, 1) < 0);
	close(dir);

	/* A directory larger than one read of entries. */
	report("mkdir many", mkdir("many", 0755) != 0);
	char name[64];
	for (int i = 0; i < MANY_FILES; i++) {
		snprintf(name, sizeof name, "many/file-with-a-longish-name-%03d", i);
		close(open(name, O_CREAT | O_WRONLY, 0644));
	}
	DIR *d = opendir("many");
	int count = 0, dots = 0, files = 0;
	long sum = 0;
	for (struct dirent *e; (e = readdir(d));) {
		count++;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			dots++;
		else if (e->d_type == DT_REG && sscanf(e->d_name, "file-with-a-longish-name-%d", &files) == 1)
			sum += files;
	}
	printf("  many: %d entries, %d dots, sum of numbers %ld\n", count, dots, sum);
	rewinddir(d);
	count = 0;
	while (readdir(d))
		count++;
	printf("  after rewinddir: %d entries\n", count);
	closedir(d);
	for (int i = 0; i < MANY_FILES; i++) {
		snprintf(name, sizeof name, "many/file-with-a-longish-name-%03d", i);
		unlink(name);
	}
	report("rmdir many", rmdir("many") != 0);
}

static void links(void)
{
	printf("-- links\n");
	report("rename d/two c", rename("d/two", "c") != 0);
	show_stat("stat c", "c", 1);
	report("rename missing", rename("d/two", "c") != 0);
	report("rename d onto c", rename("d", "c") != 0);
	report("rename c onto d", rename("c", "d") != 0);
	report("link c c2", link("c", "c2") != 0);
	show_stat("stat c2", "c2", 1);
	struct stat a, b;
	stat("c", &a);
	stat("c2", &b);
	printf("  same inode %d\n", a.st_ino == b.st_ino);
	report("link c c2 again", link("c", "c2") != 0);
	report("link d (a directory)", link("d", "d2") != 0);

	report("symlink c lc", symlink("c", "lc") != 0);
	report("symlink c lc again", symlink("c", "lc") != 0);
	char target[64] = { 0 };
	ssize_t n = readlink("lc", target, sizeof target);
	printf("  readlink lc %zd: %.*s\n", n, (int)(n > 0 ? n : 0), target);
	report("symlink long", symlink("some/long/target", "long") != 0);
	memset(target, 0, sizeof target);
	n = readlink("long", target, 4);
	printf("  readlink into 4 bytes %zd: %.*s\n", n, (int)(n > 0 ? n : 0), target);
	report("readlink a file", readlink("c", target, sizeof target) < 0);
	show_stat("lstat lc", "lc", 0);
	show_stat("stat lc", "lc", 1);
	show_stat("stat long (dangling)", "long", 1);
	show_stat("stat d/../c", "d/../c", 1);
	show_stat("stat ./d/./sub/", "./d/./sub/", 1);
	show_stat("stat c/", "c/", 1);
	report("symlink d ld", symlink("d", "ld") != 0);
	write_file("ld/through-link", "x");
	show_stat("stat d/through-link", "d/through-link", 1);
	report("symlink loop1", symlink("loop2", "loop1") != 0);
	report("symlink loop2", symlink("loop1", "loop2") != 0);
	report("open loop1", open("loop1", O_RDONLY) < 0);
	report("open lc O_NOFOLLOW", open("lc", O_RDONLY | O_NOFOLLOW) < 0);
	int fd = open("lc", O_RDONLY);
	char text[8] = { 0 };
	read(fd, text, sizeof text - 1);
	printf("  read through lc: %s\n", text);
	close(fd);
	report("unlink lc", unlink("lc") != 0);
	show_stat("stat c still there", "c", 1);
	list(".");
}

static void times(void)
{
	printf("-- times\n");
	struct timeval tv[2] = { { 5, 250000 }, { 7, 0 } };
	report("utimes c", utimes("c", tv) != 0);
	struct stat st;
	stat("c", &st);
	printf("  atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 9, 123 } };
	report("utimensat mtime only", utimensat(AT_FDCWD, "c", ts, 0) != 0);
	stat("c", &st);
	printf("  atime %lld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec,
	       st.st_mtim.tv_nsec);
	symlink("c", "lc");
	struct timespec lt[2] = { { 0, UTIME_OMIT }, { 11, 0 } };
	report("utimensat link nofollow", utimensat(AT_FDCWD, "lc", lt, AT_SYMLINK_NOFOLLOW) != 0);
	lstat("lc", &st);
	printf("  link mtime %lld\n", (long long)st.st_mtim.tv_sec);
	stat("c", &st);
	printf("  target mtime %lld\n", (long long)st.st_mtim.tv_sec);
	int fd = open("c", O_RDWR);
	struct timespec ft[2] = { { 13, 0 }, { 14, 500 } };
	report("futimens", futimens(fd, ft) != 0);
	fstat(fd, &st);
	printf("  atime %lld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec,
	       st.st_mtim.tv_nsec);
	report("futimens now", futimens(fd, NULL) != 0);
	fstat(fd, &st);
	printf("  both moved %d\n", st.st_atim.tv_sec > 1000000 && st.st_mtim.tv_sec > 1000000);
	close(fd);
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, UTIME_OMIT } };
	report("utimensat bad nanoseconds", utimensat(AT_FDCWD, "c", bad, 0) != 0);
	report("utimensat missing", utimensat(AT_FDCWD, "nope", ts, 0) != 0);
}

/* Names that lead outside the granted directory, which must fail as preview 1 fails. */
static void escapes(const char *granted)
{
	printf("-- escapes\n");
	report("open ../x", open("../x", O_RDONLY) < 0);
	report("stat ..", access("..", F_OK) != 0);
	report("open d/../../x", open("d/../../x", O_RDONLY) < 0);
	report("mkdir ../made", mkdir("../made", 0755) != 0);
	report("open /etc/passwd", open("/etc/passwd", O_RDONLY) < 0);
	report("symlink up -> ..", symlink("..", "up") != 0); /* refused when made, and so never followed */
	report("open up/x", open("up/x", O_RDONLY) < 0);
	report("stat up/", access("up/", F_OK) != 0);
	report("symlink abs -> /", symlink("/", "abs") != 0);
	report("open abs/etc/passwd", open("abs/etc/passwd", O_RDONLY) < 0);
	char path[256];
	snprintf(path, sizeof path, "%s/../escaped", granted);
	report("create GRANTED/../escaped", open(path, O_CREAT | O_WRONLY, 0644) < 0);
	snprintf(path, sizeof path, "%s/c", granted);
	show_stat("stat GRANTED/c (absolute)", path, 1);
	unlink("up");
	unlink("abs");
}

static void clean(void)
{
	const char *files[] = { "a.txt", "c", "c2", "lc", "long", "ld", "loop1", "loop2", "d/through-link", "d/one" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		unlink(files[i]);
	rmdir("d/sub");
	report("rmdir d (emptied)", rmdir("d") != 0);
	list(".");
}

int main(int argc, char **argv)
{
	const char *granted = argc > 1 ? argv[1] : ".";
	if (!report("chdir", chdir(granted) != 0))
		return 1;
	stdio_and_seek();
	big_file();
	directories();
	links();
	times();
	escapes(granted);
	clean();
	return 0;
}

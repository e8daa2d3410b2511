/* Files in a preopened directory (argv[1], default "."): create, write, stat, read back, list, remove. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *dir_path = argc > 1 ? argv[1] : ".";
	if (chdir(dir_path) != 0) {
		perror("chdir");
		return 1;
	}
	const char *path = "wasmc-component-test.txt";
	FILE *f = fopen(path, "w");
	if (!f) {
		perror("fopen for writing");
		return 1;
	}
	fputs("line one\nline two\n", f);
	fclose(f);
	struct stat st;
	if (stat(path, &st) != 0) {
		perror("stat");
		return 1;
	}
	printf("size %lld\n", (long long)st.st_size);
	char line[64];
	f = fopen(path, "r");
	if (!f) {
		perror("fopen for reading");
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		printf("read: %s", line);
	fclose(f);
	int found = 0;
	DIR *dir = opendir(".");
	for (struct dirent *e; dir && (e = readdir(dir));)
		found += strcmp(e->d_name, path) == 0;
	if (dir)
		closedir(dir);
	printf("listed %d\n", found);
	if (unlink(path) != 0) {
		perror("unlink");
		return 1;
	}
	printf("removed %d\n", access(path, F_OK) != 0);
	return 0;
}

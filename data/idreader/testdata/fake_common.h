/* What the fake vendor DLLs share: their settings come from environment variables, read on every
 * call (a test changes them between calls), and each call is logged, one line each.
 *   FAKE_READER_PORT  the one port with a reader (default 1001); "none": no port opens
 *   FAKE_READER_CARD  a file: while it exists, a card lies on the reader (a file, not the variable,
 *                     so that a test can take the card away from a helper process that read the
 *                     environment when it started)
 *   FAKE_READER_LOG   a file the calls are appended to
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define API __declspec(dllexport) int __stdcall

static void env(const char *name, char *buf, DWORD n) {
	if (!GetEnvironmentVariableA(name, buf, n)) buf[0] = 0;
}

static void logs(const char *s) {
	char path[MAX_PATH];
	env("FAKE_READER_LOG", path, sizeof path);
	if (!path[0]) return;
	FILE *f = fopen(path, "ab");
	if (!f) return;
	fprintf(f, "%s\n", s);
	fclose(f);
}

static int readerPort(void) {
	char v[32];
	env("FAKE_READER_PORT", v, sizeof v);
	if (!v[0]) return 1001;
	if (!strcmp(v, "none")) return -1;
	return atoi(v);
}

/* cardPresent: the card file exists (path, when given, receives its name). */
static int cardPresent(char *path) {
	char p[MAX_PATH];
	env("FAKE_READER_CARD", p, sizeof p);
	if (path) strcpy(path, p);
	return p[0] && GetFileAttributesA(p) != INVALID_FILE_ATTRIBUTES;
}

/* A fake sdtapi.dll for the reader tests under Wine: no hardware, the same exports as a vendor's
 * (undecorated, stdcall). Its behaviour is set by environment variables, read on every call:
 *   FAKE_READER_PORT  the one port with a reader (default 1001); "none": no port opens
 *   FAKE_READER_CARD  a file with the card's base message; no such file: no card on the reader
 *                     (a file, not the variable, so that a test can take the card away from a
 *                     helper process that read the variable when it started)
 *   FAKE_READER_LOG   a file each call is appended to, one line each
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define API __declspec(dllexport) int __stdcall

static void env(const char *name, char *buf, DWORD n) {
	if (!GetEnvironmentVariableA(name, buf, n)) buf[0] = 0;
}

static void logcall(const char *fmt, int a) {
	char path[MAX_PATH];
	env("FAKE_READER_LOG", path, sizeof path);
	if (!path[0]) return;
	FILE *f = fopen(path, "ab");
	if (!f) return;
	fprintf(f, fmt, a);
	fputc('\n', f);
	fclose(f);
}

static int readerPort(void) {
	char v[32];
	env("FAKE_READER_PORT", v, sizeof v);
	if (!v[0]) return 1001;
	if (!strcmp(v, "none")) return -1;
	return atoi(v);
}

static int openPort = 0;

API SDT_OpenPort(int port) {
	logcall("SDT_OpenPort %d", port);
	if (port != readerPort()) return 0x01;
	openPort = port;
	return 0x90;
}

API SDT_ClosePort(int port) {
	logcall("SDT_ClosePort %d", port);
	openPort = 0;
	return 0x90;
}

API SDT_StartFindIDCard(int port, unsigned char *iin, int ifOpen) {
	char path[MAX_PATH];
	if (port != openPort) return 0x02;
	env("FAKE_READER_CARD", path, sizeof path);
	if (GetFileAttributesA(path) == INVALID_FILE_ATTRIBUTES) return 0x80;
	memset(iin, 0, 4);
	return 0x9F;
}

API SDT_SelectIDCard(int port, unsigned char *sn, int ifOpen) {
	if (port != openPort) return 0x02;
	memset(sn, 0, 8);
	return 0x90;
}

API SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *textLen, unsigned char *photo,
                    unsigned int *photoLen, int ifOpen) {
	char path[MAX_PATH];
	if (port != openPort) return 0x02;
	env("FAKE_READER_CARD", path, sizeof path);
	FILE *f = fopen(path, "rb");
	if (!f) return 0x41;
	*textLen = (unsigned int)fread(text, 1, 256, f);
	fclose(f);
	memset(photo, 0x55, 1024); /* a photo the desk must not keep */
	*photoLen = 1024;
	logcall("SDT_ReadBaseMsg %d", port);
	return 0x90;
}

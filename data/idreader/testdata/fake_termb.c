/* A fake 华视 termb.dll for the reader tests under Wine. The card is fixed (张伟, resident ID, 长期),
 * its texts in GBK as the vendor DLL hands them out. Environment variables, read on every call:
 *   FAKE_READER_PORT  the one port with a reader (default 1001); "none": no port opens
 *   FAKE_READER_CARD  a file: while it exists, a card lies on the reader
 *   FAKE_READER_LOG   a file each call is appended to
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

static int opened = 0, haveRead = 0;

API CVR_InitComm(int port) {
	char s[64];
	sprintf(s, "CVR_InitComm %d", port);
	logs(s);
	opened = port == readerPort();
	return opened ? 1 : 2;
}

API CVR_CloseComm(void) { logs("CVR_CloseComm"); opened = 0; return 1; }

API CVR_Authenticate(void) {
	char v[MAX_PATH];
	env("FAKE_READER_CARD", v, sizeof v);
	haveRead = 0;
	return opened && GetFileAttributesA(v) != INVALID_FILE_ATTRIBUTES ? 1 : 2;
}

API CVR_Read_FPContent(void) { logs("CVR_Read_FPContent"); haveRead = opened; return haveRead ? 1 : 0; }

static int text(const char *name, const char *gbk, char *buf, int *len) {
	logs(name);
	if (!haveRead) return 0;
	strcpy(buf, gbk);
	*len = (int)strlen(gbk);
	return 1;
}

API GetPeopleName(char *b, int *n) { return text("GetPeopleName", "\xd5\xc5\xce\xb0", b, n); }
API GetPeopleSex(char *b, int *n) { return text("GetPeopleSex", "\xc4\xd0", b, n); }
API GetPeopleNation(char *b, int *n) { return text("GetPeopleNation", "\xba\xba", b, n); }
API GetPeopleBirthday(char *b, int *n) { return text("GetPeopleBirthday", "19491231", b, n); }
API GetPeopleIDCode(char *b, int *n) { return text("GetPeopleIDCode", "11010519491231002x", b, n); }
API GetStartDate(char *b, int *n) { return text("GetStartDate", "20150101", b, n); }
API GetEndDate(char *b, int *n) { return text("GetEndDate", "\xb3\xa4\xc6\xda", b, n); }
API GetPeopleAddress(char *b, int *n) { return text("GetPeopleAddress", "ADDRESS", b, n); }
API GetDepartment(char *b, int *n) { return text("GetDepartment", "DEPT", b, n); }
API GetBMPData(unsigned char *b, int *n) { logs("GetBMPData"); return 0; }

/* A fake 华视 termb.dll for the reader tests under Wine. The card is fixed (张伟, resident ID, 长期),
 * its texts in GBK as the vendor DLL hands them out; it lies on the reader while FAKE_READER_CARD's
 * file exists (fake_common.h). Built with -DOLD_TERMB it is an older termb.dll: no
 * CVR_Read_FPContent, and CVR_Read_Content writes the text and photo files beside the DLL, as those
 * DLLs do. */
#include "fake_common.h"

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
	haveRead = 0;
	return opened && cardPresent(NULL) ? 1 : 2;
}

#ifndef OLD_TERMB
API CVR_Read_FPContent(void) { logs("CVR_Read_FPContent"); haveRead = opened; return haveRead ? 1 : 0; }
#else
/* dllDir is the folder of this DLL, where an old termb.dll leaves wz.txt and zp.bmp. */
static void dllFile(const char *name, char *out) {
	HMODULE m;
	GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
	                   (LPCSTR)dllFile, &m);
	GetModuleFileNameA(m, out, MAX_PATH);
	char *slash = strrchr(out, '\\');
	strcpy(slash ? slash + 1 : out, name);
}

API CVR_Read_Content(int active) {
	char path[MAX_PATH];
	logs("CVR_Read_Content");
	haveRead = opened;
	if (!haveRead) return 0;
	const char *files[] = {"wz.txt", "zp.bmp"};
	for (int i = 0; i < 2; i++) {
		dllFile(files[i], path);
		FILE *f = fopen(path, "wb");
		if (f) {
			fputs("ADDRESS AND PHOTO", f);
			fclose(f);
		}
	}
	return 1;
}
#endif

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

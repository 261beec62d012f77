/* A fake sdtapi.dll for the reader tests under Wine: no hardware, the exports of a vendor's
 * (undecorated, stdcall). The card is the base message in FAKE_READER_CARD's file (fake_common.h). */
#include "fake_common.h"

static int openPort = 0;

static void logPort(const char *call, int port) {
	char s[64];
	sprintf(s, "%s %d", call, port);
	logs(s);
}

API SDT_OpenPort(int port) {
	logPort("SDT_OpenPort", port);
	if (port != readerPort()) return 0x01;
	openPort = port;
	return 0x90;
}

API SDT_ClosePort(int port) {
	logPort("SDT_ClosePort", port);
	openPort = 0;
	return 0x90;
}

API SDT_StartFindIDCard(int port, unsigned char *iin, int ifOpen) {
	if (port != openPort) return 0x02;
	if (!cardPresent(NULL)) return 0x80;
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
	if (!cardPresent(path)) return 0x41;
	FILE *f = fopen(path, "rb");
	if (!f) return 0x41;
	*textLen = (unsigned int)fread(text, 1, 256, f);
	fclose(f);
	memset(photo, 0x55, 1024); /* a photo the desk must not keep */
	*photoLen = 1024;
	logPort("SDT_ReadBaseMsg", port);
	return 0x90;
}

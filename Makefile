# Frontdesk — build, run and test. Targets work on a fresh Debian/Ubuntu machine as root:
# `make run` and `make test` install the apt packages they need first.
SHELL := /bin/bash
GO := $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
# migrated_fynedo: the app calls Fyne only from its goroutine (fyne.Do); no_emoji: no emoji font, which
# the desk never shows and which Fyne would otherwise parse for every text style (about 4 MB each).
TAGS := migrated_fynedo,no_emoji
export LANG ?= zh_CN.UTF-8

# Fyne's cgo build (GLFW, OpenGL) and the PDF checks of the tests.
APT_BUILD := gcc pkg-config libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dev
# The PDF checks, the spreadsheets opened in LibreOffice, the card reader drivers run against fake
# vendor DLLs under Wine, and the installer built, signed, installed under Wine and its window opened
# under Xvfb (.ci/test-install).
APT_RELEASE := wixl msitools osslsigncode
APT_TEST := poppler-utils libreoffice-calc-nogui python3 wine64 gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 \
	$(APT_RELEASE) openssl xvfb xauth x11-utils x11-apps libgl1-mesa-dri
APT_WINDOWS := gcc-mingw-w64-x86-64
WINRES := github.com/tc-hib/go-winres@v0.3.3
VERSION := 0.1.0

.PHONY: all run test test-wine test-install deps deps-test deps-windows deps-release windows release demo build clean bench
# make release SIGN_CERT=file.pfx SIGN_PASS=… signs; cmd/frontdesk-release reads them from the environment.
export SIGN_CERT SIGN_PASS SIGN_TIMESTAMP

all: build

# deps installs whatever of the packages is missing (nothing when all are there).
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "安装缺少的软件包: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(APT_BUILD))
	@command -v $(GO) >/dev/null || { echo "需要 Go 1.21 或更新版本（go.mod 会自动取得所需的工具链）"; exit 1; }

# deps-test adds what only the tests need (PDF text, Wine and the compilers of the fake reader DLLs),
# so that `make run` stays lean.
deps-test: deps
	$(call apt_install,$(APT_TEST))

deps-windows:
	$(call apt_install,$(APT_WINDOWS))

deps-release:
	$(call apt_install,$(APT_RELEASE))

# run starts the window program on the default data folder (FRONTDESK_DATA, else the per-user
# config folder); `make run DATA=folder` picks another.
run: deps
	$(GO) run -tags $(TAGS) . $(if $(DATA),-data "$(DATA)")

# demo fills a demo data folder (352 households, a month of records) and opens the window on it.
demo: deps
	$(GO) run ./cmd/frontdeskctl -data demo-data demo -seed 1
	$(GO) run -tags $(TAGS) . -data demo-data

build: deps
	$(GO) build -tags $(TAGS) -o frontdesk .
	$(GO) build -o frontdeskctl ./cmd/frontdeskctl

# test: formatting, vet, the import rules (data and reports never import Fyne; the engine, the forms, the
# PDFs, the charts and the card reader never link the store's database, encryption or spreadsheet
# libraries; only reports/export of the reports reads the store; nothing generic imports a form), every test
# with the race detector, and the console contract smoke test when the shared checks sit beside the checkout.
test: deps-test
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt 需要格式化: $$unformatted"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	@n=$$($(GO) list -deps ./data/... ./reports/... | grep -c '^fyne.io' || true); \
	if [ "$$n" != 0 ]; then echo "data/reports import Fyne ($$n packages)"; exit 1; fi
	@for p in ./data ./data/forms/... ./reports ./reports/charts ./data/idreader ./cmd/frontdesk-idreader; do \
		n=$$($(GO) list -deps $$p | grep -E '^(go.etcd.io/bbolt|filippo.io/age|golang.org/x/crypto/bcrypt|github.com/xuri/excelize)' || true); \
		if [ -n "$$n" ]; then echo "$$p links the store's libraries: $$n"; exit 1; fi; \
	done
	@# No package of the reports imports the store but reports/export: it is the one place that reads a
	@# list, the board and the month pack out of the store, for the window and the console alike, so
	@# that their files cannot differ. The engine and the forms never import it.
	@for p in ./data ./data/forms/... ./data/idreader ./cmd/frontdesk-idreader $$($(GO) list ./reports/... | grep -vx frontdesk/reports/export); do \
		n=$$($(GO) list -deps $$p | grep -x 'frontdesk/data/store' || true); \
		if [ -n "$$n" ]; then echo "$$p imports the store"; exit 1; fi; \
	done
	@# The engine, the store, the screens and the reports never import a form: they work from the
	@# registry the forms' packages fill (only the programs, the demo and tests import data/forms).
	@n=$$($(GO) list -deps ./data ./data/store ./ui ./reports/... | grep '^frontdesk/data/forms' || true); \
	if [ -n "$$n" ]; then echo "generic code imports the forms: $$n"; exit 1; fi
	$(GO) test -tags $(TAGS) -race -count=1 -timeout 25m ./...
	GO=$(GO) bash .ci/test-wine
	$(MAKE) --no-print-directory test-install
	@# The contract adds a record of every form as the clerk. A form whose rules name its maker (the
	@# manager's month sample, the supervisor's plans and roster) is refused to the clerk, as the rules
	@# require: those refusals, and only those, may stand (TestContractEveryKind adds them as the manager).
	@if [ -f ../shared/check-cli-contract.sh ]; then \
		out=$$(bash ../shared/check-cli-contract.sh 2>&1); code=$$?; echo "$$out"; \
		bad=$$(echo "$$out" | grep '^FAIL' | grep -v '^FAIL: add [a-z_]* (its own example): .*没有权限' || true); \
		if [ -n "$$bad" ] || ! echo "$$out" | grep -q 'form kinds checked'; then echo "console contract: $$bad"; exit 1; fi; \
		if [ $$code -ne 0 ]; then echo "console contract: only the refusals of forms whose rules name their maker"; fi; \
	fi

# test-wine runs only the card reader tests under Wine.
test-wine: deps-test
	GO=$(GO) bash .ci/test-wine

# test-install builds the release from the Windows build (signed with a certificate it makes, and a next
# version unsigned), installs it in a fresh Wine prefix, runs the installed console, opens the window under
# Xvfb, upgrades and uninstalls (a minute or two).
test-install: deps-test windows
	GO=$(GO) VERSION=$(VERSION) bash .ci/test-install

# windows cross-compiles dist/frontdesk.exe (GUI subsystem, icon, version), dist/frontdeskctl.exe, and
# the 32-bit card reader helper dist/frontdesk-idreader.exe (for 32-bit vendor DLLs; README).
windows: deps deps-windows
	mkdir -p dist
	$(GO) run $(WINRES) simply --icon assets/icon.png --manifest gui --arch amd64 --out rsrc \
		--product-name "小区客服前台" --file-description "小区客服前台台账" \
		--product-version $(VERSION) --file-version $(VERSION) --copyright "Frontdesk"
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(GO) build -tags $(TAGS) -trimpath -ldflags "-H=windowsgui -s -w" -o dist/frontdesk.exe .
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -trimpath -ldflags "-s -w" -o dist/frontdeskctl.exe ./cmd/frontdeskctl
	CGO_ENABLED=0 GOOS=windows GOARCH=386 $(GO) build -trimpath -ldflags "-H=windowsgui -s -w" -o dist/frontdesk-idreader.exe ./cmd/frontdesk-idreader
	@ls -l dist/*.exe

# release packs the Windows build into dist/frontdesk-$(VERSION).msi (per machine, into Program Files; msitools'
# wixl) and dist/frontdesk-$(VERSION)-portable.zip. `make release SIGN_CERT=file.pfx SIGN_PASS=…` signs the
# three programs and the installer with osslsigncode; without them the build says it is unsigned.
release: windows deps-release
	$(GO) run ./cmd/frontdesk-release -version $(VERSION) -dist dist

# bench builds ten years of a busy estate (about 1.5 million records) in a temp folder, runs the speed
# benchmarks on it, and reports its size before and after compaction. BENCH_STORE=folder reuses a store.
bench: deps
	@set -e; store="$(BENCH_STORE)"; tmp=""; \
	if [ -z "$$store" ]; then tmp=$$(mktemp -d); store=$$tmp/store; fi; \
	trap '[ -n "$$tmp" ] && rm -rf "$$tmp"' EXIT; \
	if [ ! -f "$$store/frontdesk.db" ]; then \
		echo "生成十年规模数据（几分钟）…"; \
		$(GO) run ./cmd/frontdeskctl -data "$$store" demo -years 10 -end 2026-11-27 | head -1; \
	fi; \
	FRONTDESK_BENCH_STORE="$$store" $(GO) test -tags $(TAGS) -p 1 -run '^$$' -bench . -benchtime 2s ./data/store/ ./reports/ ./reports/export/ ./ui/; \
	FRONTDESK_USER=manager FRONTDESK_PASSWORD=demo123456 $(GO) run ./cmd/frontdeskctl -data "$$store" compact -to "$$store-compact"; \
	rm -rf "$$store-compact"

clean:
	rm -rf dist frontdesk frontdeskctl rsrc_windows_*.syso

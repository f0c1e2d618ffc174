# backdesk — plain GNU make.  `make demo` and `make check` do all the set-up.
#
# Variants share the sources and differ in the output folder:
#   build/       the program people run (-O2)
#   build-san/   AddressSanitizer + UndefinedBehaviorSanitizer, used by `make check`

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share
MANDIR    = $(DATADIR)/man
LOCALEDIR = $(DATADIR)/locale
# The customer messages' files (templates/LANG/KIND.txt); [mail] templates overrides them.
MAILTEMPLATEDIR = $(DATADIR)/backdesk/templates

VERSION  := 0.1.0
# `make V=1` shows the whole compiler lines.
V        ?= 0
Q_0      := @
Q        := $(Q_$(V))
O        ?= build
SAN      ?= 0

CC       ?= cc
PKG_CONFIG ?= pkg-config
# -pthread: db/cancel.c sends a cancel request on a thread of its own.
# libcurl is for carrier/'s tracking client (DESIGN.md); ncurses' form, panel and menu
# libraries are not used: tui/ has its own form and panes.
PKGS     := ncursesw libpq libcurl jansson inih

# pkg-config's ncursesw flags pin _XOPEN_SOURCE=600; we choose our own feature macros.
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
# Not -lcurl: net/curl_lazy.c loads libcurl when it is first used (2 ms of every start).
# ncursesw (with tinfo), jansson and inih are linked in, from the .a files of the same
# Debian -dev packages: every shared library is opened, mapped and relocated before
# main() runs, and these took 0.8-1.0 ms of each start before the console could begin
# to connect (perf stat -r 300 of --version: 8.1-9.3 ms shared, 7.3-7.5 linked in, a
# program of libpq alone 6.8).  The price: an update of one of them reaches backdesk
# when it is built again.  libpq stays shared: it speaks the server's authentication
# and TLS, and brings OpenSSL, Kerberos and LDAP along either way.
# LINK_STATIC=0 links all of them shared.
LINK_STATIC ?= 1
STATIC_PKGS := ncursesw jansson inih
ifeq ($(LINK_STATIC),1)
PKG_LIBS   := -Wl,-Bstatic $(shell $(PKG_CONFIG) --libs $(STATIC_PKGS) 2>/dev/null) -Wl,-Bdynamic \
	$(shell $(PKG_CONFIG) --libs $(filter-out libcurl $(STATIC_PKGS),$(PKGS)) 2>/dev/null)
else
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(filter-out libcurl,$(PKGS)) 2>/dev/null)
endif

WARNINGS := -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wcast-align -Wcast-qual -Wformat=2 -Wformat-security \
	-Wnull-dereference -Wundef -Wwrite-strings -Wpointer-arith -Wmissing-noreturn \
	-Wimplicit-fallthrough -Wvla -Winit-self -Wfloat-equal -Wunused \
	-Wdouble-promotion -Wconversion -Wno-sign-conversion

OPT_0 := -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
OPT_1 := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
SANLD_1 := -fsanitize=address,undefined

CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED -D_DEFAULT_SOURCE \
	-DNCURSES_WIDECHAR=1 -DBACKDESK_VERSION='"$(VERSION)"' -DLOCALEDIR='"$(LOCALEDIR)"' -DMAILTEMPLATEDIR='"$(MAILTEMPLATEDIR)"' \
	-I. -I$(O)/gen
CFLAGS   ?= $(OPT_$(SAN))
CFLAGS   += -std=c17 -pthread $(WARNINGS) $(PKG_CFLAGS) -MMD -MP
LDFLAGS  += -pthread $(SANLD_$(SAN))
LDLIBS   += $(PKG_LIBS) -lm

# Layers, lowest first (docs/ARCHITECTURE.md draws the arrows).  Everything but
# main() goes into one archive that the program and the unit tests link against
# (so app/cli.c is testable too).
LIB_DIRS := common net config mail carrier db seed tui views app
LIB_SRC  := $(filter-out app/main.c,$(sort $(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c))))
APP_SRC  := app/main.c
MIGRATIONS := $(sort $(wildcard db/migrations/*.sql))
GEN_SRC  := $(O)/gen/migrations_data.c

LIB_OBJ  := $(LIB_SRC:%.c=$(O)/%.o) $(O)/gen/migrations_data.o
APP_OBJ  := $(APP_SRC:%.c=$(O)/%.o)
LIB      := $(O)/libbackdesk.a
BIN      := $(O)/backdesk

# Translations (po/, gettext): one catalog per language, compiled next to the
# program (the program reads $(O)/locale when run from $(O), common/i18n.c).
LINGUAS  := tr hu
MO       := $(LINGUAS:%=$(O)/locale/%/LC_MESSAGES/backdesk.mo)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/unit/%)
FAKE_SRC := $(sort $(wildcard tests/fakes/*.c))
FAKE_BIN := $(FAKE_SRC:tests/fakes/%.c=$(O)/tests/fakes/%)
# Small programs the shell tests and benchmarks drive (tests/tools/*.c).
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(O)/tests/tools/%)

.PHONY: all deps demo check check-build unit install uninstall clean distclean bench clang fuzz tidy po FORCE
.DEFAULT_GOAL := all

all: backdesk

# ./backdesk is the optimized build; the sanitizer build stays in build-san/.
backdesk: $(O)/backdesk $(MO)
	@if [ "$(O)" = build ]; then ln -sf build/backdesk backdesk; fi

$(BIN): $(APP_OBJ) $(LIB)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $(APP_OBJ) $(LIB) $(LDLIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(AR) rcs $@ $^

$(O)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Migrations are compiled into the program, so a binary always knows exactly which
# schema it speaks and can refuse a newer one.
# The list itself is a prerequisite too: a migration removed or renamed (a branch
# switched) must not stay embedded.
MIGRATIONS_LIST := $(O)/gen/migrations.list
$(MIGRATIONS_LIST): FORCE
	@mkdir -p $(@D)
	@echo '$(MIGRATIONS)' | cmp -s - $@ || echo '$(MIGRATIONS)' > $@

$(GEN_SRC): $(MIGRATIONS) $(MIGRATIONS_LIST) tools/embed-migrations.sh
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)tools/embed-migrations.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(O)/gen/migrations_data.o: $(GEN_SRC)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(filter-out -Wconversion,$(CFLAGS)) -Wno-overlength-strings -c -o $@ $<

$(O)/tests/unit/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(shell $(PKG_CONFIG) --cflags cmocka) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS) $(shell $(PKG_CONFIG) --libs cmocka)

$(O)/tests/fakes/%: tests/fakes/%.c $(LIB)
	@mkdir -p $(@D)
	@echo "  FAKE    $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(O)/tests/tools/%: tests/tools/%.c $(LIB)
	@mkdir -p $(@D)
	@echo "  TOOL    $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

check-build: $(BIN) $(MO) $(UNIT_BIN) $(FAKE_BIN) $(TOOL_BIN)

# The installed program looks for its catalogs in LOCALEDIR, compiled in: a PREFIX
# changed since the last build must rebuild it.
LOCALEDIR_STAMP := $(O)/gen/localedir
$(LOCALEDIR_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@
$(O)/common/i18n.o: $(LOCALEDIR_STAMP)

# --check: format strings match their msgid's, plural forms and header are sound.
$(O)/locale/%/LC_MESSAGES/backdesk.mo: po/%.po
	@mkdir -p $(@D)
	@echo "  MSGFMT  $@"
	$(Q)msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# After adding or changing strings: the template from the sources, merged into
# every language (new strings untranslated, changed ones fuzzy: translate them,
# then tests/shell/translations.t passes again).
po:
	@tools/po.sh update

deps:
	@tools/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@tools/demo.sh

# Everything under sanitizers, on a throwaway cluster, with prove as the runner;
# then the carrier parsers' fuzzers for a while, where clang is there to build them.
check: deps
	@$(MAKE) --no-print-directory O=build-san SAN=1 check-build
	@PROVE_JOBS=$${PROVE_JOBS:-4} tests/run build-san
	@if command -v $(FUZZ_CC) >/dev/null 2>&1; then $(MAKE) --no-print-directory fuzz; \
	else echo "  FUZZ    skipped: $(FUZZ_CC) is not installed"; fi

# The same tests against the optimized build (no sanitizers), e.g. under valgrind.
unit: check-build
	@tests/run $(O)

# Warnings are part of the contract: the tree must build clean with clang too.
clang:
	@$(MAKE) --no-print-directory O=build-clang CC=clang check-build

# libFuzzer on the carrier parsers and the incoming-mail parser: carriers' answers
# and mails are untrusted bytes.  Each
# target runs FUZZ_SECONDS from the seed corpus (tests/fuzz/corpus, never written
# to: what it finds goes to build-fuzz/).  A crash leaves its input in build-fuzz/
# and fails the build; `build-fuzz/fuzz_dhl FILE` replays it.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 20
FUZZ_O       := build-fuzz
FUZZ_TARGETS := dhl aftership mime
# Only what the parsers need: no curl, no database, no terminal.
FUZZ_LIB     := carrier/track.c carrier/dhl.c carrier/aftership.c carrier/adapters.c \
	carrier/answer.c carrier/request.c common/xalloc.c common/fatal.c common/strbuf.c common/textsafe.c \
	mail/mime_in.c mail/mime_decode.c mail/html_text.c mail/sha256.c mail/mail_doc.c
FUZZ_FLAGS   := -std=c17 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -I. -Itests/fuzz \
	$(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)

$(FUZZ_O)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_check.h $(FUZZ_LIB) $(wildcard carrier/*.h common/*.h mail/*.h)
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB) $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null)

fuzz: $(FUZZ_TARGETS:%=$(FUZZ_O)/fuzz_%)
	@echo "  FUZZ    $(FUZZ_TARGETS) ($(FUZZ_SECONDS) s, side by side)"
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_O)/corpus-$$t $(FUZZ_O)/crash-$$t || exit 1; \
		( $(FUZZ_O)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-max_len=65536 -dict=tests/fuzz/$$t.dict -artifact_prefix=$(FUZZ_O)/crash-$$t/ \
			$(FUZZ_O)/corpus-$$t tests/fuzz/corpus/$$t > $(FUZZ_O)/fuzz_$$t.log 2>&1; \
		  echo $$? > $(FUZZ_O)/fuzz_$$t.rc ) & \
	done; wait
	@rc=0; for t in $(FUZZ_TARGETS); do \
		if [ "$$(cat $(FUZZ_O)/fuzz_$$t.rc)" != 0 ]; then \
			tail -40 $(FUZZ_O)/fuzz_$$t.log; \
			echo "fuzz_$$t failed: its input is in $(FUZZ_O)/crash-$$t/" >&2; rc=1; \
		else \
			printf '  %-10s ' "$$t"; grep -E '^(#[0-9]+[[:space:]]+DONE|Done)' $(FUZZ_O)/fuzz_$$t.log | tail -1; \
		fi; \
	done; exit $$rc

# Figures next to their floors (docs/BENCHMARKS.md), on a private cluster of 1M orders;
# `SCALE=10M make bench` for 10M.  Minutes, not part of check.  See tests/bench/run.
bench: deps all
	@tests/bench/run

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/backdesk/migrations $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(O)/backdesk $(DESTDIR)$(BINDIR)/backdesk
	install -m 0644 $(MIGRATIONS) $(DESTDIR)$(DATADIR)/backdesk/migrations/
	install -m 0644 docs/backdesk.1 $(DESTDIR)$(MANDIR)/man1/backdesk.1
	@for l in $(LINGUAS); do \
		echo "install -m 0644 $(O)/locale/$$l/LC_MESSAGES/backdesk.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/"; \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 0644 $(O)/locale/$$l/LC_MESSAGES/backdesk.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/backdesk.mo || exit 1; \
	done
	for l in en tr hu; do \
		install -d $(DESTDIR)$(MAILTEMPLATEDIR)/$$l && \
		install -m 0644 templates/$$l/*.txt $(DESTDIR)$(MAILTEMPLATEDIR)/$$l/ || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/backdesk $(DESTDIR)$(MANDIR)/man1/backdesk.1
	rm -f $(LINGUAS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/backdesk.mo)
	rm -rf $(DESTDIR)$(DATADIR)/backdesk

clean:
	rm -rf build build-san build-clang build-fuzz backdesk

# Also forgets the private demo cluster (stopping it first).
distclean: clean
	-@db/devdb stop >/dev/null 2>&1
	rm -rf .devdb

# Header dependencies of this build directory only (O=build-me too).
-include $(shell find $(O) -name '*.d' 2>/dev/null)

FORCE:

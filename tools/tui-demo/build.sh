#!/bin/sh
# Builds the toolkit playground against the objects of a build: tools/tui-demo/build.sh [build-dir]
set -eu
cd "$(dirname "$0")/../.."
O=${1:-build}
make --no-print-directory O="$O" $(ls tui/*.c common/*.c | sed "s|^|$O/|; s|\.c$|.o|") >/dev/null
flags=$(pkg-config --cflags ncursesw | sed 's/-D_XOPEN_SOURCE=600//; s/-D_DEFAULT_SOURCE//')
san=""
[ "$O" = build-san ] && san="-fsanitize=address,undefined"
${CC:-cc} -std=c17 -Wall -Wextra -Werror -g $san -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 \
	-D_XOPEN_SOURCE_EXTENDED -D_DEFAULT_SOURCE -DNCURSES_WIDECHAR=1 -DLOCALEDIR='"/usr/local/share/locale"' \
	$flags -I. -o "$O/tui-demo" tools/tui-demo/demo.c "$O"/tui/*.o "$O"/common/*.o \
	$(pkg-config --libs ncursesw)
echo "$O/tui-demo"

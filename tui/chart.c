#include "tui/chart.h"

#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "tui/utf8.h"

/* ▁▂▃▄▅▆▇█ and, without them, shapes that rise the same way. */
static const char *const spark_blocks[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
static const char spark_ascii[8] = { '_', '.', ',', '-', '=', '+', '*', '#' };
/* A bar's last cell: ▏..▉ eighths. */
static const char *const bar_eighths[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };

bool tui_chart_blocks(const char *term, bool unicode)
{
	if (!unicode)
		return false;
	/* The console's fonts (linux, its framebuffer cousins) and the old vt's. */
	if (term != NULL && (strncmp(term, "linux", 5) == 0 || strncmp(term, "vt", 2) == 0 ||
			     strcmp(term, "dumb") == 0 || strncmp(term, "con", 3) == 0))
		return false;
	return true;
}

bool tui_chart_blocks_here(void)
{
	static int known = -1;

	if (known < 0)
		known = tui_chart_blocks(getenv("TERM"), tui_text_unicode());
	return known == 1;
}

int tui_spark_level(double v, double lo, double hi)
{
	int level;

	if (hi <= lo)
		return v > lo ? 7 : 0;
	if (v <= lo)
		return 0;
	if (v >= hi)
		return 7;
	level = (int)((v - lo) / (hi - lo) * 7.0 + 0.5);
	/* Anything above the floor shows above it. */
	return level < 1 ? 1 : level;
}

char *tui_sparkline(const double *v, const bool *have, size_t n, double lo, double hi, bool blocks)
{
	struct strbuf sb = STRBUF_INIT;

	sb_puts(&sb, "");
	for (size_t i = 0; i < n; i++) {
		int level = tui_spark_level(v[i], lo, hi);

		if (have != NULL && !have[i])
			sb_puts(&sb, " ");
		else if (blocks)
			sb_puts(&sb, spark_blocks[level]);
		else
			sb_putc(&sb, spark_ascii[level]);
	}
	return sb_take(&sb);
}

char *tui_hbar(double value, double max, int width, bool blocks)
{
	struct strbuf sb = STRBUF_INIT;
	long eighths = 0, full, part;
	int cells = 0;

	sb_puts(&sb, "");
	if (width <= 0)
		return sb_take(&sb);
	if (max > 0 && value > 0) {
		double share = value >= max ? 1.0 : value / max;

		eighths = (long)(share * width * 8 + 0.5);
		if (eighths < 1)
			eighths = 1;
	}
	full = eighths / 8;
	part = eighths % 8;
	if (!blocks) {
		/* Whole cells only: a sliver is one '#'. */
		full = (eighths + 4) / 8;
		if (full == 0 && eighths > 0)
			full = 1;
		part = 0;
	}
	for (long i = 0; i < full && cells < width; i++, cells++)
		sb_puts(&sb, blocks ? "█" : "#");
	if (part > 0 && cells < width) {
		sb_puts(&sb, bar_eighths[part]);
		cells++;
	}
	for (; cells < width; cells++)
		sb_puts(&sb, " ");
	return sb_take(&sb);
}

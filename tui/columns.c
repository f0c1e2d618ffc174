#include "tui/table.h"

void tui_columns_layout(const struct tui_column *cols, size_t n, int total, int *widths)
{
	int need, on, flex_sum, extra, over;
	size_t last_flex = n;

	for (size_t i = 0; i < n; i++)
		widths[i] = cols[i].width > 0 ? cols[i].width : 1;
	for (;;) {
		size_t drop = n;

		need = 0;
		on = 0;
		for (size_t i = 0; i < n; i++)
			if (widths[i] > 0) {
				need += widths[i];
				on++;
			}
		need += on > 0 ? on - 1 : 0;
		if (need <= total)
			break;
		/* The rightmost optional column still shown goes first. */
		for (size_t i = n; i-- > 0;)
			if (widths[i] > 0 && (cols[i].flags & TUI_COL_OPTIONAL)) {
				drop = i;
				break;
			}
		if (drop == n)
			break;
		widths[drop] = 0;
	}
	extra = total - need;
	if (extra > 0) {
		flex_sum = 0;
		for (size_t i = 0; i < n; i++)
			if (widths[i] > 0 && cols[i].flex > 0) {
				flex_sum += cols[i].flex;
				last_flex = i;
			}
		if (flex_sum > 0) {
			int given = 0;

			for (size_t i = 0; i < n; i++)
				if (widths[i] > 0 && cols[i].flex > 0 && i != last_flex) {
					int add = extra * cols[i].flex / flex_sum;

					widths[i] += add;
					given += add;
				}
			widths[last_flex] += extra - given;
		}
		return;
	}
	/* Still too wide: cut from the right, separators included. */
	over = -extra;
	for (size_t i = n; i-- > 0 && over > 0;) {
		int cut;

		if (widths[i] <= 0)
			continue;
		cut = widths[i] < over ? widths[i] : over;
		widths[i] -= cut;
		over -= cut;
		if (widths[i] == 0 && over > 0)
			over--; /* its separator goes too */
	}
}

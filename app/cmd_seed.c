#include <stdio.h>
#include "app/commands.h"
/* PLACEHOLDER being replaced right now by the seed/import work; never commit. */
int cmd_seed(const struct app *app)
{
	(void)app;
	(void)fputs("backdesk: seed is being written\n", stderr);
	return EXIT_REFUSED;
}

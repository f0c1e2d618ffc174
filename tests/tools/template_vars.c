/* Prints each template kind and the values its files may use (mail/template.c),
 * "kind name name ..." sorted, for tests/shell/template_vars.t to hold against
 * the vars the database writes; with a folder, loads its files (the sender's
 * check) and prints "loaded" or the mistake with FILE:LINE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/template.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv)
{
	const char *names[32];
	const char *const *v;
	size_t k, n;

	/* With a folder: load its files as the sender does. */
	if (argc == 2) {
		struct mail_templates *t;
		char *err = NULL;

		if (mail_templates_load(argv[1], NULL, &t, &err) < 0) {
			(void)fprintf(stderr, "%s\n", err);
			free(err);
			return 1;
		}
		mail_templates_free(t);
		(void)puts("loaded");
		return 0;
	}
	for (k = 0; mail_template_kinds[k] != NULL; k++) {
		v = mail_template_vars(mail_template_kinds[k]);
		for (n = 0; v != NULL && v[n] != NULL && n < 32; n++)
			names[n] = v[n];
		qsort(names, n, sizeof names[0], by_name);
		(void)printf("%s", mail_template_kinds[k]);
		for (size_t i = 0; i < n; i++)
			(void)printf(" %s", names[i]);
		(void)printf("\n");
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

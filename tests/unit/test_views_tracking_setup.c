/* views/tracking_setup: backdesk.ini's [carrier.*] and [tracking] turned into the
 * tracking client's settings, the keys read from files only their owner may read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "config/config.h"
#include "views/tracking_setup.h"

static char dir[] = "/tmp/bd-tracking-setup-XXXXXX";

static char *put(const char *name, const char *text, mode_t mode)
{
	char *path = xasprintf("%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
	return path;
}

static char dhl_url[] = "https://api-eu.dhl.com", as_url[] = "https://api.aftership.com";

static struct config base(void)
{
	struct config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.tracking_concurrency = 8;
	cfg.tracking_background = true;
	return cfg;
}

static void nothing_set_up(void **state)
{
	struct config cfg = base();
	struct tracking_setup s;
	char *err = NULL;

	(void)state;
	assert_int_equal(tracking_setup_load(&cfg, &s, &err), 0);
	assert_null(err);
	assert_null(s.client.dhl.base_url);
	assert_null(s.client.aftership.base_url);
	assert_int_equal(s.client.concurrency, 8);
	assert_true(s.background);
	tracking_setup_free(&s);
}

static void keys_are_read_from_their_files(void **state)
{
	char *dhl = put("dhl.key", "dhl-secret\n", 0600);
	char *as = put("as.key", "as-secret", 0400);
	struct config cfg = base();
	struct tracking_setup s;
	char *err = NULL;

	(void)state;
	cfg.carrier_dhl = (struct config_carrier){ dhl_url, dhl };
	cfg.carrier_aftership = (struct config_carrier){ as_url, as };
	cfg.tracking_concurrency = 3;
	cfg.tracking_background = false;
	assert_int_equal(tracking_setup_load(&cfg, &s, &err), 0);
	assert_string_equal(s.client.dhl.base_url, "https://api-eu.dhl.com");
	assert_string_equal(s.client.dhl.api_key, "dhl-secret");
	assert_string_equal(s.client.aftership.api_key, "as-secret");
	assert_int_equal(s.client.concurrency, 3);
	assert_false(s.background);
	tracking_setup_free(&s);
	unlink(dhl);
	unlink(as);
	free(dhl);
	free(as);
}

static void refusals_name_the_section(void **state)
{
	char *open_key = put("open.key", "k\n", 0644);
	struct config cfg = base();
	struct tracking_setup s;
	char *err = NULL;

	(void)state;
	cfg.carrier_dhl = (struct config_carrier){ dhl_url, NULL };
	assert_int_equal(tracking_setup_load(&cfg, &s, &err), -1);
	assert_non_null(strstr(err, "[carrier.dhl] has a base_url but no api_key_file"));
	free(err);

	cfg.carrier_dhl = (struct config_carrier){ NULL, NULL };
	cfg.carrier_aftership = (struct config_carrier){ as_url, open_key };
	assert_int_equal(tracking_setup_load(&cfg, &s, &err), -1);
	assert_non_null(strstr(err, "[carrier.aftership] api_key_file: "));
	assert_non_null(strstr(err, open_key));
	assert_null(s.aftership_key);
	free(err);
	unlink(open_key);
	free(open_key);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nothing_set_up),
		cmocka_unit_test(keys_are_read_from_their_files),
		cmocka_unit_test(refusals_name_the_section),
	};
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	cmocka_set_message_output(CM_OUTPUT_TAP);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}

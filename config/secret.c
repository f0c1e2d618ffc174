#include "config/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "config/perm.h"

/* API keys and passwords are short; a bigger file is the wrong file. */
#define SECRET_MAX (64 * 1024)

/* Why the file may not hold a secret, or NULL when it may.  Judged on the open
 * descriptor, so the file checked is the file read even if the path changes. */
static char *refusal(const char *path, const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return xasprintf(_("secret file %s is not a regular file"), path);
	if (st->st_size > SECRET_MAX)
		return xasprintf(_("secret file %s is larger than %d KiB; is it the right file?"),
				 path, SECRET_MAX / 1024);
	return config_perm_refusal(path, st->st_mode, CONFIG_PERM_SECRET_FILE);
}

/* Reads at most SECRET_MAX + 1 bytes, so that a file that grew after fstat() is
 * still caught.  Returns the count, or -1 with errno set. */
static ssize_t read_all(int fd, char *buf)
{
	size_t len = 0;
	ssize_t n;

	while (len <= SECRET_MAX) {
		n = read(fd, buf + len, SECRET_MAX + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	return (ssize_t)len;
}

static int fail(char **err, char *msg)
{
	*err = msg;
	return -1;
}

int config_read_secret(const char *path, char **out, char **err)
{
	struct stat st;
	char *buf, *why;
	ssize_t got;
	size_t len;
	int fd, saved;

	*out = NULL;
	*err = NULL;
	/* Symlinks are followed: systemd credentials and Kubernetes secret mounts are
	 * links.  O_NONBLOCK keeps a FIFO from hanging us before fstat() refuses it. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return fail(err, xasprintf(_("cannot open secret file %s: %s"), path,
					   strerror(errno)));
	if (fstat(fd, &st) != 0) {
		saved = errno;
		(void)close(fd);
		return fail(err, xasprintf(_("cannot read secret file %s: %s"), path,
					   strerror(saved)));
	}
	why = refusal(path, &st);
	if (why != NULL) {
		(void)close(fd);
		return fail(err, why);
	}
	buf = xmalloc(SECRET_MAX + 2);
	got = read_all(fd, buf);
	saved = errno;
	(void)close(fd); /* read-only: a failing close cannot lose anything */
	if (got < 0) {
		free(buf);
		return fail(err, xasprintf(_("cannot read secret file %s: %s"), path,
					   strerror(saved)));
	}
	len = (size_t)got;
	if (len > SECRET_MAX)
		why = xasprintf(_("secret file %s is larger than %d KiB; is it the right file?"),
				path, SECRET_MAX / 1024);
	else if (memchr(buf, '\0', len) != NULL)
		why = xasprintf(_("secret file %s holds a NUL byte; a secret must be text"),
				path);
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	if (why == NULL && len == 0)
		why = xasprintf(_("secret file %s is empty"), path);
	if (why == NULL)
		*out = xstrndup(buf, len);
	/* The copy left behind must not linger in freed memory. */
	explicit_bzero(buf, SECRET_MAX + 2);
	free(buf);
	return why == NULL ? 0 : fail(err, why);
}

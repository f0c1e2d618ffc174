/* libcurl, loaded the first time it is used rather than when the program starts.
 *
 * Linked the usual way, libcurl and the twelve libraries it brings (nghttp2, ssh2,
 * rtmp, psl, brotli, zstd, …) are mapped, relocated and initialised before main():
 * 2.2 ms of every start on these machines (perf stat -r 300 of an empty program
 * linked with libpq alone against libpq and libcurl: 5.5 against 7.7 ms), which
 * is a third of what the console's start took over psql's (issue 11).  The console
 * needs libcurl only when it sends mail, seconds later, and most commands never.
 *
 * So the program is not linked with -lcurl: this file defines the curl_* functions
 * the program calls, each of which loads libcurl.so.4 once (dlopen, under
 * pthread_once: the outbox sends from a thread of its own) and calls the library's
 * own.  Callers include <curl/curl.h> and use libcurl exactly as documented.  If
 * the library cannot be loaded, the functions that make handles fail the way
 * libcurl says they fail (NULL, CURLE_FAILED_INIT) and curl_easy_strerror()
 * names the reason; nothing else can be reached without a handle. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"

/* The SONAME the headers we compiled against belong to. */
#define CURL_LIBRARY "libcurl.so.4"

/* name, return type, parameters: the functions with fixed parameters. */
#define CURL_FIXED(X)                                                                                   \
	X(curl_global_init, CURLcode, (long flags))                                                    \
	X(curl_global_cleanup, void, (void))                                                           \
	X(curl_easy_init, CURL *, (void))                                                              \
	X(curl_easy_perform, CURLcode, (CURL * curl))                                                  \
	X(curl_easy_cleanup, void, (CURL * curl))                                                      \
	X(curl_easy_reset, void, (CURL * curl))                                                        \
	X(curl_easy_recv, CURLcode, (CURL * curl, void *buffer, size_t buflen, size_t *n))             \
	X(curl_easy_send, CURLcode, (CURL * curl, const void *buffer, size_t buflen, size_t *n))       \
	X(curl_easy_strerror, const char *, (CURLcode code))                                           \
	X(curl_slist_append, struct curl_slist *, (struct curl_slist * list, const char *s))           \
	X(curl_slist_free_all, void, (struct curl_slist * list))                                       \
	X(curl_free, void, (void *p))                                                                  \
	X(curl_getdate, time_t, (const char *p, const time_t *unused))                                 \
	X(curl_url, CURLU *, (void))                                                                   \
	X(curl_url_cleanup, void, (CURLU * handle))                                                    \
	X(curl_url_get, CURLUcode, (CURLU * handle, CURLUPart what, char **part, unsigned int flags))  \
	X(curl_url_set, CURLUcode, (CURLU * handle, CURLUPart what, const char *part, unsigned int flags)) \
	X(curl_multi_init, CURLM *, (void))                                                            \
	X(curl_multi_add_handle, CURLMcode, (CURLM * multi, CURL * curl))                              \
	X(curl_multi_remove_handle, CURLMcode, (CURLM * multi, CURL * curl))                           \
	X(curl_multi_cleanup, CURLMcode, (CURLM * multi))                                              \
	X(curl_multi_info_read, CURLMsg *, (CURLM * multi, int *left))                                 \
	X(curl_multi_socket_action, CURLMcode, (CURLM * multi, curl_socket_t s, int ev_bitmask, int *running))

/* The variadic ones: their one argument is passed on with the type the option
 * or info number says it has, as libcurl itself reads it. */
#define CURL_VARIADIC(X)                                                          \
	X(curl_easy_setopt, CURLcode, (CURL * curl, CURLoption option, ...))      \
	X(curl_easy_getinfo, CURLcode, (CURL * curl, CURLINFO info, ...))         \
	X(curl_multi_setopt, CURLMcode, (CURLM * multi, CURLMoption option, ...))

static struct {
#define FIELD(name, ret, params) ret(*name) params;
	CURL_FIXED(FIELD)
	CURL_VARIADIC(FIELD)
#undef FIELD
} real;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static bool loaded;
static char load_error[512];

static void load(void)
{
	void *lib = dlopen(CURL_LIBRARY, RTLD_NOW | RTLD_LOCAL);
	void *sym;

	if (lib == NULL) {
		(void)snprintf(load_error, sizeof load_error, _("%s could not be loaded: %s"), CURL_LIBRARY,
			       dlerror());
		return;
	}
	/* memcpy: ISO C has no conversion from an object pointer to a function pointer. */
#define LOOKUP(name, ...)                                                                              \
	sym = dlsym(lib, #name);                                                                       \
	if (sym == NULL) {                                                                             \
		(void)snprintf(load_error, sizeof load_error, _("%s has no %s: %s"), CURL_LIBRARY, #name, \
			       dlerror());                                                             \
		return; /* the library stays mapped: dlclose of a half-used library helps nobody */  \
	}                                                                                              \
	memcpy(&real.name, &sym, sizeof real.name);
	CURL_FIXED(LOOKUP)
	CURL_VARIADIC(LOOKUP)
#undef LOOKUP
	loaded = true;
}

static bool ready(void)
{
	return pthread_once(&load_once, load) == 0 && loaded;
}

/* What a function returns when libcurl is not there: only the ones that make
 * handles (or take none) can be reached then. */
#define FAILED_CURLcode CURLE_FAILED_INIT
#define FAILED_CURLMcode CURLM_INTERNAL_ERROR
#define FAILED_CURLUcode CURLUE_OUT_OF_MEMORY
#define FAILED_PTR NULL

CURLcode curl_global_init(long flags)
{
	return ready() ? real.curl_global_init(flags) : CURLE_FAILED_INIT;
}

void curl_global_cleanup(void)
{
	if (ready())
		real.curl_global_cleanup();
}

CURL *curl_easy_init(void)
{
	return ready() ? real.curl_easy_init() : NULL;
}

CURLU *curl_url(void)
{
	return ready() ? real.curl_url() : NULL;
}

CURLM *curl_multi_init(void)
{
	return ready() ? real.curl_multi_init() : NULL;
}

const char *curl_easy_strerror(CURLcode code)
{
	return ready() ? real.curl_easy_strerror(code) : load_error;
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *s)
{
	return ready() ? real.curl_slist_append(list, s) : NULL;
}

time_t curl_getdate(const char *p, const time_t *unused)
{
	return ready() ? real.curl_getdate(p, unused) : (time_t)-1;
}

/* Everything else takes something only a loaded libcurl made (or NULL, which
 * libcurl's own cleanups accept). */
#define PASS_void(name, args)     \
	if (ready())              \
		real.name args;
#define PASS_VALUE(name, failed, args) return ready() ? real.name args : (failed);

void curl_easy_cleanup(CURL *curl) { PASS_void(curl_easy_cleanup, (curl)) }
void curl_easy_reset(CURL *curl) { PASS_void(curl_easy_reset, (curl)) }
void curl_slist_free_all(struct curl_slist *list) { PASS_void(curl_slist_free_all, (list)) }
void curl_free(void *p) { PASS_void(curl_free, (p)) }
void curl_url_cleanup(CURLU *handle) { PASS_void(curl_url_cleanup, (handle)) }

CURLcode curl_easy_perform(CURL *curl) { PASS_VALUE(curl_easy_perform, FAILED_CURLcode, (curl)) }

CURLcode curl_easy_recv(CURL *curl, void *buffer, size_t buflen, size_t *n)
{
	PASS_VALUE(curl_easy_recv, FAILED_CURLcode, (curl, buffer, buflen, n))
}

CURLcode curl_easy_send(CURL *curl, const void *buffer, size_t buflen, size_t *n)
{
	PASS_VALUE(curl_easy_send, FAILED_CURLcode, (curl, buffer, buflen, n))
}

CURLUcode curl_url_get(CURLU *handle, CURLUPart what, char **part, unsigned int flags)
{
	PASS_VALUE(curl_url_get, FAILED_CURLUcode, (handle, what, part, flags))
}

CURLUcode curl_url_set(CURLU *handle, CURLUPart what, const char *part, unsigned int flags)
{
	PASS_VALUE(curl_url_set, FAILED_CURLUcode, (handle, what, part, flags))
}

CURLMcode curl_multi_add_handle(CURLM *multi, CURL *curl)
{
	PASS_VALUE(curl_multi_add_handle, FAILED_CURLMcode, (multi, curl))
}

CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *curl)
{
	PASS_VALUE(curl_multi_remove_handle, FAILED_CURLMcode, (multi, curl))
}

CURLMcode curl_multi_cleanup(CURLM *multi) { PASS_VALUE(curl_multi_cleanup, FAILED_CURLMcode, (multi)) }

CURLMsg *curl_multi_info_read(CURLM *multi, int *left)
{
	PASS_VALUE(curl_multi_info_read, FAILED_PTR, (multi, left))
}

CURLMcode curl_multi_socket_action(CURLM *multi, curl_socket_t s, int ev_bitmask, int *running)
{
	PASS_VALUE(curl_multi_socket_action, FAILED_CURLMcode, (multi, s, ev_bitmask, running))
}

/* The option's number says its argument's type (CURLOPTTYPE_*, curl.h), for
 * curl_multi_setopt's options as for curl_easy_setopt's. */
#define SETOPT_PASS(call, option, ap)                                                       \
	do {                                                                               \
		if ((option) < CURLOPTTYPE_OBJECTPOINT)                                    \
			rc = call(va_arg(ap, long));                                       \
		else if ((option) < CURLOPTTYPE_FUNCTIONPOINT)                             \
			rc = call(va_arg(ap, void *));                                     \
		else if ((option) < CURLOPTTYPE_OFF_T)                                     \
			rc = call(va_arg(ap, void (*)(void)));                             \
		else if ((option) < CURLOPTTYPE_BLOB)                                      \
			rc = call(va_arg(ap, curl_off_t));                                 \
		else                                                                       \
			rc = call(va_arg(ap, void *));                                     \
	} while (0)

CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...)
{
	va_list ap;
	CURLcode rc;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, option);
#define CALL(arg) real.curl_easy_setopt(curl, option, arg)
	SETOPT_PASS(CALL, option, ap);
#undef CALL
	va_end(ap);
	return rc;
}

CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...)
{
	va_list ap;
	CURLMcode rc;

	if (!ready())
		return CURLM_INTERNAL_ERROR;
	va_start(ap, option);
#define CALL(arg) real.curl_multi_setopt(multi, option, arg)
	SETOPT_PASS(CALL, option, ap);
#undef CALL
	va_end(ap);
	return rc;
}

/* Every CURLINFO's argument is a pointer to where the answer goes. */
CURLcode curl_easy_getinfo(CURL *curl, CURLINFO info, ...)
{
	va_list ap;
	CURLcode rc;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	rc = real.curl_easy_getinfo(curl, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

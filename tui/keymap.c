#include "tui/keymap.h"

#include <stdlib.h>
#include <string.h>

#include "common/fatal.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

struct km_key {
	tui_key key;
	size_t binding;
};

struct tui_keymap {
	const struct tui_binding *b;
	const char **group; /* per binding, N_() */
	size_t nb;
	struct km_key *k;
	size_t nk, kcap;
};

static const char *const group_titles[] = {
	[TUI_GROUP_GENERAL] = N_("General"),
	[TUI_GROUP_MOVE] = N_("Moving"),
	[TUI_GROUP_LIST] = N_("Lists"),
	[TUI_GROUP_PANES] = N_("Panes and tabs"),
	[TUI_GROUP_DIALOG] = N_("Dialogs"),
};

static const struct tui_binding global_bindings[] = {
#define GLOBAL_(id, group, keys, label, help) { TUI_REQ_##id, keys, label, help, 0 },
	TUI_REQUESTS(GLOBAL_)
#undef GLOBAL_
};

static const enum tui_group global_groups[] = {
#define GROUP_(id, group, keys, label, help) group,
	TUI_REQUESTS(GROUP_)
#undef GROUP_
};

static void add_key(struct tui_keymap *km, tui_key key, size_t binding)
{
	/* First binding of a key wins; a later duplicate is ignored. */
	for (size_t i = 0; i < km->nk; i++)
		if (km->k[i].key == key)
			return;
	km->k = xgrow(km->k, &km->kcap, km->nk + 1, sizeof *km->k);
	km->k[km->nk].key = key;
	km->k[km->nk].binding = binding;
	km->nk++;
}

static void parse_keys(struct tui_keymap *km, size_t bi)
{
	const char *s = km->b[bi].keys;

	while (s != NULL && *s != '\0') {
		size_t len;
		tui_key key;

		while (*s == ' ')
			s++;
		len = strcspn(s, " ");
		if (len == 0)
			break;
		key = tui_key_parse(s, len);
		if (key == TUI_KEY_NONE)
			fatal(_("keymap: unknown key name \"%.*s\" for \"%s\""), (int)len, s,
			      km->b[bi].label != NULL ? km->b[bi].label : "?");
		add_key(km, key, bi);
		s += len;
	}
}

static struct tui_keymap *build(const struct tui_binding *b, size_t n)
{
	struct tui_keymap *km = xcalloc(1, sizeof *km);

	km->b = b;
	km->nb = n;
	km->group = xcalloc(n, sizeof *km->group);
	for (size_t i = 0; i < n; i++)
		parse_keys(km, i);
	return km;
}

struct tui_keymap *tui_keymap_global(void)
{
	size_t n = sizeof global_bindings / sizeof global_bindings[0];
	struct tui_keymap *km = build(global_bindings, n);

	for (size_t i = 0; i < n; i++)
		km->group[i] = group_titles[global_groups[i]];
	return km;
}

struct tui_keymap *tui_keymap_new(const struct tui_binding *b, size_t n, const char *title)
{
	struct tui_keymap *km = build(b, n);

	for (size_t i = 0; i < n; i++)
		km->group[i] = title != NULL ? title : N_("This screen");
	return km;
}

void tui_keymap_free(struct tui_keymap *km)
{
	if (km == NULL)
		return;
	free(km->group);
	free(km->k);
	free(km);
}

static long find_binding(const struct tui_keymap *km, int request)
{
	for (size_t i = 0; i < km->nb; i++)
		if (km->b[i].request == request)
			return (long)i;
	return -1;
}

size_t tui_keymap_bindings(const struct tui_keymap *km, const struct tui_binding **out)
{
	*out = km->b;
	return km->nb;
}

const struct tui_binding *tui_keymap_find(const struct tui_keymap *km, int request)
{
	long i = find_binding(km, request);

	return i < 0 ? NULL : &km->b[i];
}

size_t tui_keymap_keys(const struct tui_keymap *km, int request, tui_key *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < km->nk && n < max; i++)
		if (km->b[km->k[i].binding].request == request)
			out[n++] = km->k[i].key;
	return n;
}

int tui_keymap_bind(struct tui_keymap *km, tui_key key, int request)
{
	long bi = find_binding(km, request);

	if (bi < 0 || key == TUI_KEY_NONE)
		return -1;
	for (size_t i = 0; i < km->nk; i++)
		if (km->k[i].key == key) {
			km->k[i].binding = (size_t)bi;
			return 0;
		}
	add_key(km, key, (size_t)bi);
	return 0;
}

static bool available(const struct tui_keyctx *ctx, int request)
{
	return ctx->available == NULL || ctx->available(request, ctx->arg);
}

static bool allowed(const struct tui_keyctx *ctx, const struct tui_binding *b)
{
	return (b->need & ctx->caps) == b->need;
}

bool tui_keys_resolve(const struct tui_keyctx *ctx, tui_key key, struct tui_resolved *out)
{
	out->request = TUI_REQ_NONE;
	out->binding = NULL;
	out->allowed = false;
	if (ctx->typed && tui_key_is_text(key))
		return false;
	for (size_t m = 0; m < ctx->nmaps; m++) {
		const struct tui_keymap *km = ctx->maps[m];

		if (km == NULL)
			continue;
		for (size_t i = 0; i < km->nk; i++) {
			const struct tui_binding *b;

			if (km->k[i].key != key)
				continue;
			b = &km->b[km->k[i].binding];
			if (!available(ctx, b->request))
				break; /* hidden here: an earlier map may not shadow a later one */
			out->request = b->request;
			out->binding = b;
			out->allowed = allowed(ctx, b);
			return true;
		}
	}
	return false;
}

const struct tui_binding *tui_keys_fkey(const struct tui_keyctx *ctx, int n)
{
	struct tui_resolved r;

	if (n < 1 || n > 12 || !tui_keys_resolve(ctx, tui_key_f(n), &r) ||
	    !r.allowed)
		return NULL;
	return r.binding;
}

char *tui_keys_refusal(const struct tui_binding *b)
{
	return xasprintf(_("not allowed for your role: %s"),
			 b->label != NULL ? _(b->label) : "?");
}

void tui_keys_help(const struct tui_keyctx *ctx, tui_help_fn fn, void *arg)
{
	struct strbuf keys = STRBUF_INIT;

	for (size_t m = 0; m < ctx->nmaps; m++) {
		const struct tui_keymap *km = ctx->maps[m];

		if (km == NULL)
			continue;
		for (size_t bi = 0; bi < km->nb; bi++) {
			const struct tui_binding *b = &km->b[bi];

			if (!allowed(ctx, b) || !available(ctx, b->request) || b->help == NULL)
				continue;
			sb_reset(&keys);
			for (size_t i = 0; i < km->nk; i++) {
				struct tui_resolved r;
				char name[32];

				if (km->k[i].binding != bi)
					continue;
				/* Only keys that really reach this binding from here. */
				if (!tui_keys_resolve(ctx, km->k[i].key, &r) || r.binding != b)
					continue;
				tui_key_name(km->k[i].key, name, sizeof name);
				if (keys.len > 0)
					sb_puts(&keys, ", ");
				sb_puts(&keys, name);
			}
			if (keys.len > 0)
				fn(arg, _(km->group[bi]), keys.s, _(b->help));
		}
	}
	sb_free(&keys);
}

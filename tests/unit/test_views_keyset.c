/* views/keyset_source: the row source every database list shares, driven through a
 * real tui_table by a fake list whose queries answer from an array (no database):
 * the page queries asked for paging forward and back, seek, a refresh that
 * re-anchors on the first row shown, the query in flight dropped when the window
 * moves (its answer never reaches the table), refusals, one-page lists, a search
 * whose words change in flight (asked again when it is back, its answer unseen), and keys
 * that are copied, compared and freed by their layout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <locale.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/table.h"
#include "views/keyset_source.h"

/* The list: rows (id, key, number) in ascending key order. */
enum { COL_ID, COL_KEY, COL_NUMBER, NCOLS };

struct item {
	long id, key;
};

#define MAXQ 64

/* One query the source started, as the fake database saw it. */
struct query {
	bool seek;
	char text[32];       /* seek */
	long anchor_id;      /* -1: none */
	char anchor_key[16];
	bool inclusive, backward;
	int limit;
	char filter[16];
	db_result_fn cb;
	void *arg;
	bool cancelled, answered;
};

static struct item items[256];
static size_t nitems;
static struct query queries[MAXQ + 1]; /* by id; 0 is never an id */
static unsigned nqueries;
static int answered_calls;
static char last_answer_error[128];

struct test_key {
	struct keyset_key head;
	char *id, *key, *number;
};

static const struct keyset_key_def key_def = {
	sizeof(struct test_key), 1, 3, {
		{ COL_ID, offsetof(struct test_key, id) },
		{ COL_KEY, offsetof(struct test_key, key) },
		{ COL_NUMBER, offsetof(struct test_key, number) } },
};

static void set_items(size_t n, long step)
{
	nitems = n;
	for (size_t i = 0; i < n; i++) {
		items[i].id = (long)i;
		items[i].key = (long)i * step;
	}
}

/* A text result, as libpq would hand it over. */
static PGresult *result(int ncols, size_t n, const struct item *rows)
{
	PGresult *r = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	PGresAttDesc att[NCOLS];
	char names[NCOLS][16];

	memset(att, 0, sizeof att);
	for (int c = 0; c < ncols; c++) {
		(void)snprintf(names[c], sizeof names[c], "c%d", c);
		att[c].name = names[c];
		att[c].typid = 25; /* text */
		att[c].typlen = -1;
		att[c].atttypmod = -1;
	}
	assert_int_equal(PQsetResultAttrs(r, ncols, att), 1);
	for (size_t i = 0; i < n; i++) {
		char v[NCOLS][24];

		(void)snprintf(v[COL_ID], sizeof v[COL_ID], "%ld", rows[i].id);
		(void)snprintf(v[COL_KEY], sizeof v[COL_KEY], "%ld", rows[i].key);
		(void)snprintf(v[COL_NUMBER], sizeof v[COL_NUMBER], "SO-%ld", rows[i].id);
		for (int c = 0; c < ncols; c++)
			assert_int_equal(PQsetvalue(r, (int)i, c, v[c], (int)strlen(v[c])), 1);
	}
	return r;
}

static bool passes(const struct query *q, const struct item *it)
{
	return q->filter[0] == '\0' || it->id % 2 == 0; /* "even" */
}

/* Compares an item with the anchor in (key, id) order. */
static int cmp_anchor(const struct query *q, const struct item *it)
{
	long key = strtol(q->anchor_key, NULL, 10);

	if (it->key != key)
		return it->key < key ? -1 : 1;
	return it->id < q->anchor_id ? -1 : it->id > q->anchor_id;
}

/* What the database would answer to query id now. */
static void answer(unsigned id)
{
	struct query *q = &queries[id];
	struct item rows[256];
	size_t n = 0;
	PGresult *res;

	assert_true(id > 0 && id <= nqueries);
	assert_false(q->answered);
	/* db_session: a cancelled query never answers. */
	assert_false(q->cancelled);
	q->answered = true;
	if (q->seek) {
		for (size_t i = 0; i < nitems && n == 0; i++) {
			char number[24];

			(void)snprintf(number, sizeof number, "SO-%ld", items[i].id);
			if (strcmp(number, q->text) == 0)
				rows[n++] = items[i];
		}
		res = result(2, n, rows); /* (id, key): a page row's first columns */
	} else if (!q->backward) {
		for (size_t i = 0; i < nitems && n < (size_t)q->limit; i++) {
			int c = q->anchor_id < 0 ? 1 : cmp_anchor(q, &items[i]);

			if ((c > 0 || (c == 0 && q->inclusive)) && passes(q, &items[i]))
				rows[n++] = items[i];
		}
		res = result(NCOLS, n, rows);
	} else {
		struct item back[256];
		size_t m = 0;

		for (size_t i = nitems; i > 0 && m < (size_t)q->limit; i--) {
			int c = q->anchor_id < 0 ? -1 : cmp_anchor(q, &items[i - 1]);

			if ((c < 0 || (c == 0 && q->inclusive)) && passes(q, &items[i - 1]))
				back[m++] = items[i - 1];
		}
		for (size_t i = 0; i < m; i++)
			rows[n++] = back[m - 1 - i]; /* display order */
		res = result(NCOLS, n, rows);
	}
	q->cb(res, NULL, q->arg);
	PQclear(res);
}

static void answer_error(unsigned id, const char *error)
{
	assert_false(queries[id].cancelled);
	queries[id].answered = true;
	queries[id].cb(NULL, error, queries[id].arg);
}

static unsigned start(struct query *q, db_result_fn cb, void *arg)
{
	assert_true(nqueries < MAXQ);
	q->cb = cb;
	q->arg = arg;
	queries[++nqueries] = *q;
	return nqueries;
}

static unsigned fake_page(void *ctx, struct db_session *db, const struct keyset_page *p,
			  db_result_fn cb, void *arg, const char **refusal)
{
	const struct test_key *k = p->anchor;
	struct query q;

	(void)ctx;
	(void)db;
	if (p->filter != NULL && strcmp(p->filter, "even") != 0) {
		*refusal = "filter by even";
		return 0;
	}
	memset(&q, 0, sizeof q);
	q.anchor_id = k != NULL ? strtol(k->id, NULL, 10) : -1;
	(void)snprintf(q.anchor_key, sizeof q.anchor_key, "%s", k != NULL ? k->key : "");
	q.inclusive = p->inclusive;
	q.backward = p->backward;
	q.limit = p->limit;
	(void)snprintf(q.filter, sizeof q.filter, "%s", p->filter != NULL ? p->filter : "");
	return start(&q, cb, arg);
}

static unsigned fake_seek(void *ctx, struct db_session *db, const char *text,
			  const struct keyset_page *p, db_result_fn cb, void *arg)
{
	struct query q;

	(void)ctx;
	(void)db;
	(void)p;
	memset(&q, 0, sizeof q);
	q.seek = true;
	q.anchor_id = -1;
	(void)snprintf(q.text, sizeof q.text, "%s", text);
	return start(&q, cb, arg);
}

static void fake_cancel(struct db_session *db, unsigned id)
{
	(void)db;
	assert_true(id > 0 && id <= nqueries);
	assert_false(queries[id].answered);
	queries[id].cancelled = true;
}

static void fill(void *ctx, struct tui_row *r, const PGresult *res, int i)
{
	(void)ctx;
	tui_row_set(r, 0, PQgetvalue(res, i, COL_NUMBER));
	tui_row_set(r, 1, PQgetvalue(res, i, COL_KEY));
}

static void on_answered(void *ctx, const PGresult *res, const char *error)
{
	(void)ctx;
	(void)res;
	answered_calls++;
	(void)snprintf(last_answer_error, sizeof last_answer_error, "%s", error != NULL ? error : "");
}

static const struct keyset_list list = {
	.ncols = 2,
	.key = &key_def,
	.page = fake_page,
	.seek = fake_seek,
	.not_found = N_("no order numbered %s"),
	.fill = fill,
	.answered = on_answered,
	.cancel = fake_cancel,
};

static const struct keyset_list one_page_list = {
	.ncols = 2,
	.key = &key_def,
	.page = fake_page,
	.fill = fill,
	.one_page = true,
	.cancel = fake_cancel,
};

/* A search (the lookup box): its words are the list's own state, read when the
 * page is asked; its answer is one row whose id is the words' length. */
static char words[32];

static unsigned search_page(void *ctx, struct db_session *db, const struct keyset_page *p,
			    db_result_fn cb, void *arg, const char **refusal)
{
	struct query q;

	(void)ctx;
	(void)db;
	(void)refusal;
	memset(&q, 0, sizeof q);
	q.anchor_id = -1;
	q.limit = p->limit;
	(void)snprintf(q.text, sizeof q.text, "%s", words);
	return start(&q, cb, arg);
}

static void answer_search(unsigned id)
{
	struct item one = { (long)strlen(queries[id].text), 0 };
	PGresult *res = result(NCOLS, 1, &one);

	assert_false(queries[id].cancelled);
	queries[id].answered = true;
	queries[id].cb(res, NULL, queries[id].arg);
	PQclear(res);
}

static const struct keyset_list search_list = {
	.ncols = 2,
	.key = &key_def,
	.page = search_page,
	.fill = fill,
	.answered = on_answered,
	.one_page = true,
	.cancel = fake_cancel,
};

static const struct tui_column cols[] = {
	{ "Number", 10, 0, TUI_ALIGN_LEFT, 0 },
	{ "Key", 10, 1, TUI_ALIGN_LEFT, 0 },
};

struct fixture {
	struct keyset_source *src;
	struct tui_table *t;
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);

	memset(queries, 0, sizeof queries);
	nqueries = 0;
	answered_calls = 0;
	last_answer_error[0] = '\0';
	set_items(40, 10);
	fx->src = keyset_source_new(NULL, &list, NULL);
	fx->t = tui_table_new(cols, 2, &keyset_source_ops, fx->src);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	tui_table_free(fx->t);
	keyset_source_free(fx->src);
	free(fx);
	return 0;
}

static long selected_id(const struct tui_table *t)
{
	const struct test_key *k = tui_table_selected_key(t);

	return k != NULL ? strtol(k->id, NULL, 10) : -1;
}

static const struct query *last(void)
{
	return &queries[nqueries];
}

static void pages_forward_after_the_last_key(void **state)
{
	struct fixture *fx = *state;

	tui_table_set_page(fx->t, 5);
	assert_int_equal(nqueries, 1);
	assert_int_equal(last()->anchor_id, -1);
	assert_false(last()->backward);
	/* The screen's rows only: less for the server before the first screen. */
	assert_int_equal(last()->limit, 5);
	answer(1);
	assert_int_equal(tui_table_window_len(fx->t), 5);
	assert_int_equal(selected_id(fx->t), 0);
	assert_string_equal(tui_row_cell(tui_table_selected(fx->t), 0), "SO-0");
	assert_int_equal(answered_calls, 1);
	/* A whole screen is not the end: the next page is read ahead, after row 4. */
	assert_int_equal(nqueries, 2);
	assert_int_equal(last()->anchor_id, 4);
	assert_string_equal(last()->anchor_key, "40");
	assert_false(last()->inclusive);
	assert_false(last()->backward);
	assert_int_equal(last()->limit, 16);
	answer(2);
	assert_int_equal(tui_table_window_len(fx->t), 21);
	/* Three pages down leaves less than a page below: the next page, after row 20. */
	(void)tui_table_page_down(fx->t);
	(void)tui_table_page_down(fx->t);
	assert_int_equal(nqueries, 2);
	(void)tui_table_page_down(fx->t);
	assert_int_equal(nqueries, 3);
	assert_int_equal(last()->anchor_id, 20);
	assert_int_equal(last()->limit, 16);
	answer(3);
	assert_int_equal(tui_table_window_len(fx->t), 37);
	/* The fourth page is short: the last one, nothing is asked after it. */
	(void)tui_table_page_down(fx->t);
	(void)tui_table_page_down(fx->t);
	(void)tui_table_page_down(fx->t);
	assert_int_equal(nqueries, 4);
	assert_int_equal(last()->anchor_id, 36);
	answer(4);
	for (int i = 0; i < 10; i++)
		(void)tui_table_page_down(fx->t);
	assert_int_equal(nqueries, 4);
	assert_int_equal(selected_id(fx->t), 39);
}

/* A list exactly a screen long: the read-ahead finds nothing, and that is the end. */
static void a_screen_long_list_ends_with_the_read_ahead(void **state)
{
	struct fixture *fx = *state;

	set_items(5, 10);
	tui_table_set_page(fx->t, 5);
	answer(1);
	assert_int_equal(nqueries, 2);
	assert_int_equal(last()->anchor_id, 4);
	answer(2);
	assert_int_equal(tui_table_window_len(fx->t), 5);
	for (int i = 0; i < 3; i++)
		(void)tui_table_page_down(fx->t);
	(void)tui_table_end(fx->t);
	(void)tui_table_home(fx->t);
	assert_int_equal(nqueries, 2);
	assert_int_equal(selected_id(fx->t), 0);
}

static void pages_back_before_the_first_key(void **state)
{
	struct fixture *fx = *state;

	set_items(100, 10);
	tui_table_set_page(fx->t, 5);
	answer(1);
	answer(2);
	/* End: the last screen, read backwards, delivered in display order. */
	(void)tui_table_end(fx->t);
	assert_int_equal(nqueries, 3);
	assert_true(queries[3].backward);
	assert_int_equal(queries[3].anchor_id, -1);
	assert_int_equal(queries[3].limit, 5);
	answer(3);
	assert_int_equal(selected_id(fx->t), 99);
	assert_string_equal(tui_row_cell(tui_table_selected(fx->t), 0), "SO-99");
	/* And the page before it read ahead. */
	assert_int_equal(nqueries, 4);
	assert_true(last()->backward);
	assert_int_equal(last()->anchor_id, 95);
	assert_int_equal(last()->limit, 16);
	answer(4);
	assert_int_equal(tui_table_window_len(fx->t), 21);
	/* Up, a page at a time, until the rows before the window are wanted. */
	for (int i = 0; i < 4 && nqueries == 4; i++)
		(void)tui_table_page_up(fx->t);
	assert_int_equal(nqueries, 5);
	assert_true(last()->backward);
	assert_false(last()->inclusive);
	assert_int_equal(last()->anchor_id, 79);
	answer(5);
	assert_int_equal(tui_table_window_len(fx->t), 37);
	assert_int_equal(selected_id(fx->t), 84);
	(void)tui_table_page_up(fx->t);
	assert_int_equal(selected_id(fx->t), 79);
}

static void seek_pages_from_the_row_found(void **state)
{
	struct fixture *fx = *state;

	tui_table_set_page(fx->t, 5);
	answer(1);
	answer(2);
	tui_table_seek(fx->t, "SO-20");
	assert_int_equal(nqueries, 3);
	assert_true(queries[3].seek);
	assert_string_equal(queries[3].text, "SO-20");
	answer(3);
	/* The page from the row found on, that row included: a whole one, the row
	 * need not be on the screen's first line. */
	assert_int_equal(nqueries, 4);
	assert_int_equal(last()->anchor_id, 20);
	assert_string_equal(last()->anchor_key, "200");
	assert_true(last()->inclusive);
	assert_false(last()->backward);
	assert_int_equal(last()->limit, 16);
	answer(4);
	assert_int_equal(selected_id(fx->t), 20);
	/* Nothing found: the list's own words, as an error. */
	tui_table_seek(fx->t, "SO-404");
	assert_true(last()->seek);
	answer(nqueries);
	assert_true(last()->seek && last()->answered); /* no page follows */
	assert_string_equal(tui_table_error(fx->t), "no order numbered SO-404");
	assert_string_equal(last_answer_error, "");
}

static void refresh_reanchors_on_the_first_row_shown(void **state)
{
	struct fixture *fx = *state;
	const struct tui_row *r;
	const struct test_key *k;
	bool sel;

	set_items(100, 10);
	tui_table_set_page(fx->t, 5);
	answer(1);
	/* Far enough down that the first rows have left the window. */
	for (int i = 0; i < 10; i++) {
		(void)tui_table_page_down(fx->t);
		if (tui_table_inflight(fx->t) != 0)
			answer(nqueries);
	}
	(void)tui_table_down(fx->t, 2);
	assert_int_equal(selected_id(fx->t), 52);
	assert_int_equal(tui_table_line(fx->t, 0, &r, &sel), TUI_LINE_ROW);
	k = tui_row_key(r);
	assert_string_equal(k->id, "50");
	/* A row arrives between the first one shown and the one selected. */
	memmove(&items[51], &items[50], (nitems - 50) * sizeof items[0]);
	items[51].id = 500;
	items[51].key = 505;
	nitems++;
	tui_table_refresh(fx->t);
	assert_int_equal(last()->anchor_id, 50);
	assert_string_equal(last()->anchor_key, "500");
	assert_true(last()->inclusive);
	assert_false(last()->backward);
	answer(nqueries);
	/* The same row stays selected, on the same line of the screen. */
	assert_int_equal(selected_id(fx->t), 52);
	k = tui_table_selected_key(fx->t);
	assert_string_equal(k->number, "SO-52");
	assert_int_equal(tui_table_line(fx->t, 2, &r, &sel), TUI_LINE_ROW);
	assert_true(sel);
}

static void moving_drops_the_query_in_flight(void **state)
{
	struct fixture *fx = *state;

	set_items(100, 10);
	tui_table_set_page(fx->t, 5);
	/* End before the first page has come: that query is dropped for good. */
	(void)tui_table_end(fx->t);
	assert_int_equal(nqueries, 2);
	assert_true(queries[1].cancelled);
	answer(2);
	assert_int_equal(selected_id(fx->t), 99);
	/* The page before it is being read ahead: a seek drops that, and Home the seek;
	 * neither is followed by its page. */
	assert_int_equal(nqueries, 3);
	tui_table_seek(fx->t, "SO-50");
	assert_true(queries[3].cancelled);
	(void)tui_table_home(fx->t);
	assert_true(queries[4].cancelled);
	assert_int_equal(nqueries, 5);
	answer(5);
	assert_int_equal(selected_id(fx->t), 0);
	assert_int_equal(nqueries, 6); /* the read-ahead after the first screen */
	answer(6);
	assert_int_equal(nqueries, 6);
	/* A seek answered, its page overtaken by End: the page is dropped. */
	tui_table_seek(fx->t, "SO-50");
	answer(7);
	(void)tui_table_end(fx->t);
	assert_true(queries[8].cancelled);
	answer(9);
	assert_int_equal(selected_id(fx->t), 99);
	/* Only the last query of all is answered: one at a time, always. */
	answer(10);
	for (unsigned i = 1; i <= nqueries; i++)
		assert_true(queries[i].cancelled != queries[i].answered);
}

static void failures_and_refusals_reach_the_table(void **state)
{
	struct fixture *fx = *state;

	tui_table_set_page(fx->t, 5);
	answer_error(1, "server closed the connection");
	assert_string_equal(tui_table_error(fx->t), "server closed the connection");
	assert_string_equal(last_answer_error, "server closed the connection");
	/* A filter the list does not know is refused without a query. */
	tui_table_set_filter(fx->t, "odd");
	assert_int_equal(nqueries, 1);
	assert_string_equal(tui_table_error(fx->t), "filter by even");
	tui_table_set_filter(fx->t, "even");
	assert_int_equal(nqueries, 2);
	assert_string_equal(last()->filter, "even");
	answer(2);
	(void)tui_table_down(fx->t, 1);
	assert_int_equal(selected_id(fx->t), 2);
}

static void a_one_page_list_asks_once(void **state)
{
	struct fixture *fx = *state;
	struct keyset_source *src = keyset_source_new(NULL, &one_page_list, NULL);
	struct tui_table *t = tui_table_new(cols, 2, &keyset_source_ops, src);

	(void)fx;
	set_items(16, 10);
	tui_table_set_page(t, 5);
	answer(1);
	/* A full page, yet the end: nothing before or after it is asked for. */
	for (int i = 0; i < 5; i++)
		(void)tui_table_page_down(t);
	(void)tui_table_end(t);
	tui_table_seek(t, "SO-3");
	assert_int_equal(nqueries, 1);
	assert_int_equal(selected_id(t), 15);
	tui_table_refresh(t);
	assert_int_equal(nqueries, 2);
	assert_int_equal(last()->anchor_id, -1);
	answer(2);
	tui_table_free(t);
	keyset_source_free(src);
}

static void words_typed_in_flight_are_searched_when_it_is_back(void **state)
{
	struct fixture *fx = *state;
	struct keyset_source *src = keyset_source_new(NULL, &search_list, NULL);
	struct tui_table *t = tui_table_new(cols, 2, &keyset_source_ops, src);

	/* Nothing in flight: the caller asks for the page itself. */
	assert_false(keyset_source_again(src));
	(void)snprintf(words, sizeof words, "a");
	tui_table_set_page(t, 5);
	assert_int_equal(nqueries, 1);
	/* Typed while it runs: no query more, none cancelled. */
	(void)snprintf(words, sizeof words, "ab");
	assert_true(keyset_source_again(src));
	(void)snprintf(words, sizeof words, "abc");
	assert_true(keyset_source_again(src));
	assert_int_equal(nqueries, 1);
	assert_false(queries[1].cancelled);
	/* Its answer never reaches the table; the newest words are asked, once. */
	answer_search(1);
	assert_int_equal(answered_calls, 0);
	assert_int_equal(selected_id(t), -1);
	assert_int_equal(nqueries, 2);
	assert_string_equal(queries[2].text, "abc");
	answer_search(2);
	assert_int_equal(answered_calls, 1);
	assert_int_equal(selected_id(t), 3);
	assert_int_equal(nqueries, 2);
	assert_false(keyset_source_again(src));
	/* Nor does the failure of a query for words typed over. */
	tui_table_refresh(t);
	(void)snprintf(words, sizeof words, "abcd");
	assert_true(keyset_source_again(src));
	answer_error(3, "the server went away");
	assert_int_equal(answered_calls, 1);
	assert_null(tui_table_error(t));
	assert_int_equal(selected_id(t), 3);
	answer_search(4);
	assert_int_equal(selected_id(t), 4);
	/* Dropped (the table asks anew): the query asked again goes with it. */
	tui_table_refresh(t);
	assert_true(keyset_source_again(src));
	tui_table_refresh(t);
	assert_true(queries[5].cancelled);
	assert_int_equal(nqueries, 6);
	answer_search(6);
	assert_int_equal(nqueries, 6);
	tui_table_free(t);
	keyset_source_free(src);
	/* A list that pages never holds its query back. */
	tui_table_set_page(fx->t, 5);
	assert_int_equal(nqueries, 7);
	assert_false(keyset_source_again(fx->src));
	answer(7);
}

static void keys_are_copied_compared_and_freed_by_layout(void **state)
{
	struct item one = { 7, 70 };
	PGresult *full = result(NCOLS, 1, &one), *part = result(2, 1, &one);
	struct test_key *a = keyset_key_new(&key_def, full, 0);
	struct test_key *b = keyset_key_new(&key_def, part, 0);

	(void)state;
	assert_string_equal(a->id, "7");
	assert_string_equal(a->key, "70");
	assert_string_equal(a->number, "SO-7");
	/* A column the result lacks is empty. */
	assert_string_equal(b->number, "");
	/* The id alone says which row it is. */
	assert_true(keyset_source_ops.same_key(a, b));
	free(b->id);
	b->id = xstrdup("8");
	assert_false(keyset_source_ops.same_key(a, b));
	keyset_source_ops.free_key(a);
	keyset_source_ops.free_key(b);
	PQclear(full);
	PQclear(part);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pages_forward_after_the_last_key, setup, teardown),
		cmocka_unit_test_setup_teardown(a_screen_long_list_ends_with_the_read_ahead, setup,
						teardown),
		cmocka_unit_test_setup_teardown(pages_back_before_the_first_key, setup, teardown),
		cmocka_unit_test_setup_teardown(seek_pages_from_the_row_found, setup, teardown),
		cmocka_unit_test_setup_teardown(refresh_reanchors_on_the_first_row_shown, setup, teardown),
		cmocka_unit_test_setup_teardown(moving_drops_the_query_in_flight, setup, teardown),
		cmocka_unit_test_setup_teardown(failures_and_refusals_reach_the_table, setup, teardown),
		cmocka_unit_test_setup_teardown(a_one_page_list_asks_once, setup, teardown),
		cmocka_unit_test_setup_teardown(words_typed_in_flight_are_searched_when_it_is_back, setup,
						teardown),
		cmocka_unit_test(keys_are_copied_compared_and_freed_by_layout),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}

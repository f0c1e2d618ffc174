-- 0029 service levels count business minutes of the customer's country (issue 12).
--
-- What was wrong: a ticket's first_response_due and resolve_due were now() plus a
-- fixed interval per priority (backdesk.sla_first_response / sla_resolve, 0006), in
-- wall-clock hours: a ticket opened on Friday evening was "breached" on Saturday
-- night, holidays and the customer's country counted for nothing, and nothing
-- stopped the clock while we waited on the customer.
--
-- What holds now:
--   * backdesk.sla_calendars (a time zone per calendar), sla_hours (weekly opening
--     hours, local wall-clock times, ISO weekday 1 = Monday), sla_holidays (closed
--     days; a row with `closes` is a half day open until then) and sla_policies
--     (business minutes per priority, optionally per channel and per calendar; the
--     most specific row wins: channel before calendar before the default; a priority
--     without a policy, one just added to ticket_priorities, has normal's).
--   * backdesk.sla_spans holds every opening span of every calendar from 2010 to
--     2050 as timestamptz, with the business seconds before it.  It is derived: a
--     statement trigger on hours, holidays and calendars rebuilds it, so nothing can
--     forget to.  With it, business_add and business_minutes are two index probes
--     each, however far the target (no loop over minutes, nor over days): the clock
--     reading of a moment is the span it falls in (or the last one before it), the
--     moment of a reading is the first span whose running total reaches it.  The
--     local times become timestamptz in the calendar's zone when the spans are built,
--     so a day after a DST change still opens at 08:00 or 09:00 local.
--   * A target that ends exactly at closing is that closing time, not the next
--     opening.  A start outside the hours counts from the next opening.
--   * Triggers on backdesk.tickets: on insert, the calendar from the customer (their
--     newest address's country if a calendar with hours has that code, else a Hungarian locale
--     means HU, else TR) and both due dates from the policy, counted from created_at;
--     on a change of priority, channel or calendar, the due dates again from
--     created_at (first_response_due only while not yet answered), plus the time paused
--     so far.  The old functions stay for the old migrations' sake; no due date comes
--     from them any more: the api functions that still compute them are overruled by
--     the insert trigger.
--   * Pause: entering `pending` (waiting on the customer) stores sla_paused_at;
--     leaving it moves resolve_due (and first_response_due while unanswered) on by
--     the business time paused, and adds it to sla_paused_seconds so a later priority
--     change keeps it.  `on_hold` does NOT pause: it means we wait on a third party
--     (the carrier, the warehouse), and the customer is still waiting on us.
--   * backdesk.ticket_sla_state(ticket): 'ok', 'soon' (the next due within an hour),
--     'breached', 'paused', 'met'; backdesk.ticket_sla_next_due(ticket) is the moment
--     the countdown counts to.  Both are SQL-standard bodies without a pinned
--     search_path, so they are inlined into a list's query (like late_to_ship, 0015).
--   * Admins change policies, hours, holidays and calendars through api.set_sla_* /
--     api.remove_sla_*, audited.  A change applies to tickets created or
--     re-prioritised afterwards; existing due dates stay as they were promised.
--
-- Public holidays seeded for 2026 and 2027.  Written from the maintainer's knowledge,
-- not copied from an online source in this change; check them against the official
-- calendars before relying on them, and correct them with api.set_sla_holiday:
--   Türkiye: Law 2429 (Ulusal Bayram ve Genel Tatiller Hakkında Kanun): 1 January,
--     23 April, 1 May, 19 May, 15 July, 30 August, 29 October (28 October afternoon
--     is a half day, from 13:00).  Ramazan and Kurban Bayramı by the Diyanet İşleri
--     Başkanlığı's Hijri calendar: 2026 Ramazan Bayramı 20-22 March (eve 19 March,
--     half day), Kurban Bayramı 27-30 May (eve 26 May, half day); 2027 Ramazan
--     Bayramı 9-11 March (eve 8 March), Kurban Bayramı 16-19 May (eve 15 May).  The
--     eves' afternoons are off by law for public servants (half day, open until 13:00).
--     Türkiye keeps UTC+3 all year (no DST since 2016).
--   Hungary: Munka Törvénykönyve (2012. évi I. törvény) 102. § (1): 1 January,
--     15 March, Good Friday, Easter Sunday and Monday, 1 May, Whit Sunday and Monday,
--     20 August, 23 October, 1 November, 25 and 26 December.  Easter by the Gregorian
--     computus: 5 April 2026 and 28 March 2027 (tests/sql/sla.sql recomputes it), so
--     Good Friday 3 April 2026 / 26 March 2027, Easter Monday 6 April 2026 / 29 March
--     2027, Whit Monday 25 May 2026 / 17 May 2027.  The yearly decree that swaps bridge
--     days with working Saturdays is not seeded (a support desk need not follow it).
SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- Calendars, hours, holidays, policies.
------------------------------------------------------------------------------
CREATE TABLE backdesk.sla_calendars (
    code      text PRIMARY KEY CHECK (code ~ '^[A-Z]{2,8}$'),
    time_zone text NOT NULL CONSTRAINT sla_calendars_time_zone_length CHECK (length(time_zone) BETWEEN 1 AND 64),
    name      text NOT NULL CONSTRAINT sla_calendars_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100)
);

CREATE TABLE backdesk.sla_hours (
    calendar text NOT NULL REFERENCES backdesk.sla_calendars ON DELETE CASCADE,
    weekday  smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens    time NOT NULL,
    closes   time NOT NULL,
    PRIMARY KEY (calendar, weekday, opens),
    CHECK (opens < closes)
);

CREATE TABLE backdesk.sla_holidays (
    calendar text NOT NULL REFERENCES backdesk.sla_calendars ON DELETE CASCADE,
    day      date NOT NULL,
    name     text NOT NULL CONSTRAINT sla_holidays_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    closes   time,                       -- NULL: closed all day; else a half day, open until then
    PRIMARY KEY (calendar, day)
);

CREATE TABLE backdesk.sla_policies (
    id                     integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    priority               text NOT NULL REFERENCES backdesk.ticket_priorities,
    channel                text REFERENCES backdesk.ticket_channels,       -- NULL: any channel
    calendar               text REFERENCES backdesk.sla_calendars ON DELETE CASCADE,  -- NULL: any
    first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
    resolve_minutes        integer NOT NULL CHECK (resolve_minutes > 0),
    UNIQUE NULLS NOT DISTINCT (priority, channel, calendar)
);

-- Derived from the three above (sla_rebuild): every opening span, and the business
-- seconds of the calendar before it and up to its end.
CREATE TABLE backdesk.sla_spans (
    calendar  text NOT NULL REFERENCES backdesk.sla_calendars ON DELETE CASCADE,
    opens_at  timestamptz NOT NULL,
    closes_at timestamptz NOT NULL,
    before_s  bigint NOT NULL,
    after_s   bigint NOT NULL,
    PRIMARY KEY (calendar, opens_at),
    UNIQUE (calendar, after_s),
    CHECK (opens_at < closes_at AND after_s = before_s + extract(epoch FROM closes_at - opens_at))
);

GRANT SELECT ON backdesk.sla_calendars, backdesk.sla_hours, backdesk.sla_holidays, backdesk.sla_policies,
                backdesk.sla_spans
    TO backdesk_agent, backdesk_supervisor, backdesk_admin;

CREATE FUNCTION backdesk.sla_rebuild() RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_bad record;
BEGIN
    SELECT a.calendar, a.weekday, a.opens, a.closes INTO v_bad
    FROM backdesk.sla_hours a JOIN backdesk.sla_hours b
      ON b.calendar = a.calendar AND b.weekday = a.weekday AND b.opens > a.opens AND b.opens < a.closes
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('opening hours of calendar %s overlap on weekday %s (from %s)',
                             v_bad.calendar, v_bad.weekday, v_bad.opens),
            HINT = 'Give each weekday spans that do not overlap.';
    END IF;
    DELETE FROM backdesk.sla_spans;
    INSERT INTO backdesk.sla_spans (calendar, opens_at, closes_at, before_s, after_s)
    SELECT x.calendar, x.o, x.c,
           sum(x.len) OVER w - x.len, sum(x.len) OVER w
    FROM (SELECT cal.code AS calendar,
                 (g.d + h.opens) AT TIME ZONE cal.time_zone AS o,
                 (g.d + least(h.closes, coalesce(hol.closes, h.closes))) AT TIME ZONE cal.time_zone AS c,
                 extract(epoch FROM ((g.d + least(h.closes, coalesce(hol.closes, h.closes))) AT TIME ZONE cal.time_zone)
                                  - ((g.d + h.opens) AT TIME ZONE cal.time_zone))::bigint AS len
          FROM backdesk.sla_calendars cal
          CROSS JOIN generate_series(timestamp '2010-01-01', timestamp '2050-12-31', interval '1 day') g (d)
          JOIN backdesk.sla_hours h ON h.calendar = cal.code AND h.weekday = extract(isodow FROM g.d)
          LEFT JOIN backdesk.sla_holidays hol ON hol.calendar = cal.code AND hol.day = g.d::date
          WHERE hol.day IS NULL OR hol.closes IS NOT NULL) x
    WHERE x.len > 0
    WINDOW w AS (PARTITION BY x.calendar ORDER BY x.o);
END
$$;

CREATE FUNCTION backdesk.sla_rebuild_trigger() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    PERFORM backdesk.sla_rebuild();
    RETURN NULL;
END
$$;

------------------------------------------------------------------------------
-- The clock: business seconds since the calendar's first span, and back.
------------------------------------------------------------------------------
-- SQL-standard bodies without a pinned search_path (bound when created, like
-- late_to_ship in 0015): a pinned one costs more than the index probe itself, and
-- the ticket triggers call these several times a row.  NULL when the moment or the
-- reading is outside the calendar's spans; business_add and the triggers say so.
CREATE FUNCTION backdesk.sla_clock(p_calendar text, p_at timestamptz) RETURNS numeric
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT s.before_s + extract(epoch FROM least(p_at, s.closes_at) - s.opens_at)
        FROM backdesk.sla_spans s
        WHERE s.calendar = p_calendar AND s.opens_at <= p_at
        ORDER BY s.opens_at DESC LIMIT 1);

CREATE FUNCTION backdesk.sla_moment(p_calendar text, p_clock numeric) RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT s.opens_at + make_interval(secs => (p_clock - s.before_s)::double precision)
        FROM backdesk.sla_spans s
        WHERE s.calendar = p_calendar AND s.after_s >= ceil(p_clock)::bigint  -- whole seconds: the index
        ORDER BY s.after_s LIMIT 1);

-- BD005 for a moment the calendar cannot count: no hours at all, or outside its years.
CREATE FUNCTION backdesk.sla_need(p_value anyelement, p_calendar text, p_what text) RETURNS anyelement
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF p_value IS NULL THEN
        IF NOT EXISTS (SELECT FROM backdesk.sla_spans s WHERE s.calendar = p_calendar) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('calendar %s has no opening hours', p_calendar),
                HINT = 'Give it hours with api.set_sla_hours, or use another calendar.';
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s is outside the years calendar %s counts', p_what, p_calendar),
            HINT = 'Business time is counted from 2010 to 2050.';
    END IF;
    RETURN p_value;
END
$$;

-- The moment `minutes` business minutes after start.
CREATE FUNCTION backdesk.business_add(calendar text, start timestamptz, minutes integer) RETURNS timestamptz
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_calendar ALIAS FOR $1;
    p_start ALIAS FOR $2;
    p_minutes ALIAS FOR $3;
BEGIN
    IF p_minutes < 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('minutes %s is negative', p_minutes),
            HINT = 'Count forward from the earlier moment.';
    END IF;
    IF p_minutes = 0 THEN
        RETURN p_start;
    END IF;
    RETURN backdesk.sla_need(backdesk.sla_moment(p_calendar,
               backdesk.sla_need(backdesk.sla_clock(p_calendar, p_start), p_calendar, p_start::text) + 60 * p_minutes),
               p_calendar, format('%s minutes after %s', p_minutes, p_start));
END
$$;

-- Whole business minutes from "from" to "to" (negative when "to" is earlier).
CREATE FUNCTION backdesk.business_minutes(calendar text, "from" timestamptz, "to" timestamptz) RETURNS integer
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN trunc((backdesk.sla_need(backdesk.sla_clock($1, $3), $1, $3::text)
              - backdesk.sla_need(backdesk.sla_clock($1, $2), $1, $2::text)) / 60)::integer;

------------------------------------------------------------------------------
-- Which calendar and which policy.
------------------------------------------------------------------------------
-- A calendar counts once it has hours (sla_hours, a few rows: the spans are
-- thousands, and a probe of them by calendar alone was planned as a scan).
CREATE FUNCTION backdesk.customer_sla_calendar(p_customer_id bigint) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_country text;
BEGIN
    SELECT a.country INTO v_country FROM backdesk.addresses a WHERE a.customer_id = p_customer_id
    ORDER BY a.id DESC LIMIT 1;
    IF v_country IS NOT NULL THEN
        IF EXISTS (SELECT FROM backdesk.sla_hours h WHERE h.calendar = v_country) THEN
            RETURN v_country;
        END IF;
        RETURN 'TR';
    END IF;
    IF EXISTS (SELECT FROM backdesk.customers c WHERE c.id = p_customer_id AND c.locale LIKE 'hu%') THEN
        RETURN 'HU';
    END IF;
    RETURN 'TR';
END
$$;

CREATE FUNCTION backdesk.sla_policy(p_priority text, p_channel text, p_calendar text) RETURNS backdesk.sla_policies
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.sla_policies;
BEGIN
    -- A priority added as a row (docs/ARCHITECTURE.md, closed lists) has normal's
    -- targets until an administrator gives it its own.
    SELECT * INTO v FROM backdesk.sla_policies p
    WHERE p.priority IN (p_priority, 'normal') AND (p.channel = p_channel OR p.channel IS NULL)
      AND (p.calendar = p_calendar OR p.calendar IS NULL)
    ORDER BY p.priority <> p_priority, p.channel IS NULL, p.calendar IS NULL LIMIT 1;
    IF v.id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no SLA policy for priority %s', p_priority),
            HINT = 'An administrator sets one with api.set_sla_policy.';
    END IF;
    RETURN v;
END
$$;

------------------------------------------------------------------------------
-- The tickets.
------------------------------------------------------------------------------
ALTER TABLE backdesk.tickets
    ADD COLUMN sla_calendar text NOT NULL DEFAULT 'TR',
    ADD COLUMN sla_paused_at timestamptz,
    ADD COLUMN sla_paused_seconds integer NOT NULL DEFAULT 0 CHECK (sla_paused_seconds >= 0);

CREATE FUNCTION backdesk.tickets_sla_insert() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_country text;
    v_first integer;
    v_resolve integer;
    v_base numeric;
BEGIN
    -- `backdesk seed --orders` (the bulk load, as the owner) keeps the generator's due
    -- dates: per row lookups in tables whose indexes it set aside cost 3 ms a ticket.
    IF NEW.first_response_due IS NOT NULL AND NEW.resolve_due IS NOT NULL
       AND current_setting('backdesk.bulk_load', true) = 'on'
       AND pg_has_role(session_user, 'backdesk_owner', 'MEMBER') THEN
        IF NEW.status = 'pending' THEN
            NEW.sla_paused_at := coalesce(NEW.sla_paused_at, NEW.updated_at);
        END IF;
        RETURN NEW;
    END IF;
    -- The same steps as customer_sla_calendar, sla_policy, sla_clock and sla_moment,
    -- written out: each function call costs more than its index probe (a ticket's
    -- insert took 3x the time without the trigger through them).
    IF NEW.customer_id IS NOT NULL THEN
        SELECT a.country INTO v_country FROM backdesk.addresses a WHERE a.customer_id = NEW.customer_id
        ORDER BY a.id DESC LIMIT 1;
        IF v_country IS NULL THEN
            v_country := CASE WHEN EXISTS (SELECT FROM backdesk.customers c
                                           WHERE c.id = NEW.customer_id AND c.locale LIKE 'hu%') THEN 'HU' END;
        END IF;
        NEW.sla_calendar := CASE WHEN EXISTS (SELECT FROM backdesk.sla_hours h WHERE h.calendar = v_country)
                                 THEN v_country ELSE 'TR' END;
    END IF;
    SELECT p.first_response_minutes, p.resolve_minutes INTO v_first, v_resolve FROM backdesk.sla_policies p
    WHERE p.priority IN (NEW.priority, 'normal') AND (p.channel = NEW.channel OR p.channel IS NULL)
      AND (p.calendar = NEW.sla_calendar OR p.calendar IS NULL)
    ORDER BY p.priority <> NEW.priority, p.channel IS NULL, p.calendar IS NULL LIMIT 1;
    IF v_first IS NULL THEN
        PERFORM backdesk.sla_policy(NEW.priority, NEW.channel, NEW.sla_calendar);  -- raises
    END IF;
    SELECT s.before_s + extract(epoch FROM least(NEW.created_at, s.closes_at) - s.opens_at) INTO v_base
    FROM backdesk.sla_spans s
    WHERE s.calendar = NEW.sla_calendar AND s.opens_at <= NEW.created_at
    ORDER BY s.opens_at DESC LIMIT 1;
    v_base := v_base + NEW.sla_paused_seconds + 60 * v_first;
    SELECT s.opens_at + make_interval(secs => (v_base - s.before_s)::double precision) INTO NEW.first_response_due
    FROM backdesk.sla_spans s
    WHERE s.calendar = NEW.sla_calendar AND s.after_s >= ceil(v_base)::bigint
    ORDER BY s.after_s LIMIT 1;
    v_base := v_base + 60 * (v_resolve - v_first);
    SELECT s.opens_at + make_interval(secs => (v_base - s.before_s)::double precision) INTO NEW.resolve_due
    FROM backdesk.sla_spans s
    WHERE s.calendar = NEW.sla_calendar AND s.after_s >= ceil(v_base)::bigint
    ORDER BY s.after_s LIMIT 1;
    IF NEW.resolve_due IS NULL OR NEW.first_response_due IS NULL THEN
        PERFORM backdesk.sla_need(NULL::timestamptz, NEW.sla_calendar, 'the ticket''s due date');
    END IF;
    IF NEW.status = 'pending' THEN
        NEW.sla_paused_at := coalesce(NEW.sla_paused_at, NEW.updated_at);
    ELSE
        NEW.sla_paused_at := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION backdesk.tickets_sla_update() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_policy backdesk.sla_policies;
    v_base numeric;
    v_paused numeric;
BEGIN
    IF NEW.status = 'pending' AND OLD.status <> 'pending' THEN
        NEW.sla_paused_at := now();
    ELSIF OLD.status = 'pending' AND NEW.status <> 'pending' THEN
        IF OLD.sla_paused_at IS NOT NULL THEN
            v_paused := round(greatest(0, backdesk.sla_clock(OLD.sla_calendar, now())
                                          - backdesk.sla_clock(OLD.sla_calendar, OLD.sla_paused_at)));
            NEW.sla_paused_seconds := OLD.sla_paused_seconds + v_paused;
            NEW.resolve_due := backdesk.sla_moment(OLD.sla_calendar,
                                   backdesk.sla_clock(OLD.sla_calendar, OLD.resolve_due) + v_paused);
            IF NEW.first_response_at IS NULL THEN
                NEW.first_response_due := backdesk.sla_moment(OLD.sla_calendar,
                                              backdesk.sla_clock(OLD.sla_calendar, OLD.first_response_due) + v_paused);
            END IF;
        END IF;
        NEW.sla_paused_at := NULL;
    END IF;
    -- Reopened (a customer wrote back, or an agent reopened it): the resolution is
    -- due again, counted from now, not from a date that passed while it was solved.
    IF OLD.status IN ('solved', 'closed') AND NEW.status NOT IN ('solved', 'closed') THEN
        v_policy := backdesk.sla_policy(NEW.priority, NEW.channel, NEW.sla_calendar);
        NEW.resolve_due := backdesk.sla_moment(NEW.sla_calendar,
                               backdesk.sla_clock(NEW.sla_calendar, now()) + 60 * v_policy.resolve_minutes);
    ELSIF NEW.priority IS DISTINCT FROM OLD.priority OR NEW.channel IS DISTINCT FROM OLD.channel
       OR NEW.sla_calendar IS DISTINCT FROM OLD.sla_calendar THEN
        v_policy := backdesk.sla_policy(NEW.priority, NEW.channel, NEW.sla_calendar);
        v_base := backdesk.sla_clock(NEW.sla_calendar, NEW.created_at) + NEW.sla_paused_seconds;
        NEW.resolve_due := backdesk.sla_moment(NEW.sla_calendar, v_base + 60 * v_policy.resolve_minutes);
        IF NEW.first_response_at IS NULL THEN
            NEW.first_response_due := backdesk.sla_moment(NEW.sla_calendar,
                                                          v_base + 60 * v_policy.first_response_minutes);
        END IF;
    END IF;
    IF NEW.resolve_due IS NULL OR NEW.first_response_due IS NULL THEN
        PERFORM backdesk.sla_need(NULL::timestamptz, NEW.sla_calendar, 'the ticket''s due date');
    END IF;
    RETURN NEW;
END
$$;

-- The moment the countdown counts to: the first answer while there is none, else the
-- resolution; none once solved.
CREATE FUNCTION backdesk.ticket_sla_next_due(t backdesk.tickets) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN t.status IN ('solved', 'closed') THEN NULL
            WHEN t.first_response_at IS NULL THEN least(t.first_response_due, t.resolve_due)
            ELSE t.resolve_due END;

-- What the list colours and the views use (see the top of this file).
CREATE FUNCTION backdesk.ticket_sla_state(t backdesk.tickets) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
    WHEN t.status IN ('solved', 'closed') THEN
        CASE WHEN coalesce(t.solved_at, t.updated_at) > t.resolve_due
                  OR coalesce(t.first_response_at, t.solved_at, t.updated_at) > t.first_response_due
             THEN 'breached' ELSE 'met' END
    WHEN t.first_response_at > t.first_response_due THEN 'breached'
    WHEN t.sla_paused_at IS NOT NULL THEN
        CASE WHEN backdesk.ticket_sla_next_due(t) < t.sla_paused_at THEN 'breached' ELSE 'paused' END
    WHEN backdesk.ticket_sla_next_due(t) <= now() THEN 'breached'
    WHEN backdesk.ticket_sla_next_due(t) <= now() + interval '1 hour' THEN 'soon'
    ELSE 'ok' END;

GRANT EXECUTE ON FUNCTION backdesk.business_add(text, timestamptz, integer),
                          backdesk.business_minutes(text, timestamptz, timestamptz),
                          backdesk.sla_clock(text, timestamptz), backdesk.sla_moment(text, numeric),
                          backdesk.ticket_sla_next_due(backdesk.tickets),
                          backdesk.ticket_sla_state(backdesk.tickets)
    TO backdesk_agent, backdesk_supervisor, backdesk_admin;

------------------------------------------------------------------------------
-- The seeded calendars, hours, holidays and policies.
------------------------------------------------------------------------------
INSERT INTO backdesk.sla_calendars (code, time_zone, name) VALUES
    ('TR', 'Europe/Istanbul', 'Türkiye'),
    ('HU', 'Europe/Budapest', 'Magyarország');

INSERT INTO backdesk.sla_hours (calendar, weekday, opens, closes)
SELECT 'TR', d, time '09:00', time '18:00' FROM generate_series(1, 5) d
UNION ALL SELECT 'TR', 6, time '10:00', time '14:00'
UNION ALL SELECT 'HU', d, time '08:00', time '17:00' FROM generate_series(1, 5) d;

INSERT INTO backdesk.sla_holidays (calendar, day, name, closes) VALUES
    ('TR', '2026-01-01', 'Yılbaşı', NULL),
    ('TR', '2026-03-19', 'Ramazan Bayramı Arifesi', '13:00'),
    ('TR', '2026-03-20', 'Ramazan Bayramı 1. gün', NULL),
    ('TR', '2026-03-21', 'Ramazan Bayramı 2. gün', NULL),
    ('TR', '2026-03-22', 'Ramazan Bayramı 3. gün', NULL),
    ('TR', '2026-04-23', 'Ulusal Egemenlik ve Çocuk Bayramı', NULL),
    ('TR', '2026-05-01', 'Emek ve Dayanışma Günü', NULL),
    ('TR', '2026-05-19', 'Atatürk''ü Anma, Gençlik ve Spor Bayramı', NULL),
    ('TR', '2026-05-26', 'Kurban Bayramı Arifesi', '13:00'),
    ('TR', '2026-05-27', 'Kurban Bayramı 1. gün', NULL),
    ('TR', '2026-05-28', 'Kurban Bayramı 2. gün', NULL),
    ('TR', '2026-05-29', 'Kurban Bayramı 3. gün', NULL),
    ('TR', '2026-05-30', 'Kurban Bayramı 4. gün', NULL),
    ('TR', '2026-07-15', 'Demokrasi ve Milli Birlik Günü', NULL),
    ('TR', '2026-08-30', 'Zafer Bayramı', NULL),
    ('TR', '2026-10-28', 'Cumhuriyet Bayramı Arifesi', '13:00'),
    ('TR', '2026-10-29', 'Cumhuriyet Bayramı', NULL),
    ('TR', '2027-01-01', 'Yılbaşı', NULL),
    ('TR', '2027-03-08', 'Ramazan Bayramı Arifesi', '13:00'),
    ('TR', '2027-03-09', 'Ramazan Bayramı 1. gün', NULL),
    ('TR', '2027-03-10', 'Ramazan Bayramı 2. gün', NULL),
    ('TR', '2027-03-11', 'Ramazan Bayramı 3. gün', NULL),
    ('TR', '2027-04-23', 'Ulusal Egemenlik ve Çocuk Bayramı', NULL),
    ('TR', '2027-05-01', 'Emek ve Dayanışma Günü', NULL),
    ('TR', '2027-05-15', 'Kurban Bayramı Arifesi', '13:00'),
    ('TR', '2027-05-16', 'Kurban Bayramı 1. gün', NULL),
    ('TR', '2027-05-17', 'Kurban Bayramı 2. gün', NULL),
    ('TR', '2027-05-18', 'Kurban Bayramı 3. gün', NULL),
    ('TR', '2027-05-19', 'Kurban Bayramı 4. gün; Atatürk''ü Anma, Gençlik ve Spor Bayramı', NULL),
    ('TR', '2027-07-15', 'Demokrasi ve Milli Birlik Günü', NULL),
    ('TR', '2027-08-30', 'Zafer Bayramı', NULL),
    ('TR', '2027-10-28', 'Cumhuriyet Bayramı Arifesi', '13:00'),
    ('TR', '2027-10-29', 'Cumhuriyet Bayramı', NULL),
    ('HU', '2026-01-01', 'Újév', NULL),
    ('HU', '2026-03-15', 'Nemzeti ünnep (1848)', NULL),
    ('HU', '2026-04-03', 'Nagypéntek', NULL),
    ('HU', '2026-04-05', 'Húsvétvasárnap', NULL),
    ('HU', '2026-04-06', 'Húsvéthétfő', NULL),
    ('HU', '2026-05-01', 'A munka ünnepe', NULL),
    ('HU', '2026-05-24', 'Pünkösdvasárnap', NULL),
    ('HU', '2026-05-25', 'Pünkösdhétfő', NULL),
    ('HU', '2026-08-20', 'Államalapítás ünnepe', NULL),
    ('HU', '2026-10-23', 'Nemzeti ünnep (1956)', NULL),
    ('HU', '2026-11-01', 'Mindenszentek', NULL),
    ('HU', '2026-12-25', 'Karácsony', NULL),
    ('HU', '2026-12-26', 'Karácsony másnapja', NULL),
    ('HU', '2027-01-01', 'Újév', NULL),
    ('HU', '2027-03-15', 'Nemzeti ünnep (1848)', NULL),
    ('HU', '2027-03-26', 'Nagypéntek', NULL),
    ('HU', '2027-03-28', 'Húsvétvasárnap', NULL),
    ('HU', '2027-03-29', 'Húsvéthétfő', NULL),
    ('HU', '2027-05-01', 'A munka ünnepe', NULL),
    ('HU', '2027-05-16', 'Pünkösdvasárnap', NULL),
    ('HU', '2027-05-17', 'Pünkösdhétfő', NULL),
    ('HU', '2027-08-20', 'Államalapítás ünnepe', NULL),
    ('HU', '2027-10-23', 'Nemzeti ünnep (1956)', NULL),
    ('HU', '2027-11-01', 'Mindenszentek', NULL),
    ('HU', '2027-12-25', 'Karácsony', NULL),
    ('HU', '2027-12-26', 'Karácsony másnapja', NULL);

-- First response / resolution in business minutes; chat and social are answered
-- faster (the customer is waiting in the window).
INSERT INTO backdesk.sla_policies (priority, channel, calendar, first_response_minutes, resolve_minutes) VALUES
    ('urgent', NULL, NULL, 30, 240),
    ('high',   NULL, NULL, 60, 480),
    ('normal', NULL, NULL, 240, 1440),
    ('low',    NULL, NULL, 480, 2880),
    ('urgent', 'chat', NULL, 10, 240),
    ('high',   'chat', NULL, 20, 480),
    ('normal', 'chat', NULL, 60, 1440),
    ('low',    'chat', NULL, 120, 2880),
    ('urgent', 'social', NULL, 15, 240),
    ('high',   'social', NULL, 30, 480),
    ('normal', 'social', NULL, 90, 1440),
    ('low',    'social', NULL, 180, 2880);

SELECT backdesk.sla_rebuild();
ANALYZE backdesk.sla_spans;

CREATE TRIGGER sla_calendars_rebuild AFTER INSERT OR UPDATE OR DELETE ON backdesk.sla_calendars
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.sla_rebuild_trigger();
CREATE TRIGGER sla_hours_rebuild AFTER INSERT OR UPDATE OR DELETE ON backdesk.sla_hours
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.sla_rebuild_trigger();
CREATE TRIGGER sla_holidays_rebuild AFTER INSERT OR UPDATE OR DELETE ON backdesk.sla_holidays
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.sla_rebuild_trigger();

-- Tickets already there: Hungarian customers' tickets count by the HU calendar from
-- their next change on; pending ones are paused since their last change.  Their due
-- dates stay as they were promised.
UPDATE backdesk.tickets t SET sla_calendar = 'HU'
WHERE t.customer_id IS NOT NULL AND backdesk.customer_sla_calendar(t.customer_id) = 'HU';
UPDATE backdesk.tickets t SET sla_paused_at = t.updated_at WHERE t.status = 'pending';

ALTER TABLE backdesk.tickets
    ADD CONSTRAINT tickets_sla_calendar_fkey FOREIGN KEY (sla_calendar) REFERENCES backdesk.sla_calendars;

CREATE TRIGGER tickets_sla_insert BEFORE INSERT ON backdesk.tickets
    FOR EACH ROW EXECUTE FUNCTION backdesk.tickets_sla_insert();
-- Only what moves a due date fires it: take-next (new -> open, assignee) does not.
CREATE TRIGGER tickets_sla_update BEFORE UPDATE ON backdesk.tickets
    FOR EACH ROW
    WHEN ((OLD.status IS DISTINCT FROM NEW.status
           AND (OLD.status IN ('pending', 'solved', 'closed') OR NEW.status = 'pending'))
          OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.channel IS DISTINCT FROM NEW.channel
          OR OLD.sla_calendar IS DISTINCT FROM NEW.sla_calendar)
    EXECUTE FUNCTION backdesk.tickets_sla_update();

------------------------------------------------------------------------------
-- Administration: policies, hours, holidays, calendars.  Admins only, audited.
------------------------------------------------------------------------------
CREATE FUNCTION api.set_sla_policy(priority text, channel text, calendar text,
                                   first_response_minutes integer, resolve_minutes integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_priority ALIAS FOR $1;
    p_channel ALIAS FOR $2;
    p_calendar ALIAS FOR $3;
    p_first ALIAS FOR $4;
    p_resolve ALIAS FOR $5;
    v_old backdesk.sla_policies;
BEGIN
    PERFORM backdesk.require_role('changing SLA policies', 'admin');
    PERFORM backdesk.need_one_of(p_priority, 'priority', backdesk.choice_codes('ticket_priority'));
    IF p_channel IS NOT NULL THEN
        PERFORM backdesk.need_one_of(p_channel, 'channel', backdesk.choice_codes('ticket_channel'));
    END IF;
    IF p_calendar IS NOT NULL AND NOT EXISTS (SELECT FROM backdesk.sla_calendars k WHERE k.code = p_calendar) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no SLA calendar %L', p_calendar),
            HINT = (SELECT 'Calendars: ' || string_agg(k.code, ', ' ORDER BY k.code) || '.' FROM backdesk.sla_calendars k);
    END IF;
    IF p_first IS NULL OR p_resolve IS NULL OR p_first <= 0 OR p_resolve <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'the targets must be positive business minutes',
            HINT = 'Give first_response_minutes and resolve_minutes, for example 240 and 1440.';
    END IF;
    SELECT * INTO v_old FROM backdesk.sla_policies p
    WHERE p.priority = p_priority AND p.channel IS NOT DISTINCT FROM p_channel
      AND p.calendar IS NOT DISTINCT FROM p_calendar FOR UPDATE;
    INSERT INTO backdesk.sla_policies AS p (priority, channel, calendar, first_response_minutes, resolve_minutes)
    VALUES (p_priority, p_channel, p_calendar, p_first, p_resolve)
    ON CONFLICT (priority, channel, calendar) DO UPDATE
        SET first_response_minutes = EXCLUDED.first_response_minutes, resolve_minutes = EXCLUDED.resolve_minutes;
    PERFORM backdesk.audit('sla.policy_set', 'sla_policies', NULL,
        jsonb_build_object('priority', p_priority, 'channel', p_channel, 'calendar', p_calendar,
                           'old', CASE WHEN v_old.id IS NOT NULL THEN jsonb_build_object(
                                      'first_response_minutes', v_old.first_response_minutes,
                                      'resolve_minutes', v_old.resolve_minutes) END,
                           'new', jsonb_build_object('first_response_minutes', p_first, 'resolve_minutes', p_resolve)));
END
$$;

CREATE FUNCTION api.remove_sla_policy(priority text, channel text, calendar text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_priority ALIAS FOR $1;
    p_channel ALIAS FOR $2;
    p_calendar ALIAS FOR $3;
    v_old backdesk.sla_policies;
BEGIN
    PERFORM backdesk.require_role('changing SLA policies', 'admin');
    IF p_channel IS NULL AND p_calendar IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the default SLA policy of priority %s cannot be removed', p_priority),
            HINT = 'Change its targets with api.set_sla_policy instead.';
    END IF;
    DELETE FROM backdesk.sla_policies p
    WHERE p.priority = p_priority AND p.channel IS NOT DISTINCT FROM p_channel
      AND p.calendar IS NOT DISTINCT FROM p_calendar
    RETURNING * INTO v_old;
    IF v_old.id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no SLA policy for priority %s, channel %s, calendar %s', p_priority,
                             coalesce(p_channel, 'any'), coalesce(p_calendar, 'any')),
            HINT = 'SELECT * FROM backdesk.sla_policies shows them.';
    END IF;
    PERFORM backdesk.audit('sla.policy_remove', 'sla_policies', NULL,
        jsonb_build_object('priority', p_priority, 'channel', p_channel, 'calendar', p_calendar,
                           'first_response_minutes', v_old.first_response_minutes,
                           'resolve_minutes', v_old.resolve_minutes));
END
$$;

CREATE FUNCTION backdesk.need_sla_calendar(p_calendar text) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF p_calendar IS NULL OR NOT EXISTS (SELECT FROM backdesk.sla_calendars k WHERE k.code = p_calendar) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no SLA calendar %L', p_calendar),
            HINT = (SELECT 'Calendars: ' || string_agg(k.code, ', ' ORDER BY k.code) || '.' FROM backdesk.sla_calendars k);
    END IF;
    RETURN p_calendar;
END
$$;

-- One span a weekday: opens and closes NULL close the day.
CREATE FUNCTION api.set_sla_hours(calendar text, weekday integer, opens time, closes time) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_calendar ALIAS FOR $1;
    p_weekday ALIAS FOR $2;
    p_opens ALIAS FOR $3;
    p_closes ALIAS FOR $4;
    v_old jsonb;
BEGIN
    PERFORM backdesk.require_role('changing business hours', 'admin');
    PERFORM backdesk.need_sla_calendar(p_calendar);
    IF p_weekday IS NULL OR p_weekday NOT BETWEEN 1 AND 7 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('weekday %s is not valid', p_weekday),
            HINT = 'Use 1 (Monday) to 7 (Sunday).';
    END IF;
    IF (p_opens IS NULL) <> (p_closes IS NULL) OR p_opens >= p_closes THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('opening hours %s-%s are not valid', p_opens, p_closes),
            HINT = 'Give opens before closes, local time (09:00, 18:00), or both NULL for a closed day.';
    END IF;
    SELECT jsonb_agg(jsonb_build_object('opens', h.opens, 'closes', h.closes) ORDER BY h.opens) INTO v_old
    FROM backdesk.sla_hours h WHERE h.calendar = p_calendar AND h.weekday = p_weekday;
    DELETE FROM backdesk.sla_hours h WHERE h.calendar = p_calendar AND h.weekday = p_weekday;
    IF p_opens IS NOT NULL THEN
        INSERT INTO backdesk.sla_hours (calendar, weekday, opens, closes) VALUES (p_calendar, p_weekday, p_opens, p_closes);
    END IF;
    PERFORM backdesk.audit('sla.hours_set', 'sla_calendars', NULL,
        jsonb_build_object('calendar', p_calendar, 'weekday', p_weekday, 'old', v_old,
                           'new', CASE WHEN p_opens IS NOT NULL THEN jsonb_build_array(
                                      jsonb_build_object('opens', p_opens, 'closes', p_closes)) END));
END
$$;

CREATE FUNCTION api.set_sla_holiday(calendar text, day date, name text, closes time DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_calendar ALIAS FOR $1;
    p_day ALIAS FOR $2;
    p_name ALIAS FOR $3;
    p_closes ALIAS FOR $4;
    v_name text;
BEGIN
    PERFORM backdesk.require_role('changing holidays', 'admin');
    PERFORM backdesk.need_sla_calendar(p_calendar);
    IF p_day IS NULL OR p_day NOT BETWEEN date '2010-01-01' AND date '2050-12-31' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('day %s is not valid', p_day),
            HINT = 'Give a day from 2010 to 2050.';
    END IF;
    v_name := backdesk.need_text(p_name, 'name', 'Give the holiday''s name.');
    IF length(v_name) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('name is too long (%s characters, at most 100)', length(v_name)),
            HINT = 'Shorten the name; nothing was saved.';
    END IF;
    INSERT INTO backdesk.sla_holidays AS h (calendar, day, name, closes) VALUES (p_calendar, p_day, v_name, p_closes)
    ON CONFLICT (calendar, day) DO UPDATE SET name = EXCLUDED.name, closes = EXCLUDED.closes;
    PERFORM backdesk.audit('sla.holiday_set', 'sla_calendars', NULL,
        jsonb_build_object('calendar', p_calendar, 'day', p_day, 'name', v_name, 'closes', p_closes));
END
$$;

CREATE FUNCTION api.remove_sla_holiday(calendar text, day date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_calendar ALIAS FOR $1;
    p_day ALIAS FOR $2;
    v_old backdesk.sla_holidays;
BEGIN
    PERFORM backdesk.require_role('changing holidays', 'admin');
    DELETE FROM backdesk.sla_holidays h WHERE h.calendar = p_calendar AND h.day = p_day RETURNING * INTO v_old;
    IF v_old.day IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no holiday on %s in calendar %s', p_day, coalesce(p_calendar, 'NULL')),
            HINT = 'SELECT * FROM backdesk.sla_holidays shows them.';
    END IF;
    PERFORM backdesk.audit('sla.holiday_remove', 'sla_calendars', NULL,
        jsonb_build_object('calendar', p_calendar, 'day', p_day, 'name', v_old.name, 'closes', v_old.closes));
END
$$;

-- A calendar for another country: its customers' tickets count by it from then on.
CREATE FUNCTION api.set_sla_calendar(code text, time_zone text, name text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_code ALIAS FOR $1;
    p_zone ALIAS FOR $2;
    p_name ALIAS FOR $3;
    v_name text;
BEGIN
    PERFORM backdesk.require_role('changing SLA calendars', 'admin');
    IF p_code IS NULL OR p_code !~ '^[A-Z]{2,8}$' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('calendar code %L is not valid', p_code),
            HINT = 'Use the country''s two capital letters (DE), as in the customers'' addresses.';
    END IF;
    IF p_zone IS NULL OR NOT EXISTS (SELECT FROM pg_timezone_names z WHERE z.name = p_zone) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('time zone %L is not known', p_zone),
            HINT = 'Use an IANA zone such as Europe/Berlin.';
    END IF;
    v_name := backdesk.need_text(p_name, 'name', 'Give the calendar''s name.');
    IF length(v_name) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('name is too long (%s characters, at most 100)', length(v_name)),
            HINT = 'Shorten the name; nothing was saved.';
    END IF;
    INSERT INTO backdesk.sla_calendars AS k (code, time_zone, name) VALUES (p_code, p_zone, v_name)
    ON CONFLICT (code) DO UPDATE SET time_zone = EXCLUDED.time_zone, name = EXCLUDED.name;
    PERFORM backdesk.audit('sla.calendar_set', 'sla_calendars', NULL,
        jsonb_build_object('calendar', p_code, 'time_zone', p_zone, 'name', v_name));
END
$$;

GRANT EXECUTE ON FUNCTION api.set_sla_policy(text, text, text, integer, integer),
                          api.remove_sla_policy(text, text, text),
                          api.set_sla_hours(text, integer, time, time),
                          api.set_sla_holiday(text, date, text, time),
                          api.remove_sla_holiday(text, date),
                          api.set_sla_calendar(text, text, text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

COMMENT ON FUNCTION api.set_sla_policy(text, text, text, integer, integer) IS
$$Sets the SLA targets, in business minutes, for tickets of a priority, optionally only of one channel and/or one calendar (NULL: any). The most specific policy applies: channel, then calendar, then the priority's default. Applies to tickets created or re-prioritised afterwards. Example: SELECT api.set_sla_policy('high', 'chat', NULL, 15, 480). Audited (sla.policy_set, old and new targets).
Who: admin.
Refuses: BD001 any other role; BD003 an unknown calendar; BD005 an unknown priority or channel, or a target that is not a positive number of minutes.$$;
COMMENT ON FUNCTION api.remove_sla_policy(text, text, text) IS
$$Removes a channel's or a calendar's own SLA policy for a priority; its tickets then follow the next most specific one. Audited (sla.policy_remove).
Who: admin.
Refuses: BD001 any other role; BD002 the priority's default policy (channel and calendar NULL), which every ticket falls back to; BD003 no such policy.$$;
COMMENT ON FUNCTION api.set_sla_hours(text, integer, time, time) IS
$$Sets a calendar's opening hours for one ISO weekday (1 Monday .. 7 Sunday) to one span in local wall-clock time, or closes the day when opens and closes are NULL. Due dates of tickets created or re-prioritised afterwards count by them. Example: SELECT api.set_sla_hours('TR', 6, '10:00', '15:00'). Audited (sla.hours_set, old and new).
Who: admin.
Refuses: BD001 any other role; BD003 an unknown calendar; BD005 a weekday outside 1-7, or opens not before closes.$$;
COMMENT ON FUNCTION api.set_sla_holiday(text, date, text, time) IS
$$Adds or changes a calendar's holiday: closed all day, or, with closes, a half day open until then (local time). Example: SELECT api.set_sla_holiday('TR', '2027-10-28', 'Cumhuriyet Bayramı Arifesi', '13:00'). Audited (sla.holiday_set).
Who: admin.
Refuses: BD001 any other role; BD003 an unknown calendar; BD005 a day outside 2010-2050, or no name, or a name over 100 characters.$$;
COMMENT ON FUNCTION api.remove_sla_holiday(text, date) IS
$$Removes a calendar's holiday. Audited (sla.holiday_remove, with what it was).
Who: admin.
Refuses: BD001 any other role; BD003 no holiday on that day in that calendar.$$;
COMMENT ON FUNCTION api.set_sla_calendar(text, text, text) IS
$$Adds or changes an SLA calendar: its code (the customers' address country it serves, like DE), its IANA time zone and its name. A new calendar has no hours until api.set_sla_hours gives it some; until then its customers' tickets count by TR. Audited (sla.calendar_set).
Who: admin.
Refuses: BD001 any other role; BD005 a code that is not two to eight capital letters, an unknown time zone, no name or a name over 100 characters.$$;

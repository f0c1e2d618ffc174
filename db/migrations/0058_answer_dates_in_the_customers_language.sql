-- 0058 The dates in an answer are written as the customer's language writes them.
--
-- An answer template (F7 on an order, a ticket's macro, the e-mail queue_template
-- sends) was filled with its dates in ISO whatever its language, while since 0050
-- every other message to a customer writes them the language's way:
--   en  2026-11-24    tr  24.11.2026    hu  2026-11-24
-- so a Turkish customer read "en geç 2026-11-24 tarihinde" in an answer and
-- "24.11.2026" in the confirmation beside it.
--
-- The formatting is done where an answer's values become its text:
-- backdesk.answer_fill_values, which already writes {carrier} as the carrier's name
-- (0022).  backdesk.answer_values stays the data, dates in ISO: delivery_promise
-- and the order e-mails (0050) read its dates back as dates, and the reasons an
-- answer does not fit are for the staff, who read the console's own forms.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- The placeholders whose value is a day (template_placeholders says what each is).
CREATE FUNCTION backdesk.placeholder_is_date(p_name text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
RETURN p_name IN ('promised_from', 'promised_to', 'ship_by', 'new_ship_by', 'new_deliver_by',
                  'return_until', 'gift_expires');

CREATE OR REPLACE FUNCTION backdesk.answer_fill_values(p_order_id bigint, p_locale text) RETURNS jsonb
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT jsonb_object_agg(v.name, CASE
        WHEN v.name = 'carrier' THEN backdesk.carrier_name(v.value)
        WHEN backdesk.placeholder_is_date(v.name) THEN backdesk.format_date(v.value::date, p_locale)
        ELSE v.value END)
    FROM backdesk.answer_values(p_order_id, p_locale) v WHERE v.value IS NOT NULL;
$$;

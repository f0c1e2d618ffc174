-- Helpers every pgTAP file may use; tests/run loads them into the template database
-- once, after pgTAP.

-- ok() when p_sql is refused with SQLSTATE p_code and a message LIKE p_like (and,
-- when given, a hint LIKE p_hint_like); otherwise not ok, with what was caught.
-- pgTAP's throws_ok cannot check the code and the message pattern at once.
CREATE FUNCTION public.refused(p_sql text, p_code text, p_like text, p_descr text,
                               p_hint_like text DEFAULT NULL)
    RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v_hint text;
BEGIN
    EXECUTE p_sql;
    RETURN ok(false, p_descr) || E'\n'
        || diag(format(E'      caught: no exception\n      wanted: %s: %s', p_code, p_like));
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_hint = PG_EXCEPTION_HINT;
    IF SQLSTATE = p_code AND SQLERRM LIKE p_like AND (p_hint_like IS NULL OR v_hint LIKE p_hint_like) THEN
        RETURN ok(true, p_descr);
    END IF;
    RETURN ok(false, p_descr) || E'\n'
        || diag(format(E'      caught: %s: %s (hint: %s)\n      wanted: %s: %s (hint: %s)', SQLSTATE, SQLERRM,
                       v_hint, p_code, p_like, coalesce(p_hint_like, 'any')));
END
$$;
GRANT EXECUTE ON FUNCTION public.refused(text, text, text, text, text) TO PUBLIC;

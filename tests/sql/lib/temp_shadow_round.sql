-- One round of tests/sql/temp_shadow.sql, as the login in :login: the calls, then
-- the hostile temporary relations, then the same calls again.
SET SESSION AUTHORIZATION :login;
INSERT INTO public.t_sh_got SELECT session_user, 'before', c.name, public.t_sh_try(c.call) FROM public.t_sh_calls c;
DO $$ BEGIN PERFORM public.t_sh_arm(); END $$;
-- A new session plans every statement afresh; so must this one.
DISCARD PLANS;
INSERT INTO public.t_sh_got SELECT session_user, 'after', c.name, public.t_sh_try(c.call) FROM public.t_sh_calls c;
DO $$ BEGIN PERFORM public.t_sh_disarm(); END $$;
DISCARD PLANS;
RESET SESSION AUTHORIZATION;

-- 0005_move_period: the change in points and the period of a reported
-- index move.
--
-- change_points is the reported change in index points (negative for a
-- fall), NULL when the article gives none. period is the span the move
-- covers: day (the session's move), intraday (during the session, such as
-- "in morning trade"), week, month, quarter, year or ytd; '' when the
-- analyzer could not tell (an LLM move whose quote names no period) and
-- for every move stored before this migration. SaveAnalysis checks the
-- value; there is no CHECK here, so that a new period needs no rebuild of
-- the table.
ALTER TABLE index_moves ADD COLUMN change_points REAL;
ALTER TABLE index_moves ADD COLUMN period TEXT NOT NULL DEFAULT '';

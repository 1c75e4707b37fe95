/* sp-store-schema.c: the database schema, version by version.
 *
 * Rules the database can hold itself are held here too (CHECKs, foreign keys, the trigger that
 * refuses a fifth target), so no code path, present or future, can break them. A trigger's
 * RAISE message is a key (SP_...) that sp-store.c turns into a sentence for the user. */
#include "config.h"

#include "sp-store-schema.h"

static const gchar migration_1[] =
  "CREATE TABLE school ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  la_number TEXT NOT NULL DEFAULT '',"
  "  establishment TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  senco_name TEXT NOT NULL DEFAULT '',"
  "  notional_threshold_pence INTEGER NOT NULL DEFAULT 600000 CHECK (notional_threshold_pence >= 0),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "INSERT INTO school (id) VALUES (1);"

  /* Hourly rates per role, with on-costs, in pence: what provision costs are worked out from. */
  "CREATE TABLE role_rates ("
  "  role TEXT PRIMARY KEY,"
  "  label TEXT NOT NULL,"
  "  hourly_rate_pence INTEGER NOT NULL CHECK (hourly_rate_pence BETWEEN 0 AND 100000),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "INSERT INTO role_rates (role, label, hourly_rate_pence) VALUES"
  "  ('teacher', 'Class teacher', 4200),"
  "  ('senco', 'SENCO', 4800),"
  "  ('hlta', 'Higher level teaching assistant', 2300),"
  "  ('ta', 'Teaching assistant', 1900),"
  "  ('specialist', 'Specialist teacher or therapist', 6000),"
  "  ('other', 'Other adult', 1900);"

  "CREATE TABLE staff ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
  "  role TEXT NOT NULL REFERENCES role_rates (role),"
  "  email TEXT NOT NULL DEFAULT '',"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE need_types ("
  "  code TEXT PRIMARY KEY,"
  "  area TEXT NOT NULL CHECK (area IN ('communication', 'cognition', 'semh', 'sensory', 'none')),"
  "  name TEXT NOT NULL"
  ");"

  "CREATE TABLE pupils ("
  "  id INTEGER PRIMARY KEY,"
  "  upn TEXT UNIQUE CHECK (upn IS NULL OR length(upn) = 13),"
  "  forename TEXT NOT NULL CHECK (length(forename) BETWEEN 1 AND 200),"
  "  surname TEXT NOT NULL CHECK (length(surname) BETWEEN 1 AND 200),"
  "  preferred_name TEXT NOT NULL DEFAULT '',"
  "  date_of_birth TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),"
  "  sex TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'M', 'F')),"
  "  year_group TEXT NOT NULL CHECK (year_group IN ('N1', 'N2', 'R', '1', '2', '3', '4', '5', '6',"
  "                                                '7', '8', '9', '10', '11', '12', '13', '14')),"
  "  class_name TEXT NOT NULL DEFAULT '',"
  "  sen_status TEXT NOT NULL DEFAULT 'K' CHECK (sen_status IN ('N', 'K', 'E')),"
  "  looked_after INTEGER NOT NULL DEFAULT 0 CHECK (looked_after IN (0, 1)),"
  "  medical_condition INTEGER NOT NULL DEFAULT 0 CHECK (medical_condition IN (0, 1)),"
  "  health_care_plan INTEGER NOT NULL DEFAULT 0 CHECK (health_care_plan IN (0, 1)),"
  "  strengths TEXT NOT NULL DEFAULT '',"
  "  likes TEXT NOT NULL DEFAULT '',"
  "  dislikes TEXT NOT NULL DEFAULT '',"
  "  anxieties TEXT NOT NULL DEFAULT '',"
  "  what_helps TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX pupils_by_name ON pupils (surname, forename);"

  "CREATE TABLE pupil_needs ("
  "  id INTEGER PRIMARY KEY,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  need_code TEXT NOT NULL REFERENCES need_types (code),"
  "  rank INTEGER NOT NULL CHECK (rank >= 1),"
  "  UNIQUE (pupil_id, need_code)"
  ");"

  "CREATE TABLE contacts ("
  "  id INTEGER PRIMARY KEY,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
  "  relationship TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  preferred_method TEXT NOT NULL DEFAULT 'phone'"
  "    CHECK (preferred_method IN ('phone', 'email', 'letter', 'text', 'in_person')),"
  "  parental_responsibility INTEGER NOT NULL DEFAULT 1 CHECK (parental_responsibility IN (0, 1)),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE plans ("
  "  id INTEGER PRIMARY KEY,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  previous_plan_id INTEGER REFERENCES plans (id) ON DELETE SET NULL,"
  "  start_date TEXT NOT NULL CHECK (date(start_date) = start_date),"
  "  review_date TEXT NOT NULL CHECK (date(review_date) = review_date AND review_date > start_date),"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'reviewed', 'archived')),"
  "  areas TEXT NOT NULL DEFAULT '',"
  "  written_by INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  parent_contribution TEXT NOT NULL DEFAULT '',"
  "  pupil_likes TEXT NOT NULL DEFAULT '',"
  "  pupil_finds_hard TEXT NOT NULL DEFAULT '',"
  "  pupil_helps TEXT NOT NULL DEFAULT '',"
  "  pupil_worries TEXT NOT NULL DEFAULT '',"
  "  views_date TEXT CHECK (views_date IS NULL OR date(views_date) = views_date),"
  "  views_how TEXT NOT NULL DEFAULT '',"
  "  parents_notified_on TEXT CHECK (parents_notified_on IS NULL OR date(parents_notified_on) = parents_notified_on),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX plans_by_pupil ON plans (pupil_id, start_date);"
  "CREATE INDEX plans_by_review ON plans (status, review_date);"

  "CREATE TABLE targets ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  area TEXT NOT NULL DEFAULT '' CHECK (area IN ('', 'communication', 'cognition', 'semh', 'sensory', 'none')),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  baseline TEXT NOT NULL DEFAULT '',"
  "  success_criteria TEXT NOT NULL DEFAULT '',"
  "  carried_from INTEGER REFERENCES targets (id) ON DELETE SET NULL,"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX targets_by_plan ON targets (plan_id, position);"
  /* At most four targets on a plan: the plan is meant to stay focused. */
  "CREATE TRIGGER targets_at_most_four BEFORE INSERT ON targets"
  "  WHEN (SELECT count(*) FROM targets WHERE plan_id = NEW.plan_id) >= 4"
  "  BEGIN SELECT RAISE (ABORT, 'SP_TOO_MANY_TARGETS'); END;"
  "CREATE TRIGGER targets_at_most_four_moved BEFORE UPDATE OF plan_id ON targets"
  "  WHEN NEW.plan_id <> OLD.plan_id"
  "   AND (SELECT count(*) FROM targets WHERE plan_id = NEW.plan_id) >= 4"
  "  BEGIN SELECT RAISE (ABORT, 'SP_TOO_MANY_TARGETS'); END;"

  "CREATE TABLE strategies ("
  "  id INTEGER PRIMARY KEY,"
  "  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX strategies_by_target ON strategies (target_id, position);"

  "CREATE TABLE provision ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  area TEXT NOT NULL DEFAULT '',"
  "  role TEXT NOT NULL REFERENCES role_rates (role),"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  group_size INTEGER NOT NULL CHECK (group_size BETWEEN 1 AND 40),"
  "  sessions_per_week INTEGER NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 25),"
  "  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 390),"
  "  weeks INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 52),"
  "  start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),"
  "  end_date TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),"
  "  cost_pence INTEGER NOT NULL CHECK (cost_pence >= 0),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX provision_by_plan ON provision (plan_id, position);"

  "CREATE TABLE reviews ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
  "  review_date TEXT NOT NULL CHECK (date(review_date) = review_date),"
  "  attendees TEXT NOT NULL DEFAULT '',"
  "  parent_views TEXT NOT NULL DEFAULT '',"
  "  pupil_views TEXT NOT NULL DEFAULT '',"
  "  next_steps TEXT NOT NULL DEFAULT '',"
  "  decision TEXT CHECK (decision IS NULL OR decision IN"
  "    ('new_plan', 'continue', 'cease', 'top_up', 'ehc_request', 'specialist')),"
  "  completed_at TEXT,"
  "  reopened_at TEXT,"
  "  reopen_reason TEXT NOT NULL DEFAULT '',"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX reviews_by_plan ON reviews (plan_id, review_date);"

  "CREATE TABLE review_outcomes ("
  "  id INTEGER PRIMARY KEY,"
  "  review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,"
  "  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('achieved', 'partly', 'not_achieved')),"
  "  evidence TEXT NOT NULL DEFAULT '',"
  "  measure_before REAL,"
  "  measure_after REAL,"
  "  measure_unit TEXT NOT NULL DEFAULT '',"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  UNIQUE (review_id, target_id)"
  ");"
  "CREATE INDEX review_outcomes_by_target ON review_outcomes (target_id);"

  "CREATE TABLE annotations ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
  "  target_id INTEGER REFERENCES targets (id) ON DELETE CASCADE,"
  "  note_date TEXT NOT NULL CHECK (date(note_date) = note_date),"
  "  author_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  text TEXT NOT NULL CHECK (length(text) >= 1),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX annotations_by_plan ON annotations (plan_id, note_date);"

  "CREATE TABLE parent_meetings ("
  "  id INTEGER PRIMARY KEY,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  review_id INTEGER REFERENCES reviews (id) ON DELETE SET NULL,"
  "  meeting_date TEXT NOT NULL CHECK (date(meeting_date) = meeting_date),"
  "  method TEXT NOT NULL CHECK (method IN ('in_person', 'phone', 'video')),"
  "  attendees TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX parent_meetings_by_pupil ON parent_meetings (pupil_id, meeting_date);";

/* Version 2: a reviewed plan is the record of what was agreed and what happened, so the
 * database itself refuses changes to it: its targets, their strategies, its provision and its
 * own text, and the outcomes and text of a completed review. Reopening the review (a recorded
 * act: reviews.reopened_at and reopen_reason) sets the plan back to 'active', and then the
 * same triggers let edits through. Deleting the whole plan (or the pupil) still works: by the
 * time a cascade reaches the targets, the plan row is gone. Columns that foreign keys set to
 * NULL when a member of staff or an older plan is deleted (written_by, staff_id,
 * previous_plan_id, carried_from) are not watched, so those deletions are not blocked. */
static const gchar migration_2[] =
  "CREATE TRIGGER targets_reviewed_insert BEFORE INSERT ON targets"
  "  WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"
  "CREATE TRIGGER targets_reviewed_update"
  "  BEFORE UPDATE OF plan_id, position, area, description, baseline, success_criteria"
  "  ON targets"
  "  WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) = 'reviewed'"
  "    OR (SELECT status FROM plans WHERE id = NEW.plan_id) = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"
  "CREATE TRIGGER targets_reviewed_delete BEFORE DELETE ON targets"
  "  WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"

  "CREATE TRIGGER strategies_reviewed_insert BEFORE INSERT ON strategies"
  "  WHEN (SELECT p.status FROM targets t JOIN plans p ON p.id = t.plan_id"
  "         WHERE t.id = NEW.target_id) = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"
  "CREATE TRIGGER strategies_reviewed_update"
  "  BEFORE UPDATE OF target_id, position, description ON strategies"
  "  WHEN (SELECT p.status FROM targets t JOIN plans p ON p.id = t.plan_id"
  "         WHERE t.id = OLD.target_id) = 'reviewed'"
  "    OR (SELECT p.status FROM targets t JOIN plans p ON p.id = t.plan_id"
  "         WHERE t.id = NEW.target_id) = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"
  "CREATE TRIGGER strategies_reviewed_delete BEFORE DELETE ON strategies"
  "  WHEN (SELECT p.status FROM targets t JOIN plans p ON p.id = t.plan_id"
  "         WHERE t.id = OLD.target_id) = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"

  "CREATE TRIGGER provision_reviewed_insert BEFORE INSERT ON provision"
  "  WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"
  "CREATE TRIGGER provision_reviewed_update"
  "  BEFORE UPDATE OF plan_id, position, description, area, role, group_size,"
  "                   sessions_per_week, minutes, weeks, start_date, end_date, cost_pence"
  "  ON provision"
  "  WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) = 'reviewed'"
  "    OR (SELECT status FROM plans WHERE id = NEW.plan_id) = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"
  "CREATE TRIGGER provision_reviewed_delete BEFORE DELETE ON provision"
  "  WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"

  /* The plan's own text; its status may change (reopening, archiving). */
  "CREATE TRIGGER plans_reviewed_update"
  "  BEFORE UPDATE OF pupil_id, start_date, review_date, areas, parent_contribution,"
  "                   pupil_likes, pupil_finds_hard, pupil_helps, pupil_worries, views_date,"
  "                   views_how, parents_notified_on"
  "  ON plans"
  "  WHEN OLD.status = 'reviewed' AND NEW.status = 'reviewed'"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"

  /* A reviewed plan goes back to draft or active only through reopening its review (the
   * latest review then carries reopened_at); archiving it is allowed. */
  "CREATE TRIGGER plans_reviewed_status BEFORE UPDATE OF status ON plans"
  "  WHEN OLD.status = 'reviewed' AND NEW.status IN ('draft', 'active')"
  "   AND (SELECT reopened_at FROM reviews WHERE plan_id = OLD.id"
  "         ORDER BY id DESC LIMIT 1) IS NULL"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"

  /* A completed review stays as recorded until it is reopened. */
  "CREATE TRIGGER reviews_completed_update"
  "  BEFORE UPDATE OF plan_id, review_date, attendees, parent_views, pupil_views, next_steps,"
  "                   decision, completed_at"
  "  ON reviews"
  "  WHEN OLD.completed_at IS NOT NULL AND OLD.reopened_at IS NULL"
  "   AND NEW.reopened_at IS NULL"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"
  "CREATE TRIGGER review_outcomes_completed_update"
  "  BEFORE UPDATE ON review_outcomes"
  "  WHEN (SELECT completed_at IS NOT NULL AND reopened_at IS NULL FROM reviews"
  "         WHERE id = OLD.review_id)"
  "  BEGIN SELECT RAISE (ABORT, 'SP_PLAN_REVIEWED'); END;"

  /* The reviews-due list and the meeting counts. */
  "CREATE INDEX parent_meetings_by_date ON parent_meetings (meeting_date);";

/* Version 3: the teacher's own entries in the bank of targets (the shipped ones are a file in
 * the program, not rows). Strategies are kept one a line in a single column: they are read
 * and written only as a whole, with their entry. The same target text is saved only once. */
static const gchar migration_3[] =
  "CREATE TABLE bank_entries ("
  "  id INTEGER PRIMARY KEY,"
  "  area TEXT NOT NULL CHECK (area IN ('communication', 'cognition', 'semh', 'sensory', 'none')),"
  "  need TEXT NOT NULL DEFAULT '',"
  "  target TEXT NOT NULL UNIQUE CHECK (length(target) BETWEEN 1 AND 20000),"
  "  baseline TEXT NOT NULL DEFAULT '',"
  "  success TEXT NOT NULL DEFAULT '',"
  "  strategies TEXT NOT NULL DEFAULT '',"
  "  years TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX bank_entries_by_area ON bank_entries (area, id);";

/* Version 4: indexes for the pupil list, read at every start: in the list's order (names
 * ignoring case), each pupil's needs by rank, and their active plans by review date. With
 * them the list of 2,000 pupils is read without sorting (EXPLAIN QUERY PLAN: no temporary
 * b-tree), 8 ms -> 3 ms. IF NOT EXISTS: a file taken back to an older version by hand may
 * still have them. */
static const gchar migration_4[] =
  "CREATE INDEX IF NOT EXISTS pupils_by_name_nocase"
  "  ON pupils (surname COLLATE NOCASE, forename COLLATE NOCASE, id);"
  "CREATE INDEX IF NOT EXISTS pupil_needs_by_rank ON pupil_needs (pupil_id, rank);"
  "CREATE INDEX IF NOT EXISTS plans_by_pupil_status ON plans (pupil_id, status, review_date);";

/* Version 5: the review a teacher is still writing (schema version 5). Until "Complete
 * Review" the form is a draft, saved as it is typed, one row per plan and one row per target,
 * so that closing the window, a crash or opening another pupil loses none of it. A separate
 * table rather than columns of `reviews`: a row in `reviews` is the record (it counts towards
 * the three reviews a year, it is exported and printed as held), and a draft must never be
 * mistaken for one. Every column of a draft may be NULL: NULL means "not touched yet", and the
 * page then shows what it shows for a new review (today's date, "Not yet achieved", ...); an
 * empty string is text the teacher deleted. Measures are kept as typed (checking them is for
 * completion). The draft goes with its plan and each outcome with its target (ON DELETE
 * CASCADE); completing the review deletes it in the same transaction. Keyed by plan and by
 * target: there is at most one review in progress per plan. IF NOT EXISTS, as in version 4:
 * a file taken back to an older version by hand may still have them. */
static const gchar migration_5[] =
  "CREATE TABLE IF NOT EXISTS review_drafts ("
  "  plan_id INTEGER PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,"
  "  review_date TEXT CHECK (review_date IS NULL OR date(review_date) = review_date),"
  "  attendees TEXT,"
  "  parents_method TEXT CHECK (parents_method IS NULL"
  "    OR parents_method IN ('in_person', 'phone', 'video', 'none')),"
  "  parent_views TEXT,"
  "  pupil_views TEXT,"
  "  decision TEXT CHECK (decision IS NULL OR decision IN"
  "    ('new_plan', 'continue', 'cease', 'top_up', 'ehc_request', 'specialist')),"
  "  next_steps TEXT,"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE TABLE IF NOT EXISTS review_draft_outcomes ("
  "  target_id INTEGER PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,"
  "  plan_id INTEGER NOT NULL REFERENCES review_drafts (plan_id) ON DELETE CASCADE,"
  "  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('achieved', 'partly', 'not_achieved')),"
  "  evidence TEXT,"
  "  measure_before TEXT,"
  "  measure_after TEXT,"
  "  measure_unit TEXT,"
  "  carry_forward INTEGER CHECK (carry_forward IS NULL OR carry_forward IN (0, 1)),"
  "  revision INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX IF NOT EXISTS review_draft_outcomes_by_plan ON review_draft_outcomes (plan_id);";

const gchar * const sp_store_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
};

const guint sp_store_n_migrations = G_N_ELEMENTS (sp_store_migrations);

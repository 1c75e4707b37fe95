/* sp-documents.c: the three printed copies as SpDocs, from a pupil's whole record.
 *
 * The parents' copy speaks to parents: their child's first name, plain words, no codes, the
 * provision said as a sentence, and room to write back. The review record says what happened
 * at one review. The agency copy is the whole history for a professional reader, with codes,
 * costs and every note. Empty fields are left out (SpDoc drops empty values), never printed
 * as blanks or "(null)". */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-dates.h"
#include "sp-documents.h"
#include "sp-need.h"
#include "sp-provision.h"

static const struct
{
  SpDocumentKind  kind;
  const gchar    *name;
  const gchar    *file_words;
} kinds[] = {
  { SP_DOCUMENT_PARENT, "parent", N_("plan for parents") },
  { SP_DOCUMENT_REVIEW, "review", N_("review record") },
  { SP_DOCUMENT_AGENCY, "agency", N_("agency copy") },
};

gboolean
sp_document_kind_from_string (const gchar    *text,
                              SpDocumentKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (text, kinds[i].name) == 0)
      {
        *kind = kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

const gchar *
sp_document_kind_to_string (SpDocumentKind kind)
{
  return kinds[kind].name;
}

/* "plan for parents": the words in a file name. */
const gchar *
sp_document_kind_file_words (SpDocumentKind kind)
{
  return _(kinds[kind].file_words);
}

static gboolean
empty (const gchar *text)
{
  return sp_doc_text_is_empty (text);
}

static gchar *
full_name (const SpPupilRecord *p)
{
  g_autofree gchar *name = g_strdup_printf ("%s %s", p->forename ? p->forename : "",
                                            p->surname ? p->surname : "");
  return g_strstrip (g_steal_pointer (&name));
}

/* The child's first name, for sentences spoken to the parents. */
static const gchar *
first_name (const SpPupilRecord *p)
{
  return empty (p->forename) ? _("your child") : p->forename;
}

/* "Owls, Year 1" (or "Reception"): the class as a parent knows it. */
static gchar *
class_words (const SpPupilRecord *p)
{
  g_autofree gchar *year = NULL;

  if (empty (p->year_group))
    return g_strdup (p->class_name ? p->class_name : "");
  year = g_str_equal (p->year_group, "R") ? g_strdup (_("Reception"))
         : g_ascii_isdigit (p->year_group[0]) ? g_strdup_printf (_("Year %s"), p->year_group)
         : g_strdup (p->year_group);
  if (empty (p->class_name) || strstr (p->class_name, year) != NULL)
    return empty (p->class_name) ? g_steal_pointer (&year) : g_strdup (p->class_name);
  return g_strdup_printf ("%s, %s", p->class_name, year);
}

static gchar *
long_date (const gchar *iso)
{
  return sp_date_format_long (iso);
}

static gchar *
today_text (const GDate *today)
{
  g_autoptr(GDate) now = today ? g_date_copy (today) : sp_date_today ();
  g_autofree gchar *iso = sp_date_to_iso (now);

  return sp_date_format_long (iso);
}

static gchar *
plan_dates (const SpPlanRecord *plan)
{
  g_autofree gchar *start = long_date (plan->start_date);
  g_autofree gchar *review = long_date (plan->review_date);

  if (*start && *review)
    return g_strdup_printf (_("%s to %s"), start, review);
  if (*start)
    return g_strdup_printf (_("from %s"), start);
  return g_strdup ("");
}

static const gchar *
outcome_words (const gchar *outcome)
{
  if (g_strcmp0 (outcome, "achieved") == 0)
    return _("Achieved");
  if (g_strcmp0 (outcome, "partly") == 0)
    return _("Partly achieved");
  if (g_strcmp0 (outcome, "not_achieved") == 0)
    return _("Not yet achieved");
  return _("Not judged");
}

static const gchar *
decision_words (const gchar *decision)
{
  if (g_strcmp0 (decision, "new_plan") == 0)
    return _("A new plan, carrying on with what is not yet achieved.");
  if (g_strcmp0 (decision, "continue") == 0)
    return _("Carry on with the same plan.");
  if (g_strcmp0 (decision, "cease") == 0)
    return _("The plan ends: the extra support is no longer needed.");
  if (g_strcmp0 (decision, "top_up") == 0)
    return _("Ask the local authority for extra (top-up) funding.");
  if (g_strcmp0 (decision, "ehc_request") == 0)
    return _("Ask the local authority for an education, health and care (EHC) needs assessment.");
  if (g_strcmp0 (decision, "specialist") == 0)
    return _("Ask a specialist for advice.");
  return "";
}

/* Who delivers provision, as a parent would say it. */
static gchar *
who_words (const SpProvisionRecord *p)
{
  const gchar *who;

  if (g_strcmp0 (p->role, "ta") == 0)
    who = _("a teaching assistant");
  else if (g_strcmp0 (p->role, "hlta") == 0)
    who = _("a senior teaching assistant");
  else if (g_strcmp0 (p->role, "teacher") == 0)
    who = _("the class teacher");
  else if (g_strcmp0 (p->role, "senco") == 0)
    who = _("the SENCO");
  else if (g_strcmp0 (p->role, "specialist") == 0)
    who = _("a specialist teacher or therapist");
  else if (g_strcmp0 (p->role, "other") == 0)
    who = _("another adult");
  else
    who = p->role_label ? p->role_label : "";

  if (!empty (p->staff_name))
    return g_strdup_printf ("%s (%s)", who, p->staff_name);
  return g_strdup (who);
}

static gchar *
how_often_words (const SpProvisionRecord *p)
{
  g_autofree gchar *often = NULL;
  g_autofree gchar *length = NULL;
  const gchar *group;

  if (p->sessions_per_week == 1)
    often = g_strdup (_("once a week"));
  else if (p->sessions_per_week == 2)
    often = g_strdup (_("twice a week"));
  else if (p->sessions_per_week == 5)
    often = g_strdup (_("every school day"));
  else
    often = g_strdup_printf (_("%u times a week"), p->sessions_per_week);

  length = g_strdup_printf (ngettext ("%u minute", "%u minutes", p->minutes), p->minutes);
  group = p->group_size <= 1 ? _("one to one") : NULL;
  if (group != NULL)
    return g_strdup_printf (_("%s for %s, %s"), often, length, group);
  return g_strdup_printf (_("%s for %s, in a group of %u"), often, length, p->group_size);
}

/* "Talk Boost sessions: a teaching assistant, 3 times a week for 30 minutes, in a group of 4,
 * from 14 March 2026." */
static gchar *
provision_sentence (const SpProvisionRecord *p)
{
  g_autofree gchar *who = who_words (p);
  g_autofree gchar *often = how_often_words (p);
  g_autofree gchar *start = long_date (p->start_date);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s: %s, %s", p->description, who, often);
  if (*start)
    g_string_append_printf (s, _(", from %s"), start);
  g_string_append_c (s, '.');
  return g_string_free (s, FALSE);
}

static void
set_page_text (SpDoc               *doc,
               const SpPupilRecord *pupil,
               const GDate         *today)
{
  g_autofree gchar *name = full_name (pupil);
  g_autofree gchar *date = today_text (today);
  g_autofree gchar *printed = g_strdup_printf (_("Printed %s"), date);

  sp_doc_set_page_text (doc, name, _("Confidential"), printed);
}

static const SpPlanRecord *
find_plan (const SpPupilRecord *pupil,
           gint64               plan_id,
           GError             **error)
{
  g_autofree gchar *name = full_name (pupil);

  if (pupil->plans->len == 0)
    {
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_PLAN,
                   _("%s has no support plan yet, so there is nothing to print."), name);
      return NULL;
    }
  if (plan_id == 0)
    return g_ptr_array_index (pupil->plans, pupil->plans->len - 1);
  for (guint i = 0; i < pupil->plans->len; i++)
    {
      const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);
      if (plan->id == plan_id)
        return plan;
    }
  g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_PLAN,
               _("This plan is no longer in %s’s record."), name);
  return NULL;
}

static void
add_needs_in_words (SpDoc               *doc,
                    const SpPupilRecord *pupil,
                    const SpPlanRecord  *plan)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  for (guint i = 0; pupil->needs && pupil->needs[i]; i++)
    if (sp_need_name (pupil->needs[i]) != NULL)
      g_ptr_array_add (words, (gpointer) sp_need_name (pupil->needs[i]));
  if (words->len == 0 && !empty (plan->areas))
    {
      g_auto(GStrv) areas = g_strsplit (plan->areas, ",", -1);
      for (guint i = 0; areas[i]; i++)
        {
          g_strstrip (areas[i]);
          if (*areas[i] && sp_area_from_key (areas[i]) != SP_AREA_NONE)
            g_ptr_array_add (words, (gpointer) sp_area_name (sp_area_from_key (areas[i])));
        }
    }
  for (guint i = 0; i < words->len; i++)
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_BULLET, g_ptr_array_index (words, i));
}

SpDoc *
sp_document_parent_plan (const SpPupilRecord   *pupil,
                         const SpSchoolRecord  *school,
                         gint64                 plan_id,
                         const GDate           *today,
                         GError               **error)
{
  const SpPlanRecord *plan = find_plan (pupil, plan_id, error);
  g_autoptr(SpDoc) doc = NULL;
  g_autofree gchar *name = full_name (pupil);
  g_autofree gchar *title = NULL;
  g_autofree gchar *subject = NULL;
  g_autofree gchar *start = NULL;
  g_autofree gchar *review = NULL;
  g_autofree gchar *text = NULL;
  g_autofree gchar *heading = NULL;
  const gchar *child;
  guint keep;

  if (plan == NULL)
    return NULL;
  child = first_name (pupil);
  start = long_date (plan->start_date);
  review = long_date (plan->review_date);

  doc = sp_doc_new (13);
  title = g_strdup_printf (_("%s’s support plan"), child);
  subject = g_strdup_printf (_("SEN Support plan for %s, a copy for parents and carers"), name);
  sp_doc_set_metadata (doc, title, school->name, subject);
  set_page_text (doc, pupil, today);

  {
    g_autofree gchar *sub = g_strdup_printf (_("A copy for %s’s parents and carers"), child);
    sp_doc_add_title (doc, title, sub);
  }
  {
    g_autofree gchar *class_text = class_words (pupil);

    sp_doc_add_key_value (doc, _("Name"), name);
    sp_doc_add_key_value (doc, _("Class"), class_text);
  }
  sp_doc_add_key_value (doc, _("School"), school->name);
  sp_doc_add_key_value (doc, _("Plan started"), start);
  sp_doc_add_key_value (doc, _("We will look at it again"), review);
  sp_doc_add_key_value (doc, _("Written by"), plan->written_by);

  text = g_strdup_printf (_("%s gets SEN support: extra help at school, planned with you and "
                            "with %s, to help with learning and joining in. This plan says "
                            "what %s is working towards, what we will do in school, and how "
                            "you can help at home."), child, child, child);
  sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL, text);
  if (*review)
    {
      g_autofree gchar *when = g_strdup_printf (_("We will meet with you on or before %s to "
                                                  "look at how it has gone."), review);
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL, when);
    }

  {
    guint before = doc->blocks->len;

    g_free (heading);
    heading = g_strdup_printf (_("What we are helping %s with"), child);
    sp_doc_add_heading (doc, 1, FALSE, heading);
    add_needs_in_words (doc, pupil, plan);
    if (doc->blocks->len == before + 1)
      g_ptr_array_set_size (doc->blocks, before);       /* no empty heading */
  }

  if (!empty (plan->pupil_likes) || !empty (plan->pupil_finds_hard)
      || !empty (plan->pupil_helps) || !empty (plan->pupil_worries))
    {
      g_free (heading);
      heading = g_strdup_printf (_("What %s told us"), child);
      sp_doc_add_heading (doc, 1, FALSE, heading);
      sp_doc_add_key_value (doc, _("I like"), plan->pupil_likes);
      sp_doc_add_key_value (doc, _("I find hard"), plan->pupil_finds_hard);
      sp_doc_add_key_value (doc, _("What helps me"), plan->pupil_helps);
      sp_doc_add_key_value (doc, _("I worry about"), plan->pupil_worries);
    }

  for (guint i = 0; i < plan->targets->len; i++)
    {
      const SpTargetRecord *t = g_ptr_array_index (plan->targets, i);
      g_autofree gchar *target_heading = g_strdup_printf (_("Target %u"), i + 1);
      guint keep = sp_doc_keep_begin (doc);      /* a target is never split over pages */

      if (i == 0)
        {
          g_free (heading);
          heading = g_strdup_printf (_("What %s is working towards"), child);
          sp_doc_add_heading (doc, 1, TRUE, heading);
        }
      sp_doc_add_heading (doc, 2, TRUE, target_heading);
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_LEAD, t->description);
      sp_doc_add_labelled (doc, _("How we will know it has worked"), t->success_criteria);
      if (t->strategies->len > 0)
        {
          sp_doc_add_paragraph (doc, SP_DOC_TEXT_LABEL, _("What we will do in school"));
          for (guint s = 0; s < t->strategies->len; s++)
            {
              const SpStrategyRecord *st = g_ptr_array_index (t->strategies, s);
              sp_doc_add_paragraph (doc, SP_DOC_TEXT_BULLET, st->description);
            }
        }
      sp_doc_keep_end (doc, keep);
    }

  if (!empty (plan->parent_contribution))
    {
      sp_doc_add_heading (doc, 1, TRUE, _("How you can help at home"));
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL, plan->parent_contribution);
    }

  if (plan->provision->len > 0)
    {
      sp_doc_add_heading (doc, 1, TRUE, _("Extra help in school"));
      for (guint i = 0; i < plan->provision->len; i++)
        {
          g_autofree gchar *sentence = provision_sentence (g_ptr_array_index (plan->provision,
                                                                              i));
          sp_doc_add_paragraph (doc, SP_DOC_TEXT_BULLET, sentence);
        }
    }

  sp_doc_add_heading (doc, 1, TRUE, _("Who to talk to"));
  {
    GString *s = g_string_new (NULL);

    if (!empty (plan->written_by) && !empty (school->senco_name))
      g_string_append_printf (s, _("If you have a question or a worry, please talk to %s, who "
                                   "wrote this plan, or to %s, the school’s SENCO (the teacher "
                                   "who leads support for special educational needs)."),
                              plan->written_by, school->senco_name);
    else if (!empty (school->senco_name))
      g_string_append_printf (s, _("If you have a question or a worry, please talk to %s’s "
                                   "class teacher or to %s, the school’s SENCO (the teacher who "
                                   "leads support for special educational needs)."),
                              child, school->senco_name);
    else
      g_string_append_printf (s, _("If you have a question or a worry, please talk to %s’s "
                                   "class teacher or the school’s SENCO (the teacher who leads "
                                   "support for special educational needs)."), child);
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL, s->str);
    g_string_free (s, TRUE);
  }
  sp_doc_add_key_value (doc, _("Telephone"), school->phone);
  sp_doc_add_key_value (doc, _("Email"), school->email);
  sp_doc_add_key_value (doc, _("Address"), school->address);

  /* The comments go on a page of their own, so it can be given back. */
  sp_doc_add_page_break (doc);
  keep = sp_doc_keep_begin (doc);
  sp_doc_add_heading (doc, 1, FALSE, _("Your comments"));
  g_free (text);
  text = g_strdup_printf (_("Is there anything you would like to add, or anything we should "
                            "know? Please write it here and give this page back to %s’s "
                            "class teacher. Thank you."), child);
  sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL, text);
  if (*start)
    {
      g_autofree gchar *about = g_strdup_printf (_("About %s’s support plan of %s."), name,
                                                 start);
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED, about);
    }
  sp_doc_add_boxes (doc, 320, 1, NULL, (const gchar *[]) { "" });
  sp_doc_add_boxes (doc, 48, 2, (const gdouble[]) { 2, 1 },
                    (const gchar *[]) { _("Signed (parent or carer)"), _("Date") });
  sp_doc_keep_end (doc, keep);

  return g_steal_pointer (&doc);
}

/* The review to print: @review_id, or the latest completed review of the latest plan that has
 * one. */
static const SpReviewRecord *
find_review (const SpPupilRecord  *pupil,
             gint64                review_id,
             const SpPlanRecord  **plan_out,
             const SpPlanRecord  **next_plan,
             GError              **error)
{
  g_autofree gchar *name = full_name (pupil);

  if (pupil->plans->len == 0)
    {
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_PLAN,
                   _("%s has no support plan yet, so there is no review to print."), name);
      return NULL;
    }
  for (guint i = pupil->plans->len; i-- > 0;)
    {
      const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);

      for (guint r = plan->reviews->len; r-- > 0;)
        {
          const SpReviewRecord *review = g_ptr_array_index (plan->reviews, r);

          if (review_id != 0 ? review->id == review_id : !empty (review->completed_at))
            {
              *plan_out = plan;
              *next_plan = i + 1 < pupil->plans->len ? g_ptr_array_index (pupil->plans, i + 1)
                                                     : NULL;
              return review;
            }
        }
    }
  g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_REVIEW,
               _("%s’s plan has not been reviewed yet, so there is no review to print."), name);
  return NULL;
}

static const SpTargetRecord *
target_at (const SpPlanRecord *plan,
           gint64              target_id)
{
  for (guint i = 0; i < plan->targets->len; i++)
    {
      const SpTargetRecord *t = g_ptr_array_index (plan->targets, i);
      if (t->id == target_id)
        return t;
    }
  return NULL;
}

static gchar *
evidence_text (const SpOutcomeRecord *o)
{
  GString *s = g_string_new (o->evidence ? o->evidence : "");
  const gchar *unit = o->measure_unit ? o->measure_unit : "";

  if (o->has_before || o->has_after)
    {
      if (s->len > 0)
        g_string_append (s, "\n");
      if (o->has_before)
        g_string_append_printf (s, _("Before: %g %s"), o->measure_before, unit);
      if (o->has_before && o->has_after)
        g_string_append (s, "; ");
      if (o->has_after)
        g_string_append_printf (s, _("after: %g %s"), o->measure_after, unit);
    }
  return g_strstrip (g_string_free (s, FALSE));
}

static void
add_outcomes_table (SpDoc                *doc,
                    const SpPlanRecord   *plan,
                    const SpReviewRecord *review)
{
  SpDocBlock *table = sp_doc_add_table (doc, 3, (const gdouble[]) { 4, 1.9, 4 },
                                        (const gchar *[]) { _("Target"), _("Outcome"),
                                                            _("Evidence") });

  for (guint i = 0; i < review->outcomes->len; i++)
    {
      const SpOutcomeRecord *o = g_ptr_array_index (review->outcomes, i);
      const SpTargetRecord *t = target_at (plan, o->target_id);
      g_autofree gchar *target = g_strdup_printf ("%u. %s", o->target_position,
                                                  t ? t->description : "");
      g_autofree gchar *evidence = evidence_text (o);

      sp_doc_table_add_row (table, (const gchar *[]) { target, outcome_words (o->outcome),
                                                       evidence });
    }
}

SpDoc *
sp_document_review_record (const SpPupilRecord   *pupil,
                           const SpSchoolRecord  *school,
                           gint64                 review_id,
                           const GDate           *today,
                           GError               **error)
{
  const SpPlanRecord *plan = NULL, *next = NULL;
  const SpReviewRecord *review = find_review (pupil, review_id, &plan, &next, error);
  g_autoptr(SpDoc) doc = NULL;
  g_autofree gchar *name = full_name (pupil);
  g_autofree gchar *title = NULL;
  g_autofree gchar *subject = NULL;
  g_autofree gchar *date = NULL;
  g_autofree gchar *dates = NULL;
  g_autofree gchar *heading = NULL;
  const gchar *child;
  guint keep;

  if (review == NULL)
    return NULL;
  child = first_name (pupil);
  date = long_date (review->review_date);
  dates = plan_dates (plan);

  doc = sp_doc_new (11.5);
  title = g_strdup_printf (_("Review of %s’s support plan"), child);
  subject = g_strdup_printf (_("Record of the SEN Support review for %s on %s"), name, date);
  sp_doc_set_metadata (doc, title, school->name, subject);
  set_page_text (doc, pupil, today);

  sp_doc_add_title (doc, title, school->name);
  {
    g_autofree gchar *class_text = class_words (pupil);

    sp_doc_add_key_value (doc, _("Name"), name);
    sp_doc_add_key_value (doc, _("Class"), class_text);
  }
  sp_doc_add_key_value (doc, _("Date of review"), date);
  sp_doc_add_key_value (doc, _("Plan reviewed"), dates);
  sp_doc_add_key_value (doc, _("Who was there"), review->attendees);

  if (review->outcomes->len > 0)
    {
      sp_doc_add_heading (doc, 1, TRUE, _("How each target went"));
      add_outcomes_table (doc, plan, review);
    }

  if (!empty (review->parent_views) || !empty (review->pupil_views))
    {
      g_autofree gchar *pupil_label = g_strdup_printf (_("What %s said"), child);

      sp_doc_add_heading (doc, 1, TRUE, _("What people said"));
      sp_doc_add_labelled (doc, _("Parents and carers"), review->parent_views);
      sp_doc_add_labelled (doc, pupil_label, review->pupil_views);
    }

  if (!empty (review->decision) || !empty (review->next_steps) || next != NULL)
    {
      keep = sp_doc_keep_begin (doc);
      sp_doc_add_heading (doc, 1, TRUE, _("What happens next"));
      sp_doc_add_labelled (doc, _("Decision"), decision_words (review->decision));
      sp_doc_add_labelled (doc, _("Next steps"), review->next_steps);
      if (next != NULL)
        {
          g_autofree gchar *next_review = long_date (next->review_date);
          sp_doc_add_labelled (doc, _("Next review"), next_review);
        }
      sp_doc_keep_end (doc, keep);
    }

  keep = sp_doc_keep_begin (doc);
  sp_doc_add_heading (doc, 1, FALSE, _("Parents’ and carers’ comments"));
  sp_doc_add_boxes (doc, 110, 1, NULL, (const gchar *[]) { "" });
  sp_doc_add_boxes (doc, 40, 2, (const gdouble[]) { 2, 1 },
                    (const gchar *[]) { _("Signed (parent or carer)"), _("Date") });
  sp_doc_add_boxes (doc, 40, 2, (const gdouble[]) { 2, 1 },
                    (const gchar *[]) { _("Signed (for the school)"), _("Date") });
  sp_doc_keep_end (doc, keep);

  return g_steal_pointer (&doc);
}

static const gchar *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

static gchar *
areas_words (const gchar *areas)
{
  g_auto(GStrv) keys = g_strsplit (areas ? areas : "", ",", -1);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; keys[i]; i++)
    {
      g_strstrip (keys[i]);
      if (*keys[i])
        g_ptr_array_add (names, (gpointer) sp_area_name (sp_area_from_key (keys[i])));
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (gchar **) names->pdata);
}

static void
add_agency_plan (SpDoc              *doc,
                 const SpPlanRecord *plan,
                 guint               number)
{
  g_autofree gchar *dates = plan_dates (plan);
  g_autofree gchar *heading = g_strdup_printf (_("Plan %u: %s"), number, dates);
  g_autofree gchar *areas = areas_words (plan->areas);
  g_autofree gchar *views_date = long_date (plan->views_date);
  gint64 total = 0;

  sp_doc_add_heading (doc, 1, TRUE, heading);
  sp_doc_add_key_value (doc, _("Status"), sp_plan_status_name (plan->status));
  sp_doc_add_key_value (doc, _("Areas of need"), areas);
  sp_doc_add_key_value (doc, _("Written by"), plan->written_by);

  if (!empty (plan->pupil_likes) || !empty (plan->pupil_finds_hard)
      || !empty (plan->pupil_helps) || !empty (plan->pupil_worries))
    {
      sp_doc_add_heading (doc, 2, FALSE, _("The pupil’s views"));
      sp_doc_add_key_value (doc, _("Likes"), plan->pupil_likes);
      sp_doc_add_key_value (doc, _("Finds hard"), plan->pupil_finds_hard);
      sp_doc_add_key_value (doc, _("What helps"), plan->pupil_helps);
      sp_doc_add_key_value (doc, _("Worries"), plan->pupil_worries);
      sp_doc_add_key_value (doc, _("Views gathered"), views_date);
      sp_doc_add_key_value (doc, _("How"), plan->views_how);
    }

  if (plan->targets->len > 0)
    {
      SpDocBlock *table;

      sp_doc_add_heading (doc, 2, FALSE, _("Targets"));
      table = sp_doc_add_table (doc, 3, (const gdouble[]) { 0.35, 4, 3.4 },
                                (const gchar *[]) { "", _("Target, baseline and success "
                                                          "criteria"), _("Strategies") });
      for (guint i = 0; i < plan->targets->len; i++)
        {
          const SpTargetRecord *t = g_ptr_array_index (plan->targets, i);
          g_autofree gchar *pos = g_strdup_printf ("%u", t->position);
          GString *target = g_string_new (t->description);
          GString *strategies = g_string_new (NULL);

          if (!empty (t->area))
            g_string_append_printf (target, "\n%s: %s", _("Area"),
                                    sp_area_name (sp_area_from_key (t->area)));
          if (!empty (t->baseline))
            g_string_append_printf (target, "\n%s: %s", _("Baseline"), t->baseline);
          if (!empty (t->success_criteria))
            g_string_append_printf (target, "\n%s: %s", _("Success criteria"),
                                    t->success_criteria);
          for (guint s = 0; s < t->strategies->len; s++)
            {
              const SpStrategyRecord *st = g_ptr_array_index (t->strategies, s);
              g_string_append_printf (strategies, "%s• %s", s ? "\n" : "", st->description);
            }
          sp_doc_table_add_row (table, (const gchar *[]) { pos, target->str, strategies->str });
          g_string_free (target, TRUE);
          g_string_free (strategies, TRUE);
        }
    }

  if (plan->provision->len > 0)
    {
      SpDocBlock *table;
      g_autofree gchar *total_text = NULL;
      g_autofree gchar *total_row = NULL;

      sp_doc_add_heading (doc, 2, FALSE, _("Provision"));
      table = sp_doc_add_table (doc, 5, (const gdouble[]) { 2.6, 1.9, 2.4, 2.3, 1.1 },
                                (const gchar *[]) { _("Provision"), _("Delivered by"),
                                                    _("How often"), _("Dates"),
                                                    _("Cost") });
      for (guint i = 0; i < plan->provision->len; i++)
        {
          const SpProvisionRecord *p = g_ptr_array_index (plan->provision, i);
          g_autofree gchar *often = how_often_words (p);
          g_autofree gchar *when = NULL;
          g_autofree gchar *who = NULL;
          g_autofree gchar *cost = sp_format_pence (p->cost_pence);
          g_autofree gchar *start = long_date (p->start_date);
          g_autofree gchar *end = long_date (p->end_date);
          g_autofree gchar *weeks = g_strdup_printf (ngettext ("%u week", "%u weeks", p->weeks),
                                                     p->weeks);

          when = *start && *end ? g_strdup_printf ("%s –\n%s\n(%s)", start, end, weeks)
                 : *start ? g_strdup_printf (_("from %s\n(%s)"), start, weeks)
                 : g_strdup (weeks);
          who = empty (p->staff_name) ? g_strdup (p->role_label)
                : g_strdup_printf ("%s\n(%s)", p->role_label, p->staff_name);
          total += p->cost_pence;
          sp_doc_table_add_row (table, (const gchar *[]) { p->description, who, often, when,
                                                           cost });
        }
      total_text = sp_format_pence (total);
      total_row = g_strdup_printf (_("Total cost of this plan’s provision: %s"), total_text);
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_LABEL, total_row);
    }

  if (!empty (plan->parent_contribution))
    {
      sp_doc_add_heading (doc, 2, FALSE, _("Parents’ and carers’ contribution"));
      sp_doc_add_paragraph (doc, SP_DOC_TEXT_NORMAL, plan->parent_contribution);
    }

  if (plan->annotations->len > 0)
    {
      SpDocBlock *table;

      sp_doc_add_heading (doc, 2, FALSE, _("Notes during the plan"));
      table = sp_doc_add_table (doc, 4, (const gdouble[]) { 1.6, 1.8, 0.9, 5 },
                                (const gchar *[]) { _("Date"), _("By"), _("Target"),
                                                    _("Note") });
      for (guint i = 0; i < plan->annotations->len; i++)
        {
          const SpAnnotationRecord *a = g_ptr_array_index (plan->annotations, i);
          g_autofree gchar *date = long_date (a->note_date);
          g_autofree gchar *target = a->target_position > 0
                                     ? g_strdup_printf ("%u", a->target_position)
                                     : g_strdup (_("Whole plan"));
          sp_doc_table_add_row (table, (const gchar *[]) { date, a->author, target, a->text });
        }
    }

  for (guint i = 0; i < plan->reviews->len; i++)
    {
      const SpReviewRecord *r = g_ptr_array_index (plan->reviews, i);
      g_autofree gchar *date = long_date (r->review_date);
      g_autofree gchar *review_heading = g_strdup_printf (_("Review on %s"), date);
      guint keep = sp_doc_keep_begin (doc);

      sp_doc_add_heading (doc, 2, TRUE, review_heading);
      if (empty (r->completed_at))
        sp_doc_add_paragraph (doc, SP_DOC_TEXT_MUTED, _("This review is not completed yet."));
      sp_doc_add_key_value (doc, _("Who was there"), r->attendees);
      sp_doc_add_key_value (doc, _("Parents’ views"), r->parent_views);
      sp_doc_add_key_value (doc, _("Pupil’s views"), r->pupil_views);
      sp_doc_add_key_value (doc, _("Decision"), decision_words (r->decision));
      sp_doc_add_key_value (doc, _("Next steps"), r->next_steps);
      sp_doc_keep_end (doc, keep);
      if (r->outcomes->len > 0)
        add_outcomes_table (doc, plan, r);
    }
}

SpDoc *
sp_document_agency_copy (const SpPupilRecord   *pupil,
                         const SpSchoolRecord  *school,
                         const GDate           *today,
                         GError               **error)
{
  g_autoptr(SpDoc) doc = NULL;
  g_autofree gchar *name = full_name (pupil);
  g_autofree gchar *title = NULL;
  g_autofree gchar *subject = NULL;
  g_autofree gchar *dob = NULL;
  gint64 total = 0;

  if (pupil->plans->len == 0)
    {
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_NO_PLAN,
                   _("%s has no support plan yet, so there is nothing to send."), name);
      return NULL;
    }

  doc = sp_doc_new (11);
  title = g_strdup_printf (_("SEN Support record: %s"), name);
  subject = g_strdup_printf (_("The SEN Support history of %s, for an outside agency"), name);
  sp_doc_set_metadata (doc, title, school->name, subject);
  set_page_text (doc, pupil, today);

  {
    g_autofree gchar *sub = g_strdup_printf (_("%s · the whole record, for an outside agency"),
                                             school->name);
    sp_doc_add_title (doc, title, sub);
  }

  sp_doc_add_heading (doc, 1, TRUE, _("Pupil"));
  dob = long_date (pupil->date_of_birth);
  sp_doc_add_key_value (doc, _("Name"), name);
  sp_doc_add_key_value (doc, _("UPN"), pupil->upn);
  sp_doc_add_key_value (doc, _("Date of birth"), dob);
  sp_doc_add_key_value (doc, _("Sex"), pupil->sex);
  sp_doc_add_key_value (doc, _("Year group"), pupil->year_group);
  sp_doc_add_key_value (doc, _("Class"), pupil->class_name);
  sp_doc_add_key_value (doc, _("SEN status"), sp_sen_status_name (pupil->sen_status));
  sp_doc_add_key_value (doc, _("Looked-after child"), yes_no (pupil->looked_after));
  sp_doc_add_key_value (doc, _("Medical condition"), yes_no (pupil->medical_condition));
  sp_doc_add_key_value (doc, _("Health care plan"), yes_no (pupil->health_care_plan));
  sp_doc_add_key_value (doc, _("School"), school->name);
  sp_doc_add_key_value (doc, _("SENCO"), school->senco_name);
  sp_doc_add_key_value (doc, _("School telephone"), school->phone);
  sp_doc_add_key_value (doc, _("School email"), school->email);

  if (pupil->needs && pupil->needs[0])
    {
      SpDocBlock *table;

      sp_doc_add_heading (doc, 2, FALSE, _("Needs, most important first"));
      table = sp_doc_add_table (doc, 4, (const gdouble[]) { 0.8, 1, 4, 3 },
                                (const gchar *[]) { _("Rank"), _("Code"), _("Need"),
                                                    _("Area") });
      for (guint i = 0; pupil->needs[i]; i++)
        {
          g_autofree gchar *rank = g_strdup_printf ("%u", i + 1);
          const gchar *need = sp_need_name (pupil->needs[i]);
          sp_doc_table_add_row (table, (const gchar *[]) {
                                  rank, pupil->needs[i], need ? need : "",
                                  sp_area_name (sp_need_area (pupil->needs[i])) });
        }
    }

  if (!empty (pupil->strengths) || !empty (pupil->likes) || !empty (pupil->dislikes)
      || !empty (pupil->anxieties) || !empty (pupil->what_helps))
    {
      sp_doc_add_heading (doc, 2, FALSE, _("Profile"));
      sp_doc_add_key_value (doc, _("Strengths"), pupil->strengths);
      sp_doc_add_key_value (doc, _("Likes"), pupil->likes);
      sp_doc_add_key_value (doc, _("Dislikes"), pupil->dislikes);
      sp_doc_add_key_value (doc, _("Anxieties"), pupil->anxieties);
      sp_doc_add_key_value (doc, _("What helps"), pupil->what_helps);
    }

  if (pupil->contacts->len > 0)
    {
      SpDocBlock *table;

      sp_doc_add_heading (doc, 2, FALSE, _("Parents and carers"));
      table = sp_doc_add_table (doc, 4, (const gdouble[]) { 2.4, 1.5, 1.8, 3 },
                                (const gchar *[]) { _("Name"), _("Relationship"),
                                                    _("Telephone"), _("Email") });
      for (guint i = 0; i < pupil->contacts->len; i++)
        {
          const SpContactRecord *c = g_ptr_array_index (pupil->contacts, i);
          sp_doc_table_add_row (table, (const gchar *[]) { c->name, c->relationship, c->phone,
                                                           c->email });
        }
    }

  {
    SpDocBlock *table;
    g_autofree gchar *total_text = NULL;
    g_autofree gchar *total_line = NULL;

    sp_doc_add_heading (doc, 1, TRUE, _("Plans at a glance"));
    table = sp_doc_add_table (doc, 5, (const gdouble[]) { 0.5, 3.4, 1.2, 1.8, 1.4 },
                              (const gchar *[]) { "", _("Dates"), _("Status"), _("Outcomes"),
                                                  _("Provision cost") });
    for (guint i = 0; i < pupil->plans->len; i++)
      {
        const SpPlanRecord *plan = g_ptr_array_index (pupil->plans, i);
        g_autofree gchar *n = g_strdup_printf ("%u", i + 1);
        g_autofree gchar *dates = plan_dates (plan);
        g_autofree gchar *cost = NULL;
        g_autofree gchar *outcomes = NULL;
        guint achieved = 0, judged = 0;
        gint64 plan_total = 0;

        for (guint p = 0; p < plan->provision->len; p++)
          plan_total += ((SpProvisionRecord *) g_ptr_array_index (plan->provision, p))->cost_pence;
        total += plan_total;
        cost = sp_format_pence (plan_total);
        if (plan->reviews->len > 0)
          {
            const SpReviewRecord *r = g_ptr_array_index (plan->reviews, plan->reviews->len - 1);
            for (guint o = 0; o < r->outcomes->len; o++)
              {
                const SpOutcomeRecord *out = g_ptr_array_index (r->outcomes, o);
                judged++;
                achieved += g_strcmp0 (out->outcome, "achieved") == 0;
              }
          }
        outcomes = judged > 0 ? g_strdup_printf (_("%u of %u achieved"), achieved, judged)
                              : g_strdup (_("Not reviewed yet"));
        sp_doc_table_add_row (table, (const gchar *[]) { n, dates,
                                                         sp_plan_status_name (plan->status),
                                                         outcomes, cost });
      }
    total_text = sp_format_pence (total);
    total_line = g_strdup_printf (_("Total cost of provision over all plans: %s"), total_text);
    sp_doc_add_paragraph (doc, SP_DOC_TEXT_LABEL, total_line);
  }

  for (guint i = 0; i < pupil->plans->len; i++)
    add_agency_plan (doc, g_ptr_array_index (pupil->plans, i), i + 1);

  if (pupil->meetings->len > 0)
    {
      SpDocBlock *table;

      sp_doc_add_heading (doc, 1, TRUE, _("Meetings with parents and carers"));
      table = sp_doc_add_table (doc, 4, (const gdouble[]) { 1.6, 1.1, 2.6, 3.6 },
                                (const gchar *[]) { _("Date"), _("How"), _("Who was there"),
                                                    _("Notes") });
      for (guint i = 0; i < pupil->meetings->len; i++)
        {
          const SpMeetingRecord *m = g_ptr_array_index (pupil->meetings, i);
          g_autofree gchar *date = long_date (m->meeting_date);
          const gchar *how = g_strcmp0 (m->method, "in_person") == 0 ? _("In person")
                             : g_strcmp0 (m->method, "phone") == 0 ? _("Telephone")
                             : g_strcmp0 (m->method, "video") == 0 ? _("Video call")
                             : m->method;
          sp_doc_table_add_row (table, (const gchar *[]) { date, how, m->attendees,
                                                           m->notes });
        }
    }

  return g_steal_pointer (&doc);
}

SpDoc *
sp_document_build (SpDocumentKind         kind,
                   const SpPupilRecord   *pupil,
                   const SpSchoolRecord  *school,
                   const GDate           *today,
                   GError               **error)
{
  switch (kind)
    {
    case SP_DOCUMENT_PARENT:
      return sp_document_parent_plan (pupil, school, 0, today, error);
    case SP_DOCUMENT_REVIEW:
      return sp_document_review_record (pupil, school, 0, today, error);
    case SP_DOCUMENT_AGENCY:
      return sp_document_agency_copy (pupil, school, today, error);
    default:
      g_set_error_literal (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_BAD_KIND,
                           _("There is no such kind of document."));
      return NULL;
    }
}

/* "Okafor Amara - plan for parents - 2026-11-23.pdf", safe as a file name anywhere; with
 * @with_upn, "Okafor Amara (A999200114001) - ...", for two pupils of the same name. */
gchar *
sp_document_file_name (const SpPupilRecord *pupil,
                       SpDocumentKind       kind,
                       const GDate         *today,
                       gboolean             with_upn)
{
  g_autoptr(GDate) now = today ? g_date_copy (today) : sp_date_today ();
  g_autofree gchar *iso = sp_date_to_iso (now);
  g_autofree gchar *name = g_strdup_printf ("%s %s", pupil->surname ? pupil->surname : "",
                                            pupil->forename ? pupil->forename : "");
  GString *s;

  if (with_upn && !empty (pupil->upn))
    {
      gchar *both = g_strdup_printf ("%s (%s)", name, pupil->upn);
      g_free (name);
      name = both;
    }
  g_strstrip (name);
  s = g_string_new (NULL);
  for (const gchar *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
          || c == '>' || c == '|' || g_unichar_iscntrl (c))
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
  if (s->len == 0 || s->str[0] == '.')
    g_string_prepend (s, _("Pupil"));
  g_string_append_printf (s, " - %s - %s.pdf", sp_document_kind_file_words (kind), iso);
  return g_string_free (s, FALSE);
}

/* Reads the pupil and school from @store and builds the document; @file_name, when not NULL,
 * is set to the name offered for the file. */
SpDoc *
sp_document_load (SpStore         *store,
                  gint64           pupil_id,
                  SpDocumentKind   kind,
                  const GDate     *today,
                  gchar          **file_name,
                  GError         **error)
{
  g_autoptr(SpPupilRecord) pupil = sp_store_load_record (store, pupil_id, error);
  g_autoptr(SpSchoolRecord) school = NULL;
  SpDoc *doc;

  if (pupil == NULL || (school = sp_store_load_school (store, error)) == NULL)
    return NULL;
  doc = sp_document_build (kind, pupil, school, today, error);
  if (doc != NULL && file_name != NULL)
    *file_name = sp_document_file_name (pupil, kind, today, FALSE);
  return doc;
}

/* sp-agency-xml.c: the agency exchange format, written and read.
 *
 * Writing: the records are turned into a document, serialised, parsed back with the same
 * hardened parser an import uses, and validated against the schema; only then are the bytes
 * handed back (and written to a file atomically, 0600). So every file we write is one we can
 * read. Reading: parse safely, validate against the schema, then read the records into an
 * import preview. The schema is compiled into the program and loaded from memory: the
 * refuse-everything entity loader (sp-xml-safe.c) would block loading it from a file. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <libxml/xmlschemas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sp-agency-resources.h"
#include "sp-agency-xml.h"
#include "sp-ctf.h"
#include "sp-export-file.h"
#include "sp-xml-safe.h"

#define XSD_PATH "/io/github/supportplans/SupportPlans/xml/support-plans-agency.xsd"

/* ---- the schema ------------------------------------------------------------------------ */

static xmlSchema *
get_schema (void)
{
  static gsize done = 0;
  static xmlSchema *schema = NULL;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (sp_agency_get_resource (), XSD_PATH,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      xmlSchemaParserCtxt *ctxt;

      sp_xml_init ();
      if (bytes != NULL)
        {
          gsize length;
          const gchar *data = g_bytes_get_data (bytes, &length);

          ctxt = xmlSchemaNewMemParserCtxt (data, (int) length);
          if (ctxt != NULL)
            {
              xmlSchemaSetParserStructuredErrors (ctxt, NULL, NULL);
              schema = xmlSchemaParse (ctxt);
              xmlSchemaFreeParserCtxt (ctxt);
            }
        }
      g_once_init_leave (&done, 1);
    }
  return schema;
}

typedef struct
{
  gint   line;
  gchar *element;
} FirstError;

static void
on_schema_error (void     *data,
                 xmlError *e)
{
  FirstError *first = data;

  if (first->element != NULL || e == NULL)
    return;
  first->line = e->line;
  if (e->node != NULL && ((xmlNode *) e->node)->type == XML_ELEMENT_NODE)
    first->element = g_strdup ((const gchar *) ((xmlNode *) e->node)->name);
  else
    first->element = g_strdup ("");
}

/* Checks @doc against the exchange schema. */
gboolean
sp_agency_xml_validate (xmlDoc  *doc,
                        GError **error)
{
  xmlSchema *schema = get_schema ();
  xmlSchemaValidCtxt *ctxt;
  FirstError first = { 0, NULL };
  gint rc;

  if (schema == NULL)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_INVALID,
                           _("The exchange format’s schema could not be loaded; the program may "
                             "be damaged."));
      return FALSE;
    }
  ctxt = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (ctxt, on_schema_error, &first);
  rc = xmlSchemaValidateDoc (ctxt, doc);
  xmlSchemaFreeValidCtxt (ctxt);
  if (rc == 0)
    return TRUE;

  if (first.element != NULL && *first.element != '\0')
    {
      g_autofree gchar *shown = sp_xml_shorten (first.element);
      g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_INVALID,
                   _("This Support Plans record file does not follow the exchange format: "
                     "<%s> on line %d is missing, misplaced or has a value that is not "
                     "allowed."), shown, first.line);
    }
  else
    g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_INVALID,
                 _("This Support Plans record file does not follow the exchange format (the "
                   "first problem is on line %d)."), first.line);
  g_free (first.element);
  return FALSE;
}

/* ---- writing --------------------------------------------------------------------------- */

/* XML 1.0 cannot carry every character a text field may hold (control characters, U+FFFE);
 * those are written as U+FFFD. */
static gchar *
xml_clean (const gchar *text)
{
  GString *s;

  if (text == NULL)
    return g_strdup ("");
  s = g_string_sized_new (strlen (text));
  for (const gchar *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_unichar (s, 0xFFFD);
          p++;
          while (*p && (*p & 0xC0) == 0x80)
            p++;
          if (!*p)
            break;
          p--;
          continue;
        }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        g_string_append_unichar (s, 0xFFFD);
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static xmlNode *
add (xmlNode     *parent,
     const gchar *name,
     const gchar *text)
{
  g_autofree gchar *clean = xml_clean (text);

  return xmlNewTextChild (parent, parent->ns, (const xmlChar *) name, (const xmlChar *) clean);
}

static xmlNode *
add_node (xmlNode     *parent,
          const gchar *name)
{
  return xmlNewChild (parent, parent->ns, (const xmlChar *) name, NULL);
}

static void
add_optional (xmlNode     *parent,
              const gchar *name,
              const gchar *text)
{
  if (text != NULL && *text != '\0')
    add (parent, name, text);
}

static void
add_bool (xmlNode     *parent,
          const gchar *name,
          gboolean     value)
{
  add (parent, name, value ? "true" : "false");
}

static void
add_uint (xmlNode     *parent,
          const gchar *name,
          guint64      value)
{
  g_autofree gchar *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  add (parent, name, text);
}

static void
add_double (xmlNode     *parent,
            const gchar *name,
            gdouble      value)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (value))
    add (parent, name, g_ascii_dtostr (buf, sizeof buf, value));
}

static void
set_uint_attr (xmlNode     *node,
               const gchar *name,
               guint64      value)
{
  g_autofree gchar *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  xmlSetProp (node, (const xmlChar *) name, (const xmlChar *) text);
}

static gchar *
review_ref (gint64 id)
{
  return g_strdup_printf ("review-%" G_GINT64_FORMAT, id);
}

static void
set_ref (xmlNode     *node,
         const gchar *attr,
         const gchar *kind,
         gint64       id)
{
  g_autofree gchar *ref = NULL;

  if (id <= 0)
    return;
  ref = g_strdup_printf ("%s-%" G_GINT64_FORMAT, kind, id);
  xmlSetProp (node, (const xmlChar *) attr, (const xmlChar *) ref);
}

static void
write_plan (xmlNode            *parent,
            const SpPlanRecord *p)
{
  xmlNode *plan = add_node (parent, "plan");
  xmlNode *list;

  set_ref (plan, "id", "plan", p->id);
  set_ref (plan, "previous", "plan", p->previous_plan_id);
  add (plan, "startDate", p->start_date);
  add (plan, "reviewDate", p->review_date);
  add (plan, "status", p->status);
  add (plan, "areas", p->areas);
  add (plan, "writtenBy", p->written_by);
  add (plan, "parentContribution", p->parent_contribution);
  add (plan, "pupilLikes", p->pupil_likes);
  add (plan, "pupilFindsHard", p->pupil_finds_hard);
  add (plan, "pupilHelps", p->pupil_helps);
  add (plan, "pupilWorries", p->pupil_worries);
  add_optional (plan, "viewsDate", p->views_date);
  add (plan, "viewsHow", p->views_how);

  list = add_node (plan, "targets");
  for (guint i = 0; i < p->targets->len; i++)
    {
      SpTargetRecord *t = g_ptr_array_index (p->targets, i);
      xmlNode *target = add_node (list, "target");
      xmlNode *strategies;

      set_uint_attr (target, "position", t->position);
      set_ref (target, "id", "target", t->id);
      set_ref (target, "carriedFrom", "target", t->carried_from);
      add (target, "area", t->area);
      add (target, "description", t->description);
      add (target, "baseline", t->baseline);
      add (target, "successCriteria", t->success_criteria);
      strategies = add_node (target, "strategies");
      for (guint j = 0; j < t->strategies->len; j++)
        add (strategies, "strategy",
             ((SpStrategyRecord *) g_ptr_array_index (t->strategies, j))->description);
    }

  list = add_node (plan, "provisions");
  for (guint i = 0; i < p->provision->len; i++)
    {
      SpProvisionRecord *v = g_ptr_array_index (p->provision, i);
      xmlNode *node = add_node (list, "provision");

      set_uint_attr (node, "position", v->position);
      add (node, "description", v->description);
      add (node, "area", v->area);
      add (node, "role", v->role);
      add (node, "roleLabel", v->role_label);
      add (node, "staffName", v->staff_name);
      add_uint (node, "groupSize", v->group_size);
      add_uint (node, "sessionsPerWeek", v->sessions_per_week);
      add_uint (node, "minutes", v->minutes);
      add_uint (node, "weeks", v->weeks);
      add_optional (node, "startDate", v->start_date);
      add_optional (node, "endDate", v->end_date);
      add_uint (node, "costPence", (guint64) MAX (v->cost_pence, 0));
    }

  list = add_node (plan, "reviews");
  for (guint i = 0; i < p->reviews->len; i++)
    {
      SpReviewRecord *v = g_ptr_array_index (p->reviews, i);
      xmlNode *node = add_node (list, "review");
      g_autofree gchar *ref = review_ref (v->id);
      xmlNode *outcomes;

      xmlSetProp (node, (const xmlChar *) "id", (const xmlChar *) ref);
      add (node, "reviewDate", v->review_date);
      add (node, "attendees", v->attendees);
      add (node, "parentViews", v->parent_views);
      add (node, "pupilViews", v->pupil_views);
      add (node, "nextSteps", v->next_steps);
      add (node, "decision", v->decision);
      add (node, "completedAt", v->completed_at);
      add (node, "reopenedAt", v->reopened_at);
      add (node, "reopenReason", v->reopen_reason);
      outcomes = add_node (node, "outcomes");
      for (guint j = 0; j < v->outcomes->len; j++)
        {
          SpOutcomeRecord *o = g_ptr_array_index (v->outcomes, j);
          xmlNode *outcome = add_node (outcomes, "outcome");

          set_uint_attr (outcome, "target", o->target_position);
          add (outcome, "result", o->outcome);
          add (outcome, "evidence", o->evidence);
          if (o->has_before)
            add_double (outcome, "measureBefore", o->measure_before);
          if (o->has_after)
            add_double (outcome, "measureAfter", o->measure_after);
          add (outcome, "measureUnit", o->measure_unit);
        }
    }

  list = add_node (plan, "annotations");
  for (guint i = 0; i < p->annotations->len; i++)
    {
      SpAnnotationRecord *a = g_ptr_array_index (p->annotations, i);
      xmlNode *node = add_node (list, "annotation");

      set_uint_attr (node, "target", a->target_position);
      add (node, "date", a->note_date);
      add (node, "author", a->author);
      add (node, "text", a->text);
    }
}

static void
write_pupil (xmlNode             *root,
             const SpPupilRecord *r)
{
  xmlNode *pupil = add_node (root, "pupil");
  xmlNode *list;

  add (pupil, "upn", r->upn);
  add (pupil, "forename", r->forename);
  add (pupil, "surname", r->surname);
  add_optional (pupil, "dateOfBirth", r->date_of_birth);
  add (pupil, "sex", r->sex);
  add (pupil, "yearGroup", r->year_group);
  add (pupil, "className", r->class_name);
  add (pupil, "senStatus", r->sen_status);
  add_bool (pupil, "lookedAfter", r->looked_after);
  add_bool (pupil, "medicalCondition", r->medical_condition);
  add_bool (pupil, "healthCarePlan", r->health_care_plan);
  add (pupil, "strengths", r->strengths);
  add (pupil, "likes", r->likes);
  add (pupil, "dislikes", r->dislikes);
  add (pupil, "anxieties", r->anxieties);
  add (pupil, "whatHelps", r->what_helps);

  list = add_node (pupil, "needs");
  for (guint i = 0; r->needs != NULL && r->needs[i] != NULL; i++)
    add (list, "need", r->needs[i]);

  list = add_node (pupil, "contacts");
  for (guint i = 0; i < r->contacts->len; i++)
    {
      SpContactRecord *c = g_ptr_array_index (r->contacts, i);
      xmlNode *node = add_node (list, "contact");

      add (node, "name", c->name);
      add (node, "relationship", c->relationship);
      add (node, "phone", c->phone);
      add (node, "email", c->email);
      add (node, "address", c->address);
      add (node, "preferredMethod", c->preferred_method);
      add_bool (node, "parentalResponsibility", c->parental_responsibility);
    }

  list = add_node (pupil, "plans");
  for (guint i = 0; i < r->plans->len; i++)
    write_plan (list, g_ptr_array_index (r->plans, i));

  list = add_node (pupil, "meetings");
  for (guint i = 0; i < r->meetings->len; i++)
    {
      SpMeetingRecord *m = g_ptr_array_index (r->meetings, i);
      xmlNode *node = add_node (list, "meeting");

      if (m->review_id != 0)
        {
          g_autofree gchar *ref = review_ref (m->review_id);
          xmlSetProp (node, (const xmlChar *) "review", (const xmlChar *) ref);
        }
      add (node, "date", m->meeting_date);
      add (node, "method", m->method);
      add (node, "attendees", m->attendees);
      add (node, "notes", m->notes);
    }
}

/* The exchange file for @records (SpPupilRecord) and @school (may be NULL), checked against
 * the schema. */
GBytes *
sp_agency_xml_write (const SpSchoolRecord  *school,
                     GPtrArray             *records,
                     GError               **error)
{
  g_autoptr(xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
  g_autoptr(xmlDoc) check = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree gchar *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "supportPlans");
  xmlChar *buffer = NULL;
  int length = 0;
  GBytes *bytes;

  sp_xml_init ();
  xmlDocSetRootElement (doc, root);
  xmlSetNs (root, xmlNewNs (root, (const xmlChar *) SP_AGENCY_NS, NULL));
  xmlSetProp (root, (const xmlChar *) "version", (const xmlChar *) "1");
  xmlSetProp (root, (const xmlChar *) "exported", (const xmlChar *) stamp);

  if (school != NULL)
    {
      xmlNode *node = add_node (root, "school");
      add (node, "name", school->name);
      add (node, "laNumber", school->la_number);
      add (node, "establishment", school->establishment);
      add (node, "address", school->address);
      add (node, "phone", school->phone);
      add (node, "email", school->email);
      add (node, "sencoName", school->senco_name);
    }
  for (guint i = 0; i < records->len; i++)
    write_pupil (root, g_ptr_array_index (records, i));

  xmlDocDumpFormatMemoryEnc (doc, &buffer, &length, "UTF-8", 1);
  if (buffer == NULL || length <= 0)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_INVALID,
                           _("There was not enough memory to write the records."));
      return NULL;
    }
  bytes = g_bytes_new ((const gchar *) buffer, (gsize) length);
  xmlFree (buffer);

  /* What the agency will read: parsed back as hostile input and checked against the schema. */
  check = sp_xml_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  if (check == NULL || !sp_agency_xml_validate (check, error))
    {
      g_bytes_unref (bytes);
      g_prefix_error (error, _("The records were not exported. "));
      return NULL;
    }
  return bytes;
}

/* Writes the records of @pupil_ids (gint64) to @path: atomically, readable only by the user. */
gboolean
sp_agency_xml_export (SpStore      *store,
                      GArray       *pupil_ids,
                      const gchar  *path,
                      GError      **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_pupil_record_free);
  g_autoptr(SpSchoolRecord) school = sp_store_load_school (store, error);
  g_autoptr(GBytes) bytes = NULL;

  if (school == NULL)
    return FALSE;
  for (guint i = 0; i < pupil_ids->len; i++)
    {
      SpPupilRecord *r = sp_store_load_record (store, g_array_index (pupil_ids, gint64, i), error);
      if (r == NULL)
        return FALSE;
      g_ptr_array_add (records, r);
    }
  if (records->len == 0)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_INVALID,
                           _("There are no pupils to export."));
      return FALSE;
    }
  bytes = sp_agency_xml_write (school, records, error);
  if (bytes == NULL)
    return FALSE;
  return sp_export_save_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              error);
}

/* ---- reading --------------------------------------------------------------------------- */

/* The exact text of @parent's child @name (not stripped: text round-trips as written). */
static gchar *
text_of (xmlNode     *parent,
         const gchar *name)
{
  xmlNode *node = sp_xml_child (parent, name);
  xmlChar *content;
  gchar *text;

  if (node == NULL)
    return g_strdup ("");
  content = xmlNodeGetContent (node);
  text = g_strdup (content != NULL ? (const gchar *) content : "");
  xmlFree (content);
  return text;
}

static guint64
uint_of (xmlNode     *parent,
         const gchar *name)
{
  g_autofree gchar *text = sp_xml_child_text (parent, name);

  return g_ascii_strtoull (text, NULL, 10);
}

static gboolean
bool_of (xmlNode     *parent,
         const gchar *name)
{
  g_autofree gchar *text = sp_xml_child_text (parent, name);

  return strcmp (text, "true") == 0 || strcmp (text, "1") == 0;
}

static guint
uint_attr (xmlNode     *node,
           const gchar *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  guint n = value != NULL ? (guint) g_ascii_strtoull ((const gchar *) value, NULL, 10) : 0;

  xmlFree (value);
  return n;
}

/* Ids (of plans, targets, reviews) are the file's own; each gets a number for this import, so
 * that a meeting can name its review, a plan the one before it, a target the one it carries
 * forward. */
static gint64
id_number (GHashTable  *ids,
               xmlNode     *node,
               const gchar *attr)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) attr);
  gpointer found;
  gint64 n = 0;

  if (value == NULL)
    return 0;
  if (g_hash_table_lookup_extended (ids, value, NULL, &found))
    n = GPOINTER_TO_SIZE (found);
  else
    {
      n = g_hash_table_size (ids) + 1;
      g_hash_table_insert (ids, g_strdup ((const gchar *) value), GSIZE_TO_POINTER ((gsize) n));
    }
  xmlFree (value);
  return n;
}

#define EACH(parent, name, var) \
  for (xmlNode *var = (parent) != NULL ? (parent)->children : NULL; var != NULL; var = var->next) \
    if (sp_xml_is (var, (name)))

static SpPlanRecord *
read_plan (xmlNode    *node,
           GHashTable *ids)
{
  SpPlanRecord *p = sp_plan_record_new ();

  p->id = id_number (ids, node, "id");
  p->previous_plan_id = id_number (ids, node, "previous");
  p->start_date = sp_xml_child_text (node, "startDate");
  p->review_date = sp_xml_child_text (node, "reviewDate");
  p->status = sp_xml_child_text (node, "status");
  p->areas = text_of (node, "areas");
  p->written_by = text_of (node, "writtenBy");
  p->parent_contribution = text_of (node, "parentContribution");
  p->pupil_likes = text_of (node, "pupilLikes");
  p->pupil_finds_hard = text_of (node, "pupilFindsHard");
  p->pupil_helps = text_of (node, "pupilHelps");
  p->pupil_worries = text_of (node, "pupilWorries");
  p->views_date = sp_xml_child_text (node, "viewsDate");
  p->views_how = text_of (node, "viewsHow");

  EACH (sp_xml_child (node, "targets"), "target", n)
    {
      SpTargetRecord *t = sp_target_record_new ();

      t->position = uint_attr (n, "position");
      t->id = id_number (ids, n, "id");
      t->carried_from = id_number (ids, n, "carriedFrom");
      t->area = sp_xml_child_text (n, "area");
      t->description = text_of (n, "description");
      t->baseline = text_of (n, "baseline");
      t->success_criteria = text_of (n, "successCriteria");
      EACH (sp_xml_child (n, "strategies"), "strategy", s)
        {
          SpStrategyRecord *strategy = g_new0 (SpStrategyRecord, 1);
          xmlChar *content = xmlNodeGetContent (s);

          strategy->description = g_strdup (content != NULL ? (const gchar *) content : "");
          xmlFree (content);
          g_ptr_array_add (t->strategies, strategy);
        }
      g_ptr_array_add (p->targets, t);
    }

  EACH (sp_xml_child (node, "provisions"), "provision", n)
    {
      SpProvisionRecord *v = g_new0 (SpProvisionRecord, 1);

      v->position = uint_attr (n, "position");
      v->description = text_of (n, "description");
      v->area = text_of (n, "area");
      v->role = sp_xml_child_text (n, "role");
      v->role_label = text_of (n, "roleLabel");
      v->staff_name = text_of (n, "staffName");
      v->group_size = (guint) uint_of (n, "groupSize");
      v->sessions_per_week = (guint) uint_of (n, "sessionsPerWeek");
      v->minutes = (guint) uint_of (n, "minutes");
      v->weeks = (guint) uint_of (n, "weeks");
      v->start_date = sp_xml_child_text (n, "startDate");
      v->end_date = sp_xml_child_text (n, "endDate");
      v->cost_pence = (gint64) MIN (uint_of (n, "costPence"), (guint64) G_MAXINT64);
      g_ptr_array_add (p->provision, v);
    }

  EACH (sp_xml_child (node, "reviews"), "review", n)
    {
      SpReviewRecord *v = sp_review_record_new ();

      v->id = id_number (ids, n, "id");
      v->review_date = sp_xml_child_text (n, "reviewDate");
      v->attendees = text_of (n, "attendees");
      v->parent_views = text_of (n, "parentViews");
      v->pupil_views = text_of (n, "pupilViews");
      v->next_steps = text_of (n, "nextSteps");
      v->decision = sp_xml_child_text (n, "decision");
      v->completed_at = text_of (n, "completedAt");
      v->reopened_at = text_of (n, "reopenedAt");
      v->reopen_reason = text_of (n, "reopenReason");
      EACH (sp_xml_child (n, "outcomes"), "outcome", o)
        {
          SpOutcomeRecord *outcome = g_new0 (SpOutcomeRecord, 1);
          xmlNode *before = sp_xml_child (o, "measureBefore");
          xmlNode *after = sp_xml_child (o, "measureAfter");

          outcome->target_position = uint_attr (o, "target");
          outcome->outcome = sp_xml_child_text (o, "result");
          outcome->evidence = text_of (o, "evidence");
          if (before != NULL)
            {
              g_autofree gchar *text = sp_xml_text (before);
              outcome->has_before = TRUE;
              outcome->measure_before = g_ascii_strtod (text, NULL);
            }
          if (after != NULL)
            {
              g_autofree gchar *text = sp_xml_text (after);
              outcome->has_after = TRUE;
              outcome->measure_after = g_ascii_strtod (text, NULL);
            }
          outcome->measure_unit = text_of (o, "measureUnit");
          g_ptr_array_add (v->outcomes, outcome);
        }
      g_ptr_array_add (p->reviews, v);
    }

  EACH (sp_xml_child (node, "annotations"), "annotation", n)
    {
      SpAnnotationRecord *a = g_new0 (SpAnnotationRecord, 1);

      a->target_position = uint_attr (n, "target");
      a->note_date = sp_xml_child_text (n, "date");
      a->author = text_of (n, "author");
      a->text = text_of (n, "text");
      g_ptr_array_add (p->annotations, a);
    }
  return p;
}

static SpPupilRecord *
read_pupil (xmlNode    *node,
            GHashTable *ids)
{
  SpPupilRecord *r = sp_pupil_record_new ();
  g_autoptr(GStrvBuilder) needs = g_strv_builder_new ();

  r->upn = sp_xml_child_text (node, "upn");
  r->forename = text_of (node, "forename");
  r->surname = text_of (node, "surname");
  r->date_of_birth = sp_xml_child_text (node, "dateOfBirth");
  r->sex = sp_xml_child_text (node, "sex");
  r->year_group = sp_xml_child_text (node, "yearGroup");
  r->class_name = text_of (node, "className");
  r->sen_status = sp_xml_child_text (node, "senStatus");
  r->looked_after = bool_of (node, "lookedAfter");
  r->medical_condition = bool_of (node, "medicalCondition");
  r->health_care_plan = bool_of (node, "healthCarePlan");
  r->strengths = text_of (node, "strengths");
  r->likes = text_of (node, "likes");
  r->dislikes = text_of (node, "dislikes");
  r->anxieties = text_of (node, "anxieties");
  r->what_helps = text_of (node, "whatHelps");

  EACH (sp_xml_child (node, "needs"), "need", n)
    {
      g_autofree gchar *code = sp_xml_text (n);
      g_strv_builder_add (needs, code);
    }
  r->needs = g_strv_builder_end (needs);

  EACH (sp_xml_child (node, "contacts"), "contact", n)
    {
      SpContactRecord *c = g_new0 (SpContactRecord, 1);

      c->name = text_of (n, "name");
      c->relationship = text_of (n, "relationship");
      c->phone = text_of (n, "phone");
      c->email = text_of (n, "email");
      c->address = text_of (n, "address");
      c->preferred_method = sp_xml_child_text (n, "preferredMethod");
      c->parental_responsibility = bool_of (n, "parentalResponsibility");
      g_ptr_array_add (r->contacts, c);
    }

  EACH (sp_xml_child (node, "plans"), "plan", n)
    g_ptr_array_add (r->plans, read_plan (n, ids));

  EACH (sp_xml_child (node, "meetings"), "meeting", n)
    {
      SpMeetingRecord *m = g_new0 (SpMeetingRecord, 1);

      m->review_id = id_number (ids, n, "review");
      m->meeting_date = sp_xml_child_text (n, "date");
      m->method = sp_xml_child_text (n, "method");
      m->attendees = text_of (n, "attendees");
      m->notes = text_of (n, "notes");
      g_ptr_array_add (r->meetings, m);
    }
  return r;
}

/* Reads an agency exchange document: validated first, then read into a preview. */
SpImportPreview *
sp_agency_xml_read_doc (xmlDoc  *doc,
                        GError **error)
{
  g_autoptr(SpImportPreview) preview = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlNode *root;
  g_autofree gchar *school = NULL;

  if (!sp_xml_expect_root (doc, "supportPlans", SP_AGENCY_NS, _("a Support Plans record file"),
                           error)
      || !sp_agency_xml_validate (doc, error))
    return NULL;

  root = xmlDocGetRootElement (doc);
  preview = sp_import_preview_new (TRUE);
  school = text_of (sp_xml_child (root, "school"), "name");
  g_free (preview->source);
  preview->source = *school != '\0'
                    ? g_strdup_printf (_("Support Plans records from %s"), school)
                    : g_strdup (_("Support Plans records"));
  if (sp_xml_child (root, "school") != NULL)
    {
      xmlNode *node = sp_xml_child (root, "school");

      preview->school = sp_school_record_new ();
      preview->school->name = text_of (node, "name");
      preview->school->la_number = text_of (node, "laNumber");
      preview->school->establishment = text_of (node, "establishment");
      preview->school->address = text_of (node, "address");
      preview->school->phone = text_of (node, "phone");
      preview->school->email = text_of (node, "email");
      preview->school->senco_name = text_of (node, "sencoName");
    }
  EACH (root, "pupil", n)
    sp_import_preview_add_record (preview, read_pupil (n, ids));
  return g_steal_pointer (&preview);
}

SpImportPreview *
sp_agency_xml_read (const gchar  *data,
                    gsize         length,
                    GError      **error)
{
  g_autoptr(xmlDoc) doc = sp_xml_parse (data, length, error);

  if (doc == NULL)
    return NULL;
  return sp_agency_xml_read_doc (doc, error);
}

/* ---- either kind ----------------------------------------------------------------------- */

SpImportPreview *
sp_xml_import_read_file (const gchar  *path,
                         GError      **error)
{
  g_autoptr(xmlDoc) doc = sp_xml_parse_file (path, error);
  xmlNode *root;

  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (sp_xml_is (root, "supportPlans"))
    return sp_agency_xml_read_doc (doc, error);
  if (sp_xml_is (root, "CTfile"))
    return sp_ctf_read_doc (doc, error);
  {
    g_autofree gchar *shown = sp_xml_shorten ((const gchar *) root->name);
    g_set_error (error, SP_XML_ERROR, SP_XML_ERROR_WRONG_KIND,
                 _("This file is not a Common Transfer File: it starts with <%s>, not "
                   "<CTfile>."), shown);
  }
  return NULL;
}

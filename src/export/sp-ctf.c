/* sp-ctf.c: reading pupils from a Common Transfer File.
 *
 *   CTfile > Header (Version, SourceSchool > SchoolName)
 *          > CTFpupilData > Pupil: UPN, Surname, Forename, DOB, Sex (CTF 23) or Gender (older),
 *            BasicDetails > NCyearActual (or NCyearActual directly under Pupil),
 *            SENhistory > SEN > StartDate, SENprovision (N, K, E; legacy S, A → K, P → E),
 *            SENneeds > SENneed > SENtypeRank, SENtype (under SENhistory or under Pupil).
 *
 * Elements not listed are skipped. A pupil that cannot be imported is rejected with the reason,
 * and the others are still read. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "sp-ctf.h"
#include "sp-dates.h"
#include "sp-need.h"
#include "sp-upn.h"
#include "sp-xml-safe.h"

#define MAX_FIELD 200

/* SEN provision codes, old and new, to the status the program records. */
const gchar *
sp_ctf_map_status (const gchar *code)
{
  if (g_strcmp0 (code, "N") == 0)
    return "N";
  if (g_strcmp0 (code, "K") == 0 || g_strcmp0 (code, "S") == 0 || g_strcmp0 (code, "A") == 0)
    return "K";
  if (g_strcmp0 (code, "E") == 0 || g_strcmp0 (code, "P") == 0)
    return "E";
  return NULL;
}

/* NCyearActual to the program's year groups; NULL when it is not one (e.g. X). */
static gchar *
map_year (const gchar *text)
{
  static const gchar *const years[] = {
    "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", NULL
  };
  g_autofree gchar *upper = g_ascii_strup (text, -1);
  const gchar *p = upper;

  /* "01" and "1" are both written by management systems. */
  while (p[0] == '0' && p[1] != '\0')
    p++;
  return g_strv_contains (years, p) ? g_strdup (p) : NULL;
}

/* The year group a child born on @dob is in this school year (England: Reception is the year
 * a child turns five). */
static gchar *
year_from_dob (const gchar *dob)
{
  g_autoptr(GDate) birth = sp_date_parse_iso (dob);
  g_autoptr(GDate) today = sp_date_today ();
  gint diff;

  if (birth == NULL)
    return NULL;
  diff = (gint) sp_academic_year_for_date (today) - (gint) sp_academic_year_for_date (birth) - 5;
  if (diff == -1)
    return g_strdup ("N2");
  if (diff == -2)
    return g_strdup ("N1");
  if (diff == 0)
    return g_strdup ("R");
  if (diff >= 1 && diff <= 14)
    return g_strdup_printf ("%d", diff);
  return NULL;
}

typedef struct
{
  gchar *start;
  gchar *code;
} SenEntry;

static void
read_needs (xmlNode    *needs,
            GPtrArray  *codes,
            GArray     *ranks)
{
  for (xmlNode *n = needs != NULL ? needs->children : NULL; n != NULL; n = n->next)
    {
      g_autofree gchar *raw = NULL;
      g_autofree gchar *type = NULL;
      g_autofree gchar *rank_text = NULL;
      guint rank;

      if (!sp_xml_is (n, "SENneed"))
        continue;
      raw = sp_xml_child_text (n, "SENtype");
      type = g_ascii_strup (raw, -1);
      rank_text = sp_xml_child_text (n, "SENtypeRank");
      rank = (guint) strtoul (rank_text, NULL, 10);
      if (rank == 0)
        rank = 100 + codes->len;
      g_ptr_array_add (codes, g_steal_pointer (&type));
      g_array_append_val (ranks, rank);
    }
}

/* One <Pupil>: a record, or NULL with the reason in @reason. */
SpPupilRecord *
sp_ctf_read_pupil (xmlNode  *pupil,
                   gchar   **reason)
{
  g_autoptr(SpPupilRecord) r = sp_pupil_record_new ();
  g_autoptr(GError) upn_error = NULL;
  g_autofree gchar *upn_text = sp_xml_child_text (pupil, "UPN");
  g_autofree gchar *sex = NULL;
  g_autofree gchar *year = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GStrvBuilder) needs = g_strv_builder_new ();
  xmlNode *basic = sp_xml_child (pupil, "BasicDetails");
  xmlNode *history = sp_xml_child (pupil, "SENhistory");
  xmlNode *node;
  g_autofree gchar *latest_start = NULL;
  const gchar *status = NULL;

  r->upn = sp_upn_normalise (upn_text);
  r->forename = sp_xml_child_text (pupil, "Forename");
  r->surname = sp_xml_child_text (pupil, "Surname");
  r->date_of_birth = sp_xml_child_text (pupil, "DOB");

  if (strlen (r->upn) > 20)
    {
      g_autofree gchar *shown = sp_xml_shorten (upn_text);
      *reason = g_strdup_printf (_("“%s” is not a UPN: a UPN has 13 characters."), shown);
      return NULL;
    }
  if (!sp_upn_validate (r->upn, &upn_error))
    {
      *reason = g_strdup (upn_error->message);
      return NULL;
    }
  if (*r->forename == '\0' || *r->surname == '\0')
    {
      *reason = g_strdup (_("The pupil has no first name or no surname."));
      return NULL;
    }
  if (strlen (r->forename) > MAX_FIELD || strlen (r->surname) > MAX_FIELD)
    {
      *reason = g_strdup (_("The pupil’s name is longer than 200 characters."));
      return NULL;
    }
  if (*r->date_of_birth != '\0')
    {
      g_autoptr(GDate) dob = NULL;

      /* Some systems write a time after the date. */
      if (strlen (r->date_of_birth) > 10 && r->date_of_birth[10] == 'T')
        r->date_of_birth[10] = '\0';
      dob = sp_date_parse_iso (r->date_of_birth);
      if (dob == NULL)
        {
          g_autofree gchar *shown = sp_xml_shorten (r->date_of_birth);
          *reason = g_strdup_printf (_("The date of birth “%s” is not a real date."), shown);
          return NULL;
        }
    }

  /* CTF 23 writes Sex; earlier releases wrote Gender. Anything but M or F is "not recorded". */
  sex = sp_xml_child_text (pupil, "Sex");
  if (*sex == '\0')
    {
      g_free (sex);
      sex = sp_xml_child_text (pupil, "Gender");
    }
  r->sex = g_strdup (strcmp (sex, "M") == 0 || strcmp (sex, "F") == 0 ? sex : "");

  node = sp_xml_child (basic, "NCyearActual");
  if (node == NULL)
    node = sp_xml_child (pupil, "NCyearActual");
  if (node != NULL)
    {
      g_autofree gchar *text = sp_xml_text (node);
      year = map_year (text);
    }
  if (year == NULL)
    year = year_from_dob (r->date_of_birth);
  if (year == NULL)
    {
      *reason = g_strdup (_("The file gives no year group for this pupil, and none can be worked "
                            "out from the date of birth."));
      return NULL;
    }
  r->year_group = g_steal_pointer (&year);

  /* The latest SEN entry is the pupil's status now. */
  for (node = history != NULL ? history->children : NULL; node != NULL; node = node->next)
    {
      g_autofree gchar *start = NULL;
      g_autofree gchar *raw = NULL;
      g_autofree gchar *code = NULL;
      const gchar *mapped;

      if (!sp_xml_is (node, "SEN"))
        continue;
      start = sp_xml_child_text (node, "StartDate");
      raw = sp_xml_child_text (node, "SENprovision");
      code = g_ascii_strup (raw, -1);
      mapped = sp_ctf_map_status (code);
      if (mapped == NULL)
        {
          g_autofree gchar *shown = sp_xml_shorten (code);
          *reason = g_strdup_printf (_("“%s” is not an SEN provision code (N, K, E, or the old "
                                       "S, A, P)."), shown);
          return NULL;
        }
      if (latest_start == NULL || strcmp (start, latest_start) >= 0)
        {
          g_free (latest_start);
          latest_start = g_steal_pointer (&start);
          status = mapped;
        }
    }
  r->sen_status = g_strdup (status != NULL ? status : "N");

  read_needs (sp_xml_child (history, "SENneeds"), codes, ranks);
  read_needs (sp_xml_child (pupil, "SENneeds"), codes, ranks);
  /* Most important first: a stable sort by rank. */
  for (guint i = 1; i < codes->len; i++)
    for (guint j = i;
         j > 0 && g_array_index (ranks, guint, j) < g_array_index (ranks, guint, j - 1); j--)
      {
        guint t = g_array_index (ranks, guint, j);
        gpointer c = codes->pdata[j];
        g_array_index (ranks, guint, j) = g_array_index (ranks, guint, j - 1);
        g_array_index (ranks, guint, j - 1) = t;
        codes->pdata[j] = codes->pdata[j - 1];
        codes->pdata[j - 1] = c;
      }
  for (guint i = 0; i < codes->len; i++)
    {
      const gchar *code = codes->pdata[i];
      gboolean dup = FALSE;

      if (sp_need_type_lookup (code) == NULL)
        {
          g_autofree gchar *shown = sp_xml_shorten (code);
          *reason = g_strdup_printf (_("“%s” is not a type of need."), shown);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        dup = dup || strcmp (codes->pdata[j], code) == 0;
      if (!dup)
        g_strv_builder_add (needs, code);
    }
  r->needs = g_strv_builder_end (needs);

  r->class_name = g_strdup ("");
  r->strengths = g_strdup ("");
  r->likes = g_strdup ("");
  r->dislikes = g_strdup ("");
  r->anxieties = g_strdup ("");
  r->what_helps = g_strdup ("");
  return g_steal_pointer (&r);
}

SpImportPreview *
sp_ctf_read_doc (xmlDoc  *doc,
                 GError **error)
{
  g_autoptr(SpImportPreview) preview = NULL;
  xmlNode *root;
  xmlNode *data;
  g_autofree gchar *school = NULL;

  if (!sp_xml_expect_root (doc, "CTfile", NULL, _("a Common Transfer File"), error))
    return NULL;
  root = xmlDocGetRootElement (doc);
  data = sp_xml_child (root, "CTFpupilData");
  if (sp_xml_child (root, "Header") == NULL)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_INVALID,
                           _("This Common Transfer File has no header, so it is not complete."));
      return NULL;
    }

  preview = sp_import_preview_new (FALSE);
  school = sp_xml_child_text (sp_xml_child (sp_xml_child (root, "Header"), "SourceSchool"),
                              "SchoolName");
  g_free (preview->source);
  preview->source = *school != '\0'
                    ? g_strdup_printf (_("Common Transfer File from %s"), school)
                    : g_strdup (_("Common Transfer File"));

  for (xmlNode *n = data != NULL ? data->children : NULL; n != NULL; n = n->next)
    {
      g_autofree gchar *reason = NULL;
      SpPupilRecord *record;

      if (!sp_xml_is (n, "Pupil"))
        continue;
      record = sp_ctf_read_pupil (n, &reason);
      if (record != NULL)
        sp_import_preview_add_record (preview, record);
      else
        {
          g_autofree gchar *upn = sp_xml_child_text (n, "UPN");
          g_autofree gchar *forename = sp_xml_child_text (n, "Forename");
          g_autofree gchar *surname = sp_xml_child_text (n, "Surname");
          g_autofree gchar *name = g_strstrip (g_strdup_printf ("%s %s", forename, surname));
          g_autofree gchar *short_upn = sp_xml_shorten (upn);
          g_autofree gchar *short_name = sp_xml_shorten (name);

          sp_import_preview_reject (preview, short_upn, short_name, reason);
        }
    }
  if (preview->items->len == 0)
    {
      g_set_error_literal (error, SP_XML_ERROR, SP_XML_ERROR_INVALID,
                           _("This Common Transfer File has no pupils in it."));
      return NULL;
    }
  return g_steal_pointer (&preview);
}

SpImportPreview *
sp_ctf_read (const gchar  *data,
             gsize         length,
             GError      **error)
{
  g_autoptr(xmlDoc) doc = sp_xml_parse (data, length, error);

  if (doc == NULL)
    return NULL;
  return sp_ctf_read_doc (doc, error);
}

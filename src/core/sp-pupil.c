/* sp-pupil.c: a pupil as the list and the profile show them. No widgets, no database. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-need.h"
#include "sp-pupil.h"
#include "sp-text-props.h"

struct _SpPupil
{
  GObject parent_instance;

  gint64  id;
  gchar  *upn;
  gchar  *forename;
  gchar  *surname;
  gchar  *date_of_birth;
  gchar  *sex;
  gchar  *year_group;
  gchar  *class_name;
  gchar  *sen_status;
  gchar  *primary_need;
  gchar  *next_review;
  gchar  *strengths;
  gchar  *likes;
  gchar  *dislikes;
  gchar  *anxieties;
  gchar  *what_helps;
  gchar  *search_key;  /* lower-cased "forename surname upn class need", built on demand */
  gchar  *display_name;  /* as sp_pupil_peek_display_name() and _peek_summary() built them, */
  gchar  *summary;       /* kept until a field changes: the list shows them at each search */
};

G_DEFINE_FINAL_TYPE (SpPupil, sp_pupil, G_TYPE_OBJECT)

#define TEXT(name, member) { name, G_STRUCT_OFFSET (SpPupil, member) }
static const SpTextProp text_props[] = {
  TEXT ("upn", upn),
  TEXT ("forename", forename),
  TEXT ("surname", surname),
  TEXT ("date-of-birth", date_of_birth),
  TEXT ("sex", sex),
  TEXT ("year-group", year_group),
  TEXT ("class-name", class_name),
  TEXT ("sen-status", sen_status),
  TEXT ("primary-need", primary_need),
  TEXT ("next-review", next_review),
  TEXT ("strengths", strengths),
  TEXT ("likes", likes),
  TEXT ("dislikes", dislikes),
  TEXT ("anxieties", anxieties),
  TEXT ("what-helps", what_helps),
};
#undef TEXT

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_SUMMARY,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + G_N_ELEMENTS (text_props)
};

static GParamSpec *properties[N_PROPS];

static void
sp_pupil_finalize (GObject *object)
{
  SpPupil *self = SP_PUPIL (object);

  sp_text_props_clear (object, text_props, G_N_ELEMENTS (text_props));
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->summary, g_free);
  G_OBJECT_CLASS (sp_pupil_parent_class)->finalize (object);
}

static void
sp_pupil_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SpPupil *self = SP_PUPIL (object);

  if (sp_text_props_get (object, text_props, G_N_ELEMENTS (text_props), PROP_FIRST_TEXT,
                         prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, sp_pupil_dup_display_name (self));
      break;
    case PROP_SUMMARY:
      g_value_take_string (value, sp_pupil_dup_summary (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_pupil_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SpPupil *self = SP_PUPIL (object);

  if (sp_text_props_set (object, text_props, G_N_ELEMENTS (text_props), PROP_FIRST_TEXT,
                         prop_id, value, properties))
    {
      g_clear_pointer (&self->search_key, g_free);
      g_clear_pointer (&self->display_name, g_free);
      g_clear_pointer (&self->summary, g_free);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      sp_pupil_set_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_pupil_dispatch_properties_changed (GObject     *object,
                                      guint        n_pspecs,
                                      GParamSpec **pspecs)
{
  gboolean names = FALSE, summary = FALSE;

  /* The derived properties change with the fields they are made of. */
  for (guint i = 0; i < n_pspecs; i++)
    {
      const gchar *name = pspecs[i]->name;

      if (g_str_equal (name, "forename") || g_str_equal (name, "surname"))
        names = TRUE;
      else if (g_str_equal (name, "year-group") || g_str_equal (name, "class-name")
               || g_str_equal (name, "sen-status") || g_str_equal (name, "primary-need"))
        summary = TRUE;
    }

  G_OBJECT_CLASS (sp_pupil_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);

  if (names)
    g_object_notify_by_pspec (object, properties[PROP_DISPLAY_NAME]);
  if (summary)
    g_object_notify_by_pspec (object, properties[PROP_SUMMARY]);
}

static void
sp_pupil_class_init (SpPupilClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_pupil_finalize;
  object_class->get_property = sp_pupil_get_property;
  object_class->set_property = sp_pupil_set_property;
  object_class->dispatch_properties_changed = sp_pupil_dispatch_properties_changed;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROP_FIRST_TEXT, properties);
  sp_text_props_install (object_class, text_props, G_N_ELEMENTS (text_props), PROP_FIRST_TEXT,
                         properties);
}

static void
sp_pupil_init (SpPupil *self)
{
}

SpPupil *
sp_pupil_new (void)
{
  return g_object_new (SP_TYPE_PUPIL, NULL);
}

gint64
sp_pupil_get_id (SpPupil *self)
{
  g_return_val_if_fail (SP_IS_PUPIL (self), 0);
  return self->id;
}

void
sp_pupil_set_id (SpPupil *self,
                 gint64   id)
{
  g_return_if_fail (SP_IS_PUPIL (self));
  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const gchar *
sp_pupil_get_text (SpPupil     *self,
                   const gchar *property)
{
  g_return_val_if_fail (SP_IS_PUPIL (self), "");
  return sp_text_props_lookup (G_OBJECT (self), text_props, G_N_ELEMENTS (text_props),
                               property);
}

void
sp_pupil_set_text (SpPupil     *self,
                   const gchar *property,
                   const gchar *value)
{
  g_return_if_fail (SP_IS_PUPIL (self));
  g_object_set (self, property, value, NULL);
}

gchar *
sp_pupil_dup_display_name (SpPupil *self)
{
  return g_strdup (sp_pupil_peek_display_name (self));
}

/* The same, owned by the pupil: valid until one of its fields changes. */
const gchar *
sp_pupil_peek_display_name (SpPupil *self)
{
  g_return_val_if_fail (SP_IS_PUPIL (self), NULL);
  if (self->display_name == NULL)
    self->display_name = g_strdup_printf ("%s %s", self->forename ? self->forename : "",
                                          self->surname ? self->surname : "");
  return self->display_name;
}

/* "Year 3 · Oak · SEN support · Autism": what the list shows under the name. */
gchar *
sp_pupil_dup_summary (SpPupil *self)
{
  return g_strdup (sp_pupil_peek_summary (self));
}

/* The same, owned by the pupil: valid until one of its fields changes. */
const gchar *
sp_pupil_peek_summary (SpPupil *self)
{
  GString *s;

  g_return_val_if_fail (SP_IS_PUPIL (self), NULL);
  if (self->summary != NULL)
    return self->summary;

  s = g_string_new (NULL);
  const gchar *year = self->year_group ? self->year_group : "";

  if (g_str_equal (year, "R"))
    g_string_append (s, _("Reception"));
  else if (*year)
    g_string_append_printf (s, _("Year %s"), year);

  if (self->class_name && *self->class_name)
    g_string_append_printf (s, "%s%s", s->len ? " · " : "", self->class_name);
  if (self->sen_status && *self->sen_status)
    g_string_append_printf (s, "%s%s", s->len ? " · " : "", sp_sen_status_name (self->sen_status));
  if (self->primary_need && *self->primary_need && sp_need_name (self->primary_need))
    g_string_append_printf (s, "%s%s", s->len ? " · " : "", sp_need_name (self->primary_need));

  self->summary = g_string_free (s, FALSE);
  return self->summary;
}

/* A pupil as the list shows them, its fields set directly: the list makes 2,000 of these at
 * start-up, and g_object_new() with nine named properties cost five times as much (no one
 * can be watching a pupil that does not exist yet, so nothing is notified). NULL is kept as
 * "", as the properties do. */
SpPupil *
sp_pupil_new_for_list (gint64       id,
                       const gchar *upn,
                       const gchar *forename,
                       const gchar *surname,
                       const gchar *year_group,
                       const gchar *class_name,
                       const gchar *sen_status,
                       const gchar *primary_need,
                       const gchar *next_review)
{
  SpPupil *self = g_object_new (SP_TYPE_PUPIL, NULL);

  self->id = id;
  self->upn = g_strdup (upn ? upn : "");
  self->forename = g_strdup (forename ? forename : "");
  self->surname = g_strdup (surname ? surname : "");
  self->year_group = g_strdup (year_group ? year_group : "");
  self->class_name = g_strdup (class_name ? class_name : "");
  self->sen_status = g_strdup (sen_status ? sen_status : "");
  self->primary_need = g_strdup (primary_need ? primary_need : "");
  self->next_review = g_strdup (next_review ? next_review : "");
  return self;
}

/* The words of a search, case-folded, for sp_pupil_matches_words(): split once per search
 * rather than once per pupil. Empty words are dropped, so a blank query gives no words. */
gchar **
sp_pupil_query_words (const gchar *query)
{
  g_auto(GStrv) split = g_strsplit_set (query ? query : "", " \t", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  for (guint i = 0; split[i]; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (words, g_utf8_casefold (split[i], -1));
  g_ptr_array_add (words, NULL);
  return (gchar **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/* TRUE when every one of @words (from sp_pupil_query_words()) is found in the pupil's name,
 * UPN, class or need (code or name), ignoring case; no words match everyone. */
gboolean
sp_pupil_matches_words (SpPupil            *self,
                        const gchar *const *words)
{
  g_return_val_if_fail (SP_IS_PUPIL (self), FALSE);

  if (words == NULL || words[0] == NULL)
    return TRUE;

  if (self->search_key == NULL)
    {
      g_autofree gchar *joined =
        g_strjoin (" ", self->forename ? self->forename : "", self->surname ? self->surname : "",
                   self->upn ? self->upn : "", self->class_name ? self->class_name : "",
                   self->primary_need ? self->primary_need : "",
                   self->primary_need && sp_need_name (self->primary_need)
                     ? sp_need_name (self->primary_need) : "",
                   NULL);
      self->search_key = g_utf8_casefold (joined, -1);
    }

  for (guint i = 0; words[i]; i++)
    if (strstr (self->search_key, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* TRUE when every word of @query is found in the pupil's name, UPN, class or need (code or
 * name), ignoring case; the empty query matches everyone. */
gboolean
sp_pupil_matches (SpPupil     *self,
                  const gchar *query)
{
  g_auto(GStrv) words = sp_pupil_query_words (query);

  return sp_pupil_matches_words (self, (const gchar * const *) words);
}

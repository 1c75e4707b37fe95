#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SP_TYPE_PUPIL (sp_pupil_get_type ())

G_DECLARE_FINAL_TYPE (SpPupil, sp_pupil, SP, PUPIL, GObject)

SpPupil      *sp_pupil_new                (void);
SpPupil      *sp_pupil_new_for_list       (gint64        id,
                                           const gchar  *upn,
                                           const gchar  *forename,
                                           const gchar  *surname,
                                           const gchar  *year_group,
                                           const gchar  *class_name,
                                           const gchar  *sen_status,
                                           const gchar  *primary_need,
                                           const gchar  *next_review);
gint64        sp_pupil_get_id             (SpPupil      *self);
void          sp_pupil_set_id             (SpPupil      *self,
                                           gint64        id);
const gchar  *sp_pupil_get_text           (SpPupil      *self,
                                           const gchar  *property);
void          sp_pupil_set_text           (SpPupil      *self,
                                           const gchar  *property,
                                           const gchar  *value);
gchar        *sp_pupil_dup_display_name   (SpPupil      *self);
gchar        *sp_pupil_dup_summary        (SpPupil      *self);
const gchar  *sp_pupil_peek_display_name  (SpPupil      *self);
const gchar  *sp_pupil_peek_summary       (SpPupil      *self);
gboolean      sp_pupil_matches            (SpPupil      *self,
                                           const gchar  *query);
gchar       **sp_pupil_query_words        (const gchar  *query);
gboolean      sp_pupil_matches_words      (SpPupil      *self,
                                           const gchar *const *words);

G_END_DECLS

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_PUPIL_ROW (sp_pupil_row_get_type ())

G_DECLARE_FINAL_TYPE (SpPupilRow, sp_pupil_row, SP, PUPIL_ROW, GtkWidget)

GtkWidget *sp_pupil_row_new       (void);
void       sp_pupil_row_set_texts (SpPupilRow  *self,
                                   const gchar *name,
                                   const gchar *summary);
const gchar *sp_pupil_row_get_name    (SpPupilRow  *self);
const gchar *sp_pupil_row_get_summary (SpPupilRow  *self);

G_END_DECLS

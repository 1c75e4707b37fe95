#pragma once

#include <gtk/gtk.h>

#include "sp-saver.h"

G_BEGIN_DECLS

#define SP_AUTOSAVE_DELAY_MS 400

#define SP_TYPE_AUTOSAVE (sp_autosave_get_type ())

G_DECLARE_FINAL_TYPE (SpAutosave, sp_autosave, SP, AUTOSAVE, GObject)

/* Called on a page once the teacher has chosen (sp_autosave_ask_changed_elsewhere). */
typedef void (*SpAutosaveChosen) (gpointer page);

SpAutosave *sp_autosave_new               (SpStore        *store,
                                           SpSaver        *saver);
void        sp_autosave_set_revision      (SpAutosave     *self,
                                           const gchar    *table,
                                           gint64          id,
                                           gint64          revision);
void        sp_autosave_watch_editable    (SpAutosave     *self,
                                           GtkEditable    *editable,
                                           SpField         field,
                                           gint64          id);
void        sp_autosave_watch_buffer      (SpAutosave     *self,
                                           GtkTextBuffer  *buffer,
                                           SpField         field,
                                           gint64          id);
void        sp_autosave_watch_date        (SpAutosave     *self,
                                           GtkEditable    *editable,
                                           SpField         field,
                                           gint64          id);
void        sp_autosave_save_provision    (SpAutosave     *self,
                                           gint64          id,
                                           const SpProvisionSpec *spec,
                                           GObject        *owner,
                                           SpSaverDone     done,
                                           gpointer        user_data);
void        sp_autosave_save_now          (SpAutosave     *self,
                                           SpField         field,
                                           gint64          id,
                                           const gchar    *text);
void        sp_autosave_save_once         (SpAutosave     *self,
                                           SpField         field,
                                           gint64          id,
                                           const gchar    *text,
                                           GObject        *owner,
                                           SpSaverDone     done,
                                           gpointer        user_data);
void        sp_autosave_flush             (SpAutosave     *self);
gboolean    sp_autosave_error_is_kept     (const GError   *error);
void         sp_autosave_note_base        (SpAutosave     *self,
                                           SpField         field,
                                           gint64          id,
                                           const gchar    *text);
const gchar *sp_autosave_get_saved        (SpAutosave     *self,
                                           SpField         field,
                                           gint64          id);
const gchar *sp_autosave_get_kept         (SpAutosave     *self,
                                           SpField         field,
                                           gint64          id);
const SpProvisionSpec *sp_autosave_get_kept_provision (SpAutosave *self,
                                                       gint64      id);
void        sp_autosave_forget            (SpAutosave     *self);
void        sp_autosave_show_text         (GtkEditable    *editable,
                                           const gchar    *text);
void        sp_autosave_show_buffer_text  (GtkTextBuffer  *buffer,
                                           const gchar    *text);

gchar      *sp_date_from_user             (const gchar    *text);
gchar      *sp_date_to_user               (const gchar    *iso);

void        sp_autosave_ask_changed_elsewhere (SpAutosave       *self,
                                               GtkWidget        *page,
                                               const gchar      *heading,
                                               SpField           field,
                                               gint64            id,
                                               const gchar      *theirs,
                                               const gchar      *mine,
                                               SpAutosaveChosen  chosen);

G_END_DECLS

#pragma once

#include <adwaita.h>

#include "sp-saver.h"

G_BEGIN_DECLS

/* The bar under the window's header that says, until it is dealt with, that some typing
 * could not be saved (SpSaver:problem), with a Try Again button; and the question asked
 * before a window with such typing closes. */

#define SP_TYPE_SAVE_BANNER (sp_save_banner_get_type ())

G_DECLARE_FINAL_TYPE (SpSaveBanner, sp_save_banner, SP, SAVE_BANNER, AdwBin)

void         sp_save_banner_set_saver           (SpSaveBanner *self,
                                                 SpSaver      *saver);
void         sp_save_banner_retry               (SpSaveBanner *self);
void         sp_save_banner_ask_before_closing  (SpSaveBanner *self);
void         sp_save_banner_set_in_view         (SpSaveBanner *self,
                                                 gboolean      in_view);
gboolean     sp_save_banner_get_in_view         (SpSaveBanner *self);
gboolean     sp_save_banner_get_shown           (SpSaveBanner *self);
const gchar *sp_save_banner_get_title           (SpSaveBanner *self);
const gchar *sp_save_banner_get_message         (SpSaveBanner *self);

G_END_DECLS

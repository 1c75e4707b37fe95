#pragma once

#include <adwaita.h>

#include "sp-saver.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_PUPIL_PAGE (sp_pupil_page_get_type ())

G_DECLARE_FINAL_TYPE (SpPupilPage, sp_pupil_page, SP, PUPIL_PAGE, AdwBin)

void    sp_pupil_page_show       (SpPupilPage  *self,
                                  SpStore      *store,
                                  SpSaver      *saver,
                                  gint64        pupil_id);
void    sp_pupil_page_flush      (SpPupilPage  *self);
gint64  sp_pupil_page_get_pupil  (SpPupilPage  *self);

G_END_DECLS

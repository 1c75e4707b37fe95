#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_PUPIL_PAGE (sp_pupil_page_get_type ())

G_DECLARE_FINAL_TYPE (SpPupilPage, sp_pupil_page, SP, PUPIL_PAGE, AdwBin)

void  sp_pupil_page_show  (SpPupilPage  *self,
                           SpStore      *store,
                           gint64        pupil_id);

G_END_DECLS

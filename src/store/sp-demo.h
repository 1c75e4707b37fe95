#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

gboolean  sp_demo_fill  (SpStore      *store,
                         guint         n_pupils,
                         const GDate  *today,
                         GError      **error);

G_END_DECLS

#pragma once

#include <gtk/gtk.h>

#include "sp-record.h"

G_BEGIN_DECLS

gboolean    sp_measure_chart_has_data  (const SpReviewRecord *review);
GtkWidget  *sp_measure_chart_new       (const SpReviewRecord *review);

G_END_DECLS

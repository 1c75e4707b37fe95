#pragma once

#include <gtk/gtk.h>

#include "sp-doc.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* Printing and "Save as PDF" of a pupil's printed copies. @kind is "parent" (the plan for
 * parents), "review" (the latest review record) or "agency" (the whole record). Both draw the
 * same pages with the same code (src/export/sp-layout.c), so paper and PDF match page for
 * page. Problems (a pupil with no plan yet, a printer or disk error) are told in a dialog over
 * @parent. */
void  sp_print_document  (GtkWindow    *parent,
                          SpStore      *store,
                          gint64        pupil_id,
                          const gchar  *kind);
void  sp_print_save_pdf  (GtkWindow    *parent,
                          SpStore      *store,
                          gint64        pupil_id,
                          const gchar  *kind);

/* The print operation for @doc (A4, full page, in points, @doc laid out once), ready to run;
 * sp_print_document() runs it with the print dialog, a test with ACTION_EXPORT. */
GtkPrintOperation *sp_print_operation_new (const SpDoc *doc);

G_END_DECLS

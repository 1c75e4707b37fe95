#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* The school's money settings: the notional SEN threshold and the hourly rate of each role
 * (with on-costs) that provision is costed at. Each change is saved at once, with its
 * revision (sp_store_set_threshold, sp_store_set_role_rate); provision already saved keeps
 * the cost it was saved with, and the window says so. */

#define SP_TYPE_PREFERENCES_WINDOW (sp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, SP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWindow  *sp_preferences_window_new  (GtkWindow *parent,
                                        SpStore   *store);

G_END_DECLS

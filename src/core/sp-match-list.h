#pragma once

#include <gio/gio.h>

#include "sp-pupil.h"

G_BEGIN_DECLS

#define SP_TYPE_MATCH_LIST (sp_match_list_get_type ())

G_DECLARE_FINAL_TYPE (SpMatchList, sp_match_list, SP, MATCH_LIST, GObject)

SpMatchList  *sp_match_list_new         (void);
void          sp_match_list_set_pupils  (SpMatchList  *self,
                                         GListModel   *pupils);
void          sp_match_list_set_query   (SpMatchList  *self,
                                         const gchar  *query);
const gchar  *sp_match_list_get_query   (SpMatchList  *self);
guint         sp_match_list_get_n_all   (SpMatchList  *self);
SpPupil      *sp_match_list_peek        (SpMatchList  *self,
                                         guint         position);

G_END_DECLS

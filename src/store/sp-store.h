#pragma once

#include <gio/gio.h>

#include "sp-plan.h"
#include "sp-provision.h"
#include "sp-pupil.h"
#include "sp-record.h"

G_BEGIN_DECLS

#define SP_STORE_ERROR (sp_store_error_quark ())

/* Each code is something a teacher can be told in a sentence (the GError's message is that
 * sentence); none of them carries SQLite's own wording. */
typedef enum
{
  SP_STORE_ERROR_FAILED,
  SP_STORE_ERROR_NO_FOLDER,
  SP_STORE_ERROR_NOT_FOUND,
  SP_STORE_ERROR_UNREADABLE,
  SP_STORE_ERROR_NOT_DATABASE,
  SP_STORE_ERROR_FOREIGN,
  SP_STORE_ERROR_CORRUPT,
  SP_STORE_ERROR_READ_ONLY,
  SP_STORE_ERROR_TOO_NEW,
  SP_STORE_ERROR_NETWORK_FS,
  SP_STORE_ERROR_BUSY,
  SP_STORE_ERROR_DISK_FULL,
  SP_STORE_ERROR_TOO_MANY_TARGETS,
  SP_STORE_ERROR_DUPLICATE,
  SP_STORE_ERROR_INVALID,
  SP_STORE_ERROR_STALE,
  SP_STORE_ERROR_NO_SUCH_ROW,
  SP_STORE_ERROR_REVIEWED,          /* the plan is reviewed, so read-only (sp-store-review.h) */
} SpStoreError;

typedef enum
{
  SP_STORE_OPEN_DEFAULT   = 0,
  SP_STORE_OPEN_NO_CREATE = 1 << 0,
  /* A second connection to a file this process has just opened and checked: the quick_check
   * is not repeated (it reads the whole file). The identity and version are still checked. */
  SP_STORE_OPEN_CHECKED   = 1 << 1,
  /* The window's own connection: the quick_check (about 0.1 s for a large school) is left to
   * the caller, who runs sp_store_quick_check() on a second connection in a thread and stops
   * using the store if it fails. When the file needs migrating it is checked first anyway. */
  SP_STORE_OPEN_CHECK_LATER = 1 << 2,
} SpStoreOpenFlags;

typedef struct
{
  guint pupils;
  guint plans;
  guint targets;
  guint strategies;
  guint provision;
  guint reviews;
  guint annotations;
  guint parent_meetings;
} SpStoreCounts;

#define SP_STORE_SCHEMA_VERSION 5

#define SP_TYPE_STORE (sp_store_get_type ())

G_DECLARE_FINAL_TYPE (SpStore, sp_store, SP, STORE, GObject)

GQuark        sp_store_error_quark          (void);
gchar        *sp_store_default_path         (GError          **error);
gboolean      sp_store_fs_is_network        (gint64            f_type);
SpStore      *sp_store_open                 (const gchar      *path,
                                             SpStoreOpenFlags  flags,
                                             GError          **error);
const gchar  *sp_store_get_path             (SpStore          *self);
gboolean      sp_store_quick_check          (SpStore          *self,
                                             GError          **error);
gint          sp_store_get_schema_version   (SpStore          *self);

gboolean      sp_store_begin                (SpStore          *self,
                                             GError          **error);
gboolean      sp_store_commit               (SpStore          *self,
                                             GError          **error);
void          sp_store_rollback             (SpStore          *self);

gboolean      sp_store_check                (SpStore          *self,
                                             SpStoreCounts    *counts,
                                             GError          **error);
gboolean      sp_store_count                (SpStore          *self,
                                             SpStoreCounts    *counts,
                                             GError          **error);

/* Reads */
GListModel   *sp_store_list_pupils          (SpStore          *self,
                                             GError          **error);
SpPupil      *sp_store_get_pupil            (SpStore          *self,
                                             gint64            pupil_id,
                                             GError          **error);
GStrv         sp_store_get_pupil_needs      (SpStore          *self,
                                             gint64            pupil_id,
                                             GError          **error);
GListModel   *sp_store_list_plans           (SpStore          *self,
                                             gint64            pupil_id,
                                             GError          **error);
gchar        *sp_store_get_school_name      (SpStore          *self);
gint64        sp_store_get_role_rate        (SpStore          *self,
                                             const gchar      *role,
                                             GError          **error);

/* Writes: each is one transaction of its own, or part of the one begun with sp_store_begin(). */
gboolean      sp_store_set_school           (SpStore          *self,
                                             const gchar      *name,
                                             const gchar      *la_number,
                                             const gchar      *establishment,
                                             const gchar      *senco_name,
                                             GError          **error);
gint64        sp_store_add_staff            (SpStore          *self,
                                             const gchar      *name,
                                             const gchar      *role,
                                             GError          **error);
gint64        sp_store_add_pupil            (SpStore          *self,
                                             SpPupil          *pupil,
                                             GError          **error);
gboolean      sp_store_add_pupil_need       (SpStore          *self,
                                             gint64            pupil_id,
                                             const gchar      *need_code,
                                             guint             rank,
                                             GError          **error);
gint64        sp_store_add_contact          (SpStore          *self,
                                             gint64            pupil_id,
                                             const gchar      *name,
                                             const gchar      *relationship,
                                             const gchar      *phone,
                                             const gchar      *email,
                                             const gchar      *preferred_method,
                                             GError          **error);
gint64        sp_store_add_plan             (SpStore          *self,
                                             gint64            pupil_id,
                                             SpPlan           *plan,
                                             gint64            written_by,
                                             GError          **error);
gint64        sp_store_add_target           (SpStore          *self,
                                             gint64            plan_id,
                                             const gchar      *area,
                                             const gchar      *description,
                                             const gchar      *baseline,
                                             const gchar      *success_criteria,
                                             GError          **error);
gint64        sp_store_add_strategy         (SpStore          *self,
                                             gint64            target_id,
                                             const gchar      *description,
                                             GError          **error);
gint64        sp_store_add_provision        (SpStore          *self,
                                             gint64            plan_id,
                                             const SpProvisionSpec *spec,
                                             GError          **error);
gint64        sp_store_add_review           (SpStore          *self,
                                             gint64            plan_id,
                                             const gchar      *review_date,
                                             const gchar      *attendees,
                                             const gchar      *parent_views,
                                             const gchar      *pupil_views,
                                             const gchar      *next_steps,
                                             const gchar      *decision,
                                             GError          **error);
gboolean      sp_store_add_review_outcome   (SpStore          *self,
                                             gint64            review_id,
                                             gint64            target_id,
                                             const gchar      *outcome,
                                             const gchar      *evidence,
                                             GError          **error);
gint64        sp_store_add_annotation       (SpStore          *self,
                                             gint64            plan_id,
                                             gint64            target_id,
                                             const gchar      *note_date,
                                             gint64            author_id,
                                             const gchar      *text,
                                             GError          **error);
gint64        sp_store_add_meeting          (SpStore          *self,
                                             gint64            pupil_id,
                                             const gchar      *meeting_date,
                                             const gchar      *method,
                                             const gchar      *attendees,
                                             gint64            review_id,
                                             GError          **error);
gboolean      sp_store_update_target_text   (SpStore          *self,
                                             gint64            target_id,
                                             gint64            revision,
                                             const gchar      *description,
                                             gint64           *new_revision,
                                             GError          **error);
gchar        *sp_store_get_target_text      (SpStore          *self,
                                             gint64            target_id,
                                             gint64           *revision,
                                             GError          **error);

/* Whole records, for printing and exchange (sp-store-record.c) */
gint64          sp_store_find_pupil_by_upn  (SpStore          *self,
                                             const gchar      *upn,
                                             GError          **error);
GArray         *sp_store_list_pupil_ids     (SpStore          *self,
                                             GError          **error);
SpPupilRecord  *sp_store_load_record        (SpStore          *self,
                                             gint64            pupil_id,
                                             GError          **error);
SpPlanRecord   *sp_store_load_plan          (SpStore          *self,
                                             gint64            plan_id,
                                             GError          **error);
SpSchoolRecord *sp_store_load_school        (SpStore          *self,
                                             GError          **error);

G_END_DECLS

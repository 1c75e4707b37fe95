#pragma once

/* The SENCO's view of the whole school: the SEN register, the provision map with each pupil's
 * yearly cost against the notional SEN threshold, "what works" (provision against progress),
 * and the settings behind the money (hourly rates per role, the threshold).
 *
 * THE SCHOOL YEAR is the one containing @today: 1 September to 31 August
 * (sp_school_year_start/_end in sp-review-rules.h).
 *
 * A PUPIL'S YEARLY PROVISION COST is the cost of the provision delivered in the school year:
 * for every provision row of a plan that is not a draft (active, reviewed or archived: agreed
 * provision; a draft is the next cycle proposed at a review, not yet agreed), the row runs
 * from its own start date (or its plan's, when it has none) for weeks x 7 days, and
 *
 *     cost in the year = cost_pence x (its days inside the school year) / (weeks x 7)
 *
 * rounded to the nearest penny (half up), row by row, then summed. cost_pence is the cost of
 * the whole row for all its weeks (sp_provision_cost_pence: hourly rate x hours a week x
 * weeks / group size), so a row wholly inside the year counts in full, a row that runs from
 * July into September counts for its September days only, and the parts of one row in two
 * school years add up to its cost (give or take a penny of rounding). The row's end date is
 * not used: its weeks are what it is costed on.
 *
 * Against the threshold (school.notional_threshold_pence, £6,000 unless changed): OVER when
 * the cost is more than the threshold (a candidate for high-needs top-up funding), NEAR when
 * it is at least 90% of the threshold but not over it.
 *
 * AN INTERVENTION is every provision row with the same description (compared ignoring case
 * and outer spaces) delivered by the same role.
 *
 * Everything here reads; the two writes at the end are each one transaction with revisions. */

#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_COST_WITHIN,
  SP_COST_NEAR,
  SP_COST_OVER,
} SpCostBand;

SpCostBand  sp_cost_band                     (gint64        cost_pence,
                                              gint64        threshold_pence);

/* ---- the SEN register ------------------------------------------------------------------ */

/* One pupil with status K (SEN support) or E (EHC plan). */
typedef struct
{
  gint64  pupil_id;
  gchar  *upn;                 /* "" when none */
  gchar  *forename;
  gchar  *surname;
  gchar  *year_group;          /* "R", "1" .. */
  gchar  *class_name;
  gchar  *sen_status;          /* K or E */
  gchar  *primary_need;        /* census code of rank 1, or "" when none is recorded */
  gchar  *needs;               /* every code, most important first, comma-separated */
  gchar  *area;                /* area key of the primary need ("communication"...), or "" */
  gchar  *plan_status;         /* the newest plan's status, or "" when the pupil has no plan */
  gchar  *next_review;         /* the earliest review date of an active plan, or "" */
  guint   reviews;             /* completed, not reopened, reviews dated this school year
                                  up to and including today */
  guint   meetings;            /* parent meetings this school year up to and including today */
  gint64  cost_pence;          /* yearly provision cost (see above) */
} SpRegisterRow;

void        sp_register_row_free             (gpointer      row);

/* Every pupil with status K or E, by surname and forename: a GPtrArray of SpRegisterRow. */
GPtrArray  *sp_store_list_register           (SpStore      *self,
                                              const GDate  *today,
                                              GError      **error);

/* Counts of @rows (SpRegisterRow) by primary need code ("" for none recorded) and by area key
 * of the primary need ("" for none): tables of gchar * -> GUINT_TO_POINTER (count). */
GHashTable *sp_register_count_by_need        (GPtrArray    *rows);
GHashTable *sp_register_count_by_area        (GPtrArray    *rows);

/* The yearly provision cost of one pupil (as above); -1 with @error on failure. */
gint64      sp_store_pupil_year_cost         (SpStore      *self,
                                              gint64        pupil_id,
                                              const GDate  *today,
                                              GError      **error);

/* ---- the provision map ----------------------------------------------------------------- */

typedef struct
{
  gint64  pupil_id;
  gchar  *upn;
  gchar  *forename;
  gchar  *surname;
  gchar  *class_name;
  gchar  *year_group;
  gchar  *sen_status;
  gchar  *primary_need;        /* "" when none */
  gint64  cost_pence;          /* this intervention (or, in SpProvisionMap.pupils, all of
                                  them) for this pupil in the school year */
} SpMapPupil;

typedef struct
{
  gchar     *description;      /* as written on the newest row */
  gchar     *role;             /* key of role_rates */
  gchar     *role_label;       /* "Teaching assistant" */
  gchar     *staff;            /* named staff who deliver it, comma-separated, or "" */
  gchar     *area;             /* area key: the rows' own area, else the first pupil's primary
                                  need's area; "" when neither is known */
  guint      sessions_per_week;/* of the newest row */
  guint      minutes;          /* of the newest row */
  guint      group_size;       /* of the newest row */
  gdouble    staff_hours;      /* a week: for each pupil's newest row, sessions x minutes / 60
                                  / group size, summed (the staff time the pupils take) */
  gint64     cost_pence;       /* its rows' cost in the school year */
  GPtrArray *pupils;           /* SpMapPupil, by surname */
} SpIntervention;

typedef struct
{
  gint64     threshold_pence;
  gchar     *year_start;       /* YYYY-MM-DD, 1 September */
  gchar     *year_end;         /* YYYY-MM-DD, 31 August */
  GPtrArray *interventions;    /* SpIntervention, by area (communication, cognition, semh,
                                  sensory, none, "") then description */
  GPtrArray *pupils;           /* SpMapPupil with the pupil's total yearly cost, every pupil
                                  with a cost above 0, highest cost first */
  gint64     total_pence;      /* all provision's cost in the school year */
  gdouble    total_staff_hours;
} SpProvisionMap;

void            sp_provision_map_free        (SpProvisionMap *map);
SpProvisionMap *sp_store_load_provision_map  (SpStore        *self,
                                              const GDate    *today,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpProvisionMap, sp_provision_map_free)

/* ---- what works -------------------------------------------------------------------------
 *
 * Counted over every completed, not reopened, review in the database (all years): each
 * review outcome of a target is one outcome. An outcome counts for an intervention when the
 * plan it was reviewed on had that intervention among its provision; for a need type by the
 * pupil's primary need now; for a year group by the pupil's year group now. SHARE ACHIEVED is
 * achieved outcomes / all outcomes ("partly" is not achieved). The means of the measures are
 * over outcomes with both a before and an after measure; unit is set when all of them share
 * it. */

typedef struct
{
  gint64   pupil_id;
  gchar   *name;               /* "Forename Surname" */
  gchar   *review_date;
  gchar   *outcome;            /* achieved, partly, not_achieved */
  gdouble  before;
  gdouble  after;
  gchar   *unit;
} SpMeasureRow;

typedef struct
{
  gchar     *key;              /* intervention: description|role; need code; year group */
  gchar     *label;            /* for people */
  guint      pupils;
  guint      outcomes;
  guint      achieved;
  guint      partly;
  guint      not_achieved;
  guint      measured;
  gdouble    mean_before;
  gdouble    mean_after;
  gchar     *unit;             /* "" when none or mixed */
  GPtrArray *measures;         /* SpMeasureRow (interventions only; empty for cohorts), by date */
} SpEffect;

/* A pupil for the SENCO's attention: at their LAST TWO completed reviews, half or more of
 * the targets were judged not achieved at each. */
typedef struct
{
  gint64  pupil_id;
  gchar  *upn;
  gchar  *name;
  gchar  *class_name;
  gchar  *first_review;        /* the earlier of the two */
  gchar  *last_review;
  guint   not_achieved_first;
  guint   targets_first;
  guint   not_achieved_last;
  guint   targets_last;
} SpStuckPupil;

typedef struct
{
  GPtrArray *interventions;    /* SpEffect, most outcomes first */
  GPtrArray *by_need;          /* SpEffect, by need code as in sp_need_types() */
  GPtrArray *by_year;          /* SpEffect, by year group */
  GPtrArray *stuck;            /* SpStuckPupil, by surname */
} SpWhatWorks;

gdouble         sp_effect_share_achieved     (const SpEffect *effect);
void            sp_what_works_free           (SpWhatWorks    *works);
SpWhatWorks    *sp_store_load_what_works     (SpStore        *self,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpWhatWorks, sp_what_works_free)

/* ---- settings -------------------------------------------------------------------------- */

typedef struct
{
  gchar  *role;
  gchar  *label;
  gint64  hourly_rate_pence;
  gint64  revision;
} SpRoleRate;

void        sp_role_rate_free                (gpointer      rate);
/* Every role, in the order of the schema (teacher, senco, hlta, ta, specialist, other). */
GPtrArray  *sp_store_list_role_rate_rows     (SpStore      *self,
                                              GError      **error);
/* Changes one role's hourly rate (0 to £1,000.00) if its revision is still @revision; else
 * SP_STORE_ERROR_STALE. Provision already stored keeps the cost it was saved with: only
 * provision added or edited from now on is costed at the new rate. */
gboolean    sp_store_set_role_rate           (SpStore      *self,
                                              const gchar  *role,
                                              gint64        revision,
                                              gint64        hourly_rate_pence,
                                              gint64       *new_revision,
                                              GError      **error);
gint64      sp_store_get_threshold           (SpStore      *self,
                                              gint64       *revision,
                                              GError      **error);
gboolean    sp_store_set_threshold           (SpStore      *self,
                                              gint64        revision,
                                              gint64        threshold_pence,
                                              gint64       *new_revision,
                                              GError      **error);

G_END_DECLS

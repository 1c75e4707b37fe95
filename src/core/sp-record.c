/* sp-record.c: allocation and freeing of the plain record structs (see sp-record.h). */
#include "config.h"

#include "sp-record.h"

SpPupilRecord *
sp_pupil_record_new (void)
{
  SpPupilRecord *r = g_new0 (SpPupilRecord, 1);

  r->contacts = g_ptr_array_new_with_free_func (sp_contact_record_free);
  r->plans = g_ptr_array_new_with_free_func (sp_plan_record_free);
  r->meetings = g_ptr_array_new_with_free_func (sp_meeting_record_free);
  return r;
}

void
sp_pupil_record_free (SpPupilRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->upn);
  g_free (r->forename);
  g_free (r->surname);
  g_free (r->date_of_birth);
  g_free (r->sex);
  g_free (r->year_group);
  g_free (r->class_name);
  g_free (r->sen_status);
  g_free (r->strengths);
  g_free (r->likes);
  g_free (r->dislikes);
  g_free (r->anxieties);
  g_free (r->what_helps);
  g_strfreev (r->needs);
  g_ptr_array_unref (r->contacts);
  g_ptr_array_unref (r->plans);
  g_ptr_array_unref (r->meetings);
  g_free (r);
}

SpPlanRecord *
sp_plan_record_new (void)
{
  SpPlanRecord *r = g_new0 (SpPlanRecord, 1);

  r->targets = g_ptr_array_new_with_free_func (sp_target_record_free);
  r->provision = g_ptr_array_new_with_free_func (sp_provision_record_free);
  r->reviews = g_ptr_array_new_with_free_func (sp_review_record_free);
  r->annotations = g_ptr_array_new_with_free_func (sp_annotation_record_free);
  return r;
}

void
sp_plan_record_free (gpointer data)
{
  SpPlanRecord *r = data;

  if (r == NULL)
    return;
  g_free (r->start_date);
  g_free (r->review_date);
  g_free (r->status);
  g_free (r->areas);
  g_free (r->written_by);
  g_free (r->parent_contribution);
  g_free (r->pupil_likes);
  g_free (r->pupil_finds_hard);
  g_free (r->pupil_helps);
  g_free (r->pupil_worries);
  g_free (r->views_date);
  g_free (r->views_how);
  g_ptr_array_unref (r->targets);
  g_ptr_array_unref (r->provision);
  g_ptr_array_unref (r->reviews);
  g_ptr_array_unref (r->annotations);
  g_free (r);
}

SpTargetRecord *
sp_target_record_new (void)
{
  SpTargetRecord *r = g_new0 (SpTargetRecord, 1);

  r->strategies = g_ptr_array_new_with_free_func (sp_strategy_record_free);
  return r;
}

void
sp_target_record_free (gpointer data)
{
  SpTargetRecord *r = data;

  if (r == NULL)
    return;
  g_free (r->area);
  g_free (r->description);
  g_free (r->baseline);
  g_free (r->success_criteria);
  g_ptr_array_unref (r->strategies);
  g_free (r);
}

SpReviewRecord *
sp_review_record_new (void)
{
  SpReviewRecord *r = g_new0 (SpReviewRecord, 1);

  r->outcomes = g_ptr_array_new_with_free_func (sp_outcome_record_free);
  return r;
}

void
sp_review_record_free (gpointer data)
{
  SpReviewRecord *r = data;

  if (r == NULL)
    return;
  g_free (r->review_date);
  g_free (r->attendees);
  g_free (r->parent_views);
  g_free (r->pupil_views);
  g_free (r->next_steps);
  g_free (r->decision);
  g_free (r->completed_at);
  g_free (r->reopened_at);
  g_free (r->reopen_reason);
  g_ptr_array_unref (r->outcomes);
  g_free (r);
}

void
sp_contact_record_free (gpointer data)
{
  SpContactRecord *r = data;

  if (r == NULL)
    return;
  g_free (r->name);
  g_free (r->relationship);
  g_free (r->phone);
  g_free (r->email);
  g_free (r->address);
  g_free (r->preferred_method);
  g_free (r);
}

void
sp_strategy_record_free (gpointer data)
{
  SpStrategyRecord *r = data;

  if (r == NULL)
    return;
  g_free (r->description);
  g_free (r);
}

void
sp_provision_record_free (gpointer data)
{
  SpProvisionRecord *r = data;

  if (r == NULL)
    return;
  g_free (r->description);
  g_free (r->area);
  g_free (r->role);
  g_free (r->role_label);
  g_free (r->staff_name);
  g_free (r->start_date);
  g_free (r->end_date);
  g_free (r);
}

void
sp_outcome_record_free (gpointer data)
{
  SpOutcomeRecord *r = data;

  if (r == NULL)
    return;
  g_free (r->outcome);
  g_free (r->evidence);
  g_free (r->measure_unit);
  g_free (r);
}

void
sp_annotation_record_free (gpointer data)
{
  SpAnnotationRecord *r = data;

  if (r == NULL)
    return;
  g_free (r->note_date);
  g_free (r->author);
  g_free (r->text);
  g_free (r);
}

void
sp_meeting_record_free (gpointer data)
{
  SpMeetingRecord *r = data;

  if (r == NULL)
    return;
  g_free (r->meeting_date);
  g_free (r->method);
  g_free (r->attendees);
  g_free (r->notes);
  g_free (r);
}

SpSchoolRecord *
sp_school_record_new (void)
{
  return g_new0 (SpSchoolRecord, 1);
}

void
sp_school_record_free (SpSchoolRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->name);
  g_free (r->la_number);
  g_free (r->establishment);
  g_free (r->address);
  g_free (r->phone);
  g_free (r->email);
  g_free (r->senco_name);
  g_free (r);
}

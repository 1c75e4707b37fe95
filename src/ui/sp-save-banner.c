/* sp-save-banner.c: says that some typing could not be saved, and keeps saying it.
 *
 * A save that fails for a reason that can pass (a full disk above all) is kept by the
 * autosave, which tells the window's SpSaver; the saver's "problem" is then the store's
 * sentence ("Could not save the target because the disk is full. Everything saved before is
 * safe; free some space and carry on."). This bar shows it under the header until the typing
 * is saved: one bar, however many saves fail, with no time limit, and a Try Again button. When
 * everything is saved again it goes, and a short toast says so.
 *
 * libadwaita 1.2 has no AdwBanner (1.3) and a toast with no time limit would hold back every
 * other toast behind it, so it is a revealer, styled as a warning (style.css, .save-banner).
 * To a screen reader it is an alert, named by its first line and described by the store's
 * sentence; the button is reached with Tab like any other, or Alt+G, and never takes the
 * keyboard away from the field being typed in.
 *
 * A window may hold two, following the same saver: one under the content's header and one
 * under the pupil list's, for a narrow window that shows the list alone (sp-window.c). The
 * window says which one is in view (SpSaveBanner:in-view); the other shows nothing and is
 * not there for a screen reader, so the alert is heard once. They share SpSaveBanner:retried,
 * so both say "Still not saved" after a Try Again on either. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-save-banner.h"

struct _SpSaveBanner
{
  AdwBin             parent_instance;

  SpSaver           *saver;
  gboolean           retried;     /* Try Again was chosen and did not help (yet) */
  gboolean           in_view;     /* its place is on screen: it may show */
  AdwMessageDialog  *dialog;      /* weak: the question before closing, while it shows */

  GtkRevealer       *revealer;    /* the bin's child: not a template child, or it would be
                                   * disposed twice (by the template and by AdwBin) */
  GtkWidget         *bar;
  GtkLabel          *title_label;
  GtkLabel          *message_label;
  GtkWidget         *retry_button;
};

G_DEFINE_FINAL_TYPE (SpSaveBanner, sp_save_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RETRIED,
  PROP_IN_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  KEEP_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update (SpSaveBanner *self);

static void
set_retried (SpSaveBanner *self,
             gboolean      retried)
{
  retried = !!retried;
  if (self->retried == retried)
    return;
  self->retried = retried;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRIED]);
}

static void
update (SpSaveBanner *self)
{
  const gchar *problem = self->saver != NULL ? sp_saver_get_problem (self->saver) : NULL;
  gboolean was_shown = gtk_revealer_get_reveal_child (self->revealer);

  if (problem != NULL)
    {
      gtk_label_set_text (self->title_label,
                          self->retried
                            ? _("Still not saved. What you typed is still here.")
                            : _("Your latest typing is not saved yet. It is still here."));
      gtk_label_set_text (self->message_label, problem);
    }
  /* Out of view it is hidden at once, for screen readers too; in view it slides in, and is
   * hidden once it has slid away (on_child_revealed). */
  if (!self->in_view)
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  else if (problem != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "banner.retry", problem != NULL);

  if (was_shown && problem == NULL)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      set_retried (self, FALSE);
      /* Only on screen: not when the window is going and its pages let go, nor from the
       * window's other banner, which is out of view. */
      if (overlay != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                     adw_toast_new (_("Saved. Everything you typed is safe "
                                                      "now.")));
    }
}

/* Sends again every save that failed, and waits for the answers: a retry on a full disk fails
 * at once, and one that works writes a few rows. */
void
sp_save_banner_retry (SpSaveBanner *self)
{
  g_return_if_fail (SP_IS_SAVE_BANNER (self));

  if (self->saver == NULL)
    return;
  sp_saver_retry (self->saver);
  sp_saver_settle (self->saver);
  if (sp_saver_get_problem (self->saver) != NULL)
    set_retried (self, TRUE);
}

static void
retry_action (GtkWidget   *widget,
              const gchar *action_name,
              GVariant    *parameter)
{
  sp_save_banner_retry (SP_SAVE_BANNER (widget));
}

typedef struct
{
  GWeakRef  banner;
  gboolean  retry;
} Answer;

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_weak_ref_clear (&answer->banner);
  g_free (answer);
}

static gboolean
act_on_answer (gpointer data)
{
  Answer *answer = data;
  g_autoptr(SpSaveBanner) self = g_weak_ref_get (&answer->banner);
  GtkRoot *window = self ? gtk_widget_get_root (GTK_WIDGET (self)) : NULL;

  if (!GTK_IS_WINDOW (window))
    return G_SOURCE_REMOVE;
  if (answer->retry)
    {
      sp_save_banner_retry (self);
      /* The window closes if that saved everything, and asks again if not. */
      gtk_window_close (GTK_WINDOW (window));
    }
  else
    gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

/* The window is closed once the question has finished closing: it is transient for it. */
static void
on_close_response (AdwMessageDialog *dialog,
                   const gchar      *response,
                   SpSaveBanner     *self)
{
  Answer *answer;

  g_clear_weak_pointer (&self->dialog);
  if (!g_str_equal (response, "close") && !g_str_equal (response, "retry"))
    {
      g_signal_emit (self, signals[KEEP_OPEN], 0);
      return;
    }
  answer = g_new0 (Answer, 1);
  g_weak_ref_init (&answer->banner, self);
  answer->retry = g_str_equal (response, "retry");
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, act_on_answer, answer, answer_free);
}

/* Asks, over the banner's window, whether to close it although some typing could not be
 * saved: Try Again (closing if that saves it), Close Anyway, or Keep Open (Escape). */
void
sp_save_banner_ask_before_closing (SpSaveBanner *self)
{
  GtkWindow *window;
  const gchar *problem;
  g_autofree gchar *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (SP_IS_SAVE_BANNER (self));

  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }
  window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  /* The window asked about comes to the front: Quit asks each window in turn. */
  gtk_window_present (window);
  problem = self->saver != NULL ? sp_saver_get_problem (self->saver) : NULL;
  body = g_strdup_printf ("%s\n\n%s", problem ? problem : "",
                          _("If you close now, the typing that was not saved will be lost."));
  dialog = adw_message_dialog_new (window,
                                   self->retried ? _("Still Not Saved")
                                                 : _("Some of Your Typing Has Not Been Saved"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Open"),
                                    "close", _("_Close Anyway"),
                                    "retry", _("_Try Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retry",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "retry");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  g_set_weak_pointer (&self->dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
sp_save_banner_set_saver (SpSaveBanner *self,
                          SpSaver      *saver)
{
  g_return_if_fail (SP_IS_SAVE_BANNER (self));

  if (self->saver != NULL)
    g_signal_handlers_disconnect_by_data (self->saver, self);
  g_set_object (&self->saver, saver);
  if (saver != NULL)
    g_signal_connect_object (saver, "notify::problem", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  update (self);
}

/* Whether the banner's place is on screen now: out of view it shows nothing and is hidden
 * from screen readers, whatever its saver says. */
void
sp_save_banner_set_in_view (SpSaveBanner *self,
                            gboolean      in_view)
{
  g_return_if_fail (SP_IS_SAVE_BANNER (self));

  in_view = !!in_view;
  if (self->in_view == in_view)
    return;
  self->in_view = in_view;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_VIEW]);
}

gboolean
sp_save_banner_get_in_view (SpSaveBanner *self)
{
  g_return_val_if_fail (SP_IS_SAVE_BANNER (self), FALSE);
  return self->in_view;
}

gboolean
sp_save_banner_get_shown (SpSaveBanner *self)
{
  g_return_val_if_fail (SP_IS_SAVE_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

const gchar *
sp_save_banner_get_title (SpSaveBanner *self)
{
  g_return_val_if_fail (SP_IS_SAVE_BANNER (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const gchar *
sp_save_banner_get_message (SpSaveBanner *self)
{
  g_return_val_if_fail (SP_IS_SAVE_BANNER (self), NULL);
  return gtk_label_get_text (self->message_label);
}

static void
sp_save_banner_dispose (GObject *object)
{
  SpSaveBanner *self = SP_SAVE_BANNER (object);

  if (self->saver != NULL)
    g_signal_handlers_disconnect_by_data (self->saver, self);
  g_clear_object (&self->saver);
  g_clear_weak_pointer (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_SAVE_BANNER);
  G_OBJECT_CLASS (sp_save_banner_parent_class)->dispose (object);
}

static void
sp_save_banner_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SpSaveBanner *self = SP_SAVE_BANNER (object);

  switch (prop_id)
    {
    case PROP_RETRIED:
      g_value_set_boolean (value, self->retried);
      break;
    case PROP_IN_VIEW:
      g_value_set_boolean (value, self->in_view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_save_banner_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SpSaveBanner *self = SP_SAVE_BANNER (object);

  switch (prop_id)
    {
    case PROP_RETRIED:
      set_retried (self, g_value_get_boolean (value));
      break;
    case PROP_IN_VIEW:
      sp_save_banner_set_in_view (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_save_banner_class_init (SpSaveBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_save_banner_dispose;
  object_class->get_property = sp_save_banner_get_property;
  object_class->set_property = sp_save_banner_set_property;

  /* Try Again was chosen and did not help (yet): the bar and the question say "Still". */
  properties[PROP_RETRIED] =
    g_param_spec_boolean ("retried", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IN_VIEW] =
    g_param_spec_boolean ("in-view", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpSaveBanner::keep-open:
   *
   * Asked before closing (sp_save_banner_ask_before_closing()), the teacher chose to keep the
   * window open.
   */
  signals[KEEP_OPEN] = g_signal_new ("keep-open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/supportplans/SupportPlans/sp-save-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSaveBanner, bar);
  gtk_widget_class_bind_template_child (widget_class, SpSaveBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, SpSaveBanner, message_label);
  gtk_widget_class_bind_template_child (widget_class, SpSaveBanner, retry_button);

  gtk_widget_class_install_action (widget_class, "banner.retry", NULL, retry_action);
}

/* Hidden while there is nothing to say, once slid away: a revealer measures and styles its
 * hidden child (its labels, button and icon) in every frame, the window's first too. */
static void
on_child_revealed (SpSaveBanner *self)
{
  if (!gtk_revealer_get_reveal_child (self->revealer)
      && !gtk_revealer_get_child_revealed (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
sp_save_banner_init (SpSaveBanner *self)
{
  self->in_view = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->revealer = GTK_REVEALER (adw_bin_get_child (ADW_BIN (self)));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_swapped (self->revealer, "notify::child-revealed",
                            G_CALLBACK (on_child_revealed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "banner.retry", FALSE);
}

/* sp-demo.c: a made-up primary school, so a newcomer sees a real school at once and the
 * benchmarks have a large one. Every name is invented; the UPNs are valid but use local
 * authority number 999, which no authority has. The writing is what a SENCO would write. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-dates.h"
#include "sp-demo.h"
#include "sp-need.h"
#include "sp-store-edit.h"
#include "sp-upn.h"

typedef struct
{
  const gchar *description;
  const gchar *baseline;
  const gchar *success;
  const gchar *strategy_a;
  const gchar *strategy_b;
} DemoTarget;

typedef struct
{
  const gchar *need;
  DemoTarget   targets[4];
  const gchar *strengths;
  const gchar *likes;
  const gchar *dislikes;
  const gchar *anxieties;
  const gchar *what_helps;
  SpProvisionSpec provision[2];
} DemoProfile;

static const DemoProfile profiles[] = {
  { "SLCN",
    { { "Follow a two-part spoken instruction in class without a visual prompt.",
        "Follows one-part instructions; needs a picture prompt for two parts.",
        "Follows 4 out of 5 two-part instructions in class, observed over a week.",
        "Give instructions in the order they are to be done, with a pause between parts.",
        "Check understanding by asking the pupil to say back what they will do first." },
      { "Use 10 new topic words correctly when talking about the class topic.",
        "Uses 3 of the 15 topic words for Living Things when asked.",
        "Names and explains 10 topic words in a short conversation with an adult.",
        "Pre-teach 5 topic words each week with pictures in a 10-minute small group.",
        "Display the words with pictures on the pupil's table and use them in modelled talk." },
      { "Retell a short story in the right order using first, next, then and last.",
        "Retells 2 events of a familiar story, not in order.",
        "Retells a 4-event story in order, using at least 3 of the time words.",
        "Use a story map with 4 boxes during Talk Boost sessions.",
        "Model retelling with the time words, then fade the adult's prompts." },
      { "Ask an adult for help using a full sentence when stuck in a lesson.",
        "Waits without asking, or points, when stuck.",
        "Asks for help with a full sentence at least once in each maths lesson for 3 weeks.",
        "Give the pupil a sentence starter card: \"Can you help me with...\".",
        "Praise every spoken request straight away and specifically." } },
    "Kind to younger children; good at building models; remembers routines well.",
    "Lego, dinosaurs, helping in the garden.",
    "Loud assemblies, being asked to read aloud.",
    "Worries about being laughed at when they get words wrong.",
    "Pictures with instructions, extra time to answer, an adult who waits.",
    { { "Talk Boost small-group language sessions", "ta", "communication", 4, 3, 30, 10, NULL },
      { "Speech and language therapy programme delivered by TA", "ta", "communication", 1, 2, 20, 12, NULL } } },
  { "ASD",
    { { "Move from the carpet to the table when the timer ends, without adult prompting.",
        "Needs 2 to 3 adult prompts to move at each change of activity.",
        "Moves independently at 4 out of 5 changes in a day, on 3 days a week.",
        "Use a visual timetable at the pupil's table, updated at each change.",
        "Give a 2-minute warning with a sand timer before each change." },
      { "Take turns in a board game with one other pupil for 10 minutes.",
        "Plays alongside others; leaves the game when it is not their turn.",
        "Completes a 10-minute game with a partner, with one adult reminder at most.",
        "Lego-based therapy group twice a week with a clear turn-taking role.",
        "Use a 'my turn / your turn' card and praise waiting." },
      { "Use a calm-down card to ask for a break before becoming distressed.",
        "Leaves the room without saying, about 3 times a week.",
        "Uses the card on at least 3 occasions a week; leaving the room halves.",
        "Teach the card in a calm moment and practise with a trusted adult daily.",
        "Agree a safe space in the classroom with a beanbag and ear defenders." },
      { "Write 3 sentences about a chosen topic using a writing frame.",
        "Writes one sentence with adult scribing the rest.",
        "Writes 3 sentences independently with the frame, in 3 pieces of work.",
        "Offer topics from the pupil's interests (trains, space) as writing prompts.",
        "Provide a sentence frame and word bank on a card." } },
    "Excellent memory for facts; very good at spotting patterns in number.",
    "Trains, space, timetables, drawing maps.",
    "Unexpected changes, the noise of the dinner hall, itchy clothes.",
    "Worries when the day does not go as planned or a different adult teaches.",
    "Warning before changes, a quiet place to go, clear and short instructions.",
    { { "Lego-based therapy social skills group", "ta", "communication", 3, 2, 30, 12, NULL },
      { "Daily check-in and visual timetable set-up with key adult", "ta", "communication", 1, 5, 10, 38, NULL } } },
  { "SPLD",
    { { "Read the first 100 high-frequency words accurately.",
        "Reads 46 of the first 100 high-frequency words.",
        "Reads 85 of the 100 words on two checks a week apart.",
        "Precision teaching of 5 words at a time, 10 minutes daily.",
        "Send the week's words home on cards for practice with parents." },
      { "Spell CVC and CCVC words correctly in independent writing.",
        "Spells 4 out of 10 CVC words correctly in a dictation.",
        "Spells 8 out of 10 CVC and CCVC words in dictation and in 2 pieces of writing.",
        "Use sound buttons and phoneme frames in a daily phonics catch-up.",
        "Multi-sensory spelling: say, trace, write, check." },
      { "Use a word bank to find spellings independently when writing.",
        "Asks an adult for almost every spelling.",
        "Uses the word bank at least 5 times in a piece of writing without prompting.",
        "Give a personal word bank with pictures on the table.",
        "Model using the word bank during shared writing." },
      { "Read a book at book band orange with 95% accuracy.",
        "Reads at book band yellow with 90% accuracy.",
        "Reads an unseen book at book band orange with 95% accuracy on a running record.",
        "Read with an adult 4 times a week using the Reading Recovery approach.",
        "Pre-read difficult words before the pupil reads the book." } },
    "Thoughtful ideas in discussion; strong at practical science and art.",
    "Drawing, football, being a class helper.",
    "Reading aloud in front of the class, long pieces of writing.",
    "Worries about being 'not clever' because reading is hard.",
    "Coloured overlay, a word bank, writing frames, being asked to say what they know out loud.",
    { { "Precision teaching of high-frequency words", "ta", "cognition", 1, 5, 10, 12, NULL },
      { "Toe by Toe reading programme", "ta", "cognition", 1, 3, 20, 12, NULL } } },
  { "MLD",
    { { "Add two single-digit numbers using a number line without adult help.",
        "Adds within 5 with objects and adult support.",
        "Answers 8 out of 10 single-digit additions on a number line in two sessions.",
        "Numicon and number line activities in a daily 15-minute maths group.",
        "Use concrete objects first, then pictures, then the number line." },
      { "Tell the time to the half hour on an analogue clock.",
        "Reads o'clock times with support.",
        "Reads o'clock and half past times correctly 4 times out of 5.",
        "Practise with a teaching clock at the start of each day.",
        "Link times to the class timetable: 'at half past ten we go out'." },
      { "Write a sentence with a capital letter and a full stop.",
        "Writes strings of words without punctuation.",
        "Writes 3 sentences with capital letters and full stops in independent work.",
        "Model sentence writing with 'capital, finger space, full stop' prompts.",
        "Give a checklist card to tick after each sentence." },
      { "Recall number bonds to 10 quickly.",
        "Knows 3 of the 6 bonds to 10.",
        "Recalls all bonds to 10 within 3 seconds each on two checks.",
        "Play number bond games for 5 minutes daily with a partner.",
        "Send the bonds home as a game for parents to play." } },
    "Hard-working and keen to please; good at practical tasks and PE.",
    "Cooking, swimming, helping the caretaker.",
    "Being rushed, tests, long instructions.",
    "Worries about being moved to a different group from friends.",
    "Short tasks broken into steps, objects to count with, praise for effort.",
    { { "Numicon intervention group", "ta", "cognition", 4, 4, 15, 12, NULL },
      { "Daily reading with an adult", "ta", "cognition", 1, 5, 10, 38, NULL } } },
  { "SEMH",
    { { "Say how they feel using the zones of regulation when an adult asks.",
        "Says 'fine' or shrugs when asked; shows feelings through behaviour.",
        "Names their zone correctly at 4 of 5 daily check-ins for 3 weeks.",
        "Morning check-in with the key adult using a zones chart.",
        "Teach the zones through a weekly ELSA session." },
      { "Stay in the classroom for a whole lesson on 4 days out of 5.",
        "Leaves lessons about twice a day.",
        "Leaves no more than once a week, tracked on the class log for 4 weeks.",
        "Agree a 'time out' pass to use at the table instead of leaving.",
        "Seat the pupil near the door with a calm, trusted adult close by." },
      { "Use an agreed strategy (breathing, squeeze ball) when angry.",
        "Hits out or shouts when angry about 3 times a week.",
        "Uses a strategy on 3 observed occasions a week; incidents fall to one a week or fewer.",
        "Practise calming strategies daily when calm.",
        "Adults use the same words: 'Let's use your squeeze ball.'" },
      { "Join a playground game with peers at lunchtime.",
        "Plays alone or stays near adults at lunchtime.",
        "Joins a game on 3 lunchtimes a week, seen by lunchtime staff.",
        "Lunchtime club twice a week with 3 chosen peers.",
        "Teach two playground games in a small group." } },
    "Funny and creative; loves looking after animals; good at drawing.",
    "Animals, drawing comics, the class pet.",
    "Shouting, losing at games, being told off in front of others.",
    "Worries about home and about whether adults will stay calm.",
    "A calm adult, warning before changes, a job to do, being noticed for good things.",
    { { "ELSA emotional literacy sessions", "hlta", "semh", 1, 1, 45, 12, NULL },
      { "Lunchtime nurture club", "ta", "semh", 6, 2, 30, 12, NULL } } },
  { "HI",
    { { "Use the radio aid correctly and tell an adult when it is not working.",
        "Forgets to hand over the microphone; does not report faults.",
        "Sets up the radio aid with one reminder at most and reports faults, over 4 weeks.",
        "Daily radio aid check with a TA at the start of the morning.",
        "Give a visual checklist for setting up the radio aid." },
      { "Understand new topic vocabulary taught through pre-teaching.",
        "Knows 4 of 15 topic words at the start of a topic.",
        "Explains 12 of 15 words at the end of the topic.",
        "Pre-teach vocabulary with pictures the day before the lesson.",
        "Seat at the front with a clear view of the teacher's face." },
      { "Ask for repetition when they have not heard an instruction.",
        "Copies others instead of asking.",
        "Asks for repetition at least once a lesson, observed on 3 days.",
        "Agree a discreet signal to ask for repetition.",
        "Adults check understanding after giving instructions." },
      { "Take part in a group discussion of 4 pupils for 10 minutes.",
        "Stays quiet in group work.",
        "Contributes at least twice in a 10-minute group discussion, on 3 occasions.",
        "Use a talking object so only one pupil speaks at a time.",
        "Hold group work in a quieter room where possible." } },
    "Determined; very observant; good at maths.",
    "Swimming, Minecraft, art club.",
    "Noisy rooms, group work in the hall.",
    "Worries about missing what people say.",
    "Seeing the speaker's face, quiet rooms, subtitles on videos, the radio aid.",
    { { "Radio aid check and vocabulary pre-teaching", "ta", "sensory", 1, 5, 10, 38, NULL },
      { "Teacher of the Deaf advisory visit", "specialist", "sensory", 1, 1, 60, 3, NULL } } },
  { "PD",
    { { "Form letters correctly using the writing slope and pencil grip.",
        "Forms 10 of 26 lower-case letters correctly.",
        "Forms 22 of 26 letters correctly in a handwriting check.",
        "Daily 10-minute handwriting programme with a TA.",
        "Provide a writing slope and a triangular pencil grip." },
      { "Dress and undress for PE within 10 minutes.",
        "Takes 20 minutes and needs help with buttons.",
        "Changes within 10 minutes with help only for laces, on 3 PE days.",
        "Practise fastenings in a fine motor group.",
        "Ask parents to send PE kit with Velcro fastenings." },
      { "Use a laptop to write a paragraph of 5 sentences.",
        "Writes one sentence by hand in 10 minutes.",
        "Types 5 sentences in 15 minutes in two lessons.",
        "Touch-typing programme for 15 minutes, 3 times a week.",
        "Allow the laptop for all extended writing." },
      { "Move around the classroom safely using the agreed route.",
        "Bumps into furniture and bags on the floor.",
        "Moves safely along the route for 4 weeks with no incidents.",
        "Keep the agreed route clear; check it each morning.",
        "Practise the route with the pupil at the start of term." } },
    "Very good reader; lots of ideas for stories; good sense of humour.",
    "Reading, audiobooks, board games.",
    "PE changing, long writing tasks.",
    "Worries about falling over in front of others.",
    "Extra time, a laptop for writing, a clear route in the classroom.",
    { { "Fine motor skills group", "ta", "sensory", 4, 3, 20, 12, NULL },
      { "Touch-typing programme", "ta", "sensory", 1, 3, 15, 12, NULL } } },
  { "VI",
    { { "Find their own things in the classroom using the labelled trays.",
        "Needs an adult to find books and equipment.",
        "Finds own equipment 4 times out of 5 for 3 weeks.",
        "Label trays in large, high-contrast print.",
        "Keep the classroom layout the same and tell the pupil of any change." },
      { "Read enlarged texts at N24 at the same pace as the class.",
        "Reads N24 text slowly and loses place.",
        "Keeps up with shared reading with a line guide in 4 of 5 lessons.",
        "Provide enlarged copies of all texts before the lesson.",
        "Use a line guide and a sloping board." },
      { "Use the tablet camera to see the board.",
        "Copies from a neighbour instead.",
        "Uses the tablet independently in every lesson for 4 weeks.",
        "Teach tablet use in a short daily session.",
        "Seat the pupil with a clear view of the board and away from glare." },
      { "Tell an adult when they cannot see something.",
        "Rarely says; guesses instead.",
        "Tells an adult at least once a day, over 3 weeks.",
        "Agree a simple phrase to use.",
        "Praise the pupil for saying so." } },
    "Excellent listener; remembers stories word for word; kind friend.",
    "Music, singing, audiobooks.",
    "Bright sunlight, busy playground.",
    "Worries about getting lost on school trips.",
    "Large print, a tablet, a consistent layout, being told about changes.",
    { { "Enlarged resources prepared by TA", "ta", "sensory", 1, 5, 15, 38, NULL },
      { "Qualified teacher of visual impairment visit", "specialist", "sensory", 1, 1, 60, 3, NULL } } },
};

static const gchar *const forenames[] = {
  "Amara", "Oliver", "Zoë", "Dafydd", "Wiktoria", "Yusuf", "Ellie", "Kwame", "Siân", "Mateusz",
  "Aisha", "Harry", "Chloé", "Ibrahim", "Freya", "Reuben", "Ayşe", "Leo", "Priya", "Callum",
  "Niamh", "Tomasz", "Maryam", "Finley", "Bethan", "Ahmed", "Isla", "Jayden", "Ffion", "Kacper",
  "Grace", "Mohammed", "Ruby", "Eren", "Lily", "Noah", "Hana", "Archie", "Sofia", "Rhys",
};

static const gchar *const surnames[] = {
  "Okafor", "Hughes", "Kowalski", "Patel", "Evans", "Ahmed", "Brown", "Nowak", "Jones",
  "Yılmaz", "Mensah", "Williams", "Davies", "Khan", "Robinson", "O'Brien", "Thompson",
  "Hussain", "Walker", "Lewandowski", "Price", "Begum", "Clarke", "Morgan", "Ali", "Wright",
  "Ndlovu", "Taylor", "Singh", "Green",
};

static const gchar *const class_names[] = { "Robins", "Owls", "Kestrels", "Herons",
                                            "Falcons", "Swifts", "Eagles" };
static const gchar *const year_groups[] = { "R", "1", "2", "3", "4", "5", "6" };

static const gchar *const parent_contributions[] = {
  "Read together for 10 minutes each evening and sign the reading record.",
  "Practise the word cards for 5 minutes after tea, four evenings a week.",
  "Talk about the visual timetable for the next day at bedtime.",
  "Play the number bond game at the weekend and note how it went in the home-school book.",
  "Use the same calm-down words at home as we use in school.",
};

#define STEP(expr) G_STMT_START { if (!(expr)) goto failed; } G_STMT_END

static gchar *
date_plus (const GDate *date,
           gint         days)
{
  g_autoptr(GDate) d = g_date_copy (date);

  if (days >= 0)
    g_date_add_days (d, (guint) days);
  else
    g_date_subtract_days (d, (guint) -days);
  return sp_date_to_iso (d);
}

gboolean
sp_demo_fill (SpStore      *store,
              guint         n_pupils,
              const GDate  *today,
              GError      **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260901);
  SpStoreCounts counts;
  gint64 staff[7], senco, ta;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!sp_store_count (store, &counts, error))
    return FALSE;
  if (counts.pupils > 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   _("The database already has %u pupils. The demo school goes only into a new, "
                     "empty database."), counts.pupils);
      return FALSE;
    }

  if (!sp_store_begin (store, error))
    return FALSE;

  STEP (sp_store_set_school (store, "Meadowbank Primary School (demo)", "999", "2001",
                             "Mrs Helen Carter", error));
  STEP ((senco = sp_store_add_staff (store, "Mrs Helen Carter", "senco", error)) > 0);
  STEP ((ta = sp_store_add_staff (store, "Mr Sam Lewis", "ta", error)) > 0);
  {
    static const gchar *const teachers[] = { "Miss Rosa Jenkins", "Mr Tom Ashworth",
                                             "Mrs Nadia Rahman", "Mr Owen Pritchard",
                                             "Ms Claire Dunn", "Mrs Beata Zielińska",
                                             "Mr David Osei" };
    for (guint i = 0; i < G_N_ELEMENTS (teachers); i++)
      STEP ((staff[i] = sp_store_add_staff (store, teachers[i], "teacher", error)) > 0);
  }

  for (guint i = 0; i < n_pupils; i++)
    {
      const DemoProfile *profile = &profiles[i % G_N_ELEMENTS (profiles)];
      guint year_index = (i / 2) % G_N_ELEMENTS (year_groups);
      g_autoptr(SpPupil) pupil = NULL;
      g_autofree gchar *upn = sp_upn_make (999, 2001, 14 + year_index, i + 1);
      g_autofree gchar *dob = NULL;
      const gchar *class_name = class_names[year_index];
      guint n_cycles, max_cycles;
      gint64 pupil_id, plan_id = 0;
      gint days_ago;

      {
        /* A child in Reception is 4 or 5 on 1 September; each year group is a year older. */
        guint ay = sp_academic_year_for_date (today);
        g_autoptr(GDate) d = g_date_new_dmy (1, G_DATE_SEPTEMBER, (GDateYear) (ay - 5 - year_index));
        g_date_add_days (d, (guint) g_rand_int_range (rand, 0, 365));
        dob = sp_date_to_iso (d);
      }

      pupil = g_object_new (SP_TYPE_PUPIL,
                            "upn", upn,
                            "forename", forenames[(i * 7 + i / 40) % G_N_ELEMENTS (forenames)],
                            "surname", surnames[(i * 11 + i / 30) % G_N_ELEMENTS (surnames)],
                            "date-of-birth", dob,
                            "sex", i % 2 ? "M" : "F",
                            "year-group", year_groups[year_index],
                            "class-name", class_name,
                            "sen-status", i % 9 == 4 ? "E" : "K",
                            "strengths", profile->strengths,
                            "likes", profile->likes,
                            "dislikes", profile->dislikes,
                            "anxieties", profile->anxieties,
                            "what-helps", profile->what_helps,
                            NULL);
      STEP ((pupil_id = sp_store_add_pupil (store, pupil, error)) > 0);
      STEP (sp_store_add_pupil_need (store, pupil_id, profile->need, 1, error));
      if (i % 3 == 0)
        STEP (sp_store_add_pupil_need (store, pupil_id,
                                       profiles[(i + 4) % G_N_ELEMENTS (profiles)].need, 2,
                                       error));
      STEP (sp_store_add_contact (store, pupil_id,
                                  i % 4 == 1 ? "Mr Daniel Hughes" : "Ms Joanne Walker",
                                  i % 4 == 1 ? "Father" : "Mother",
                                  "01632 960 123", "parent@example.invalid",
                                  i % 2 ? "email" : "phone", error));

      /* Cycles of about 12 weeks, the newest active, the others reviewed. A pupil in
       * Reception has had fewer cycles than one in Year 6. */
      max_cycles = 1 + year_index * 2;
      n_cycles = MIN (max_cycles, (guint) g_rand_int_range (rand, 1, 8));
      /* The newest review falls from three weeks ago (overdue) to eleven weeks ahead. */
      days_ago = (gint) (n_cycles * 84) - g_rand_int_range (rand, -20, 80);

      for (guint c = 0; c < n_cycles; c++)
        {
          gboolean last = c + 1 == n_cycles;
          g_autofree gchar *start = date_plus (today, -days_ago + (gint) c * 84);
          g_autofree gchar *review = date_plus (today, -days_ago + (gint) c * 84 + 84);
          g_autoptr(SpPlan) plan = NULL;
          gint64 targets[4] = { 0 };
          guint n_targets = 3 + (i + c) % 2;

          plan = g_object_new (SP_TYPE_PLAN,
                               "start-date", start,
                               "review-date", review,
                               "status", "active",
                               "areas", sp_area_key (sp_need_area (profile->need)),
                               "parent-contribution",
                               parent_contributions[(i + c) % G_N_ELEMENTS (parent_contributions)],
                               "pupil-likes", profile->likes,
                               "pupil-finds-hard", profile->dislikes,
                               "pupil-helps", profile->what_helps,
                               "pupil-worries", profile->anxieties,
                               NULL);
          STEP ((plan_id = sp_store_add_plan (store, pupil_id, plan,
                                              staff[year_index % G_N_ELEMENTS (staff)],
                                              error)) > 0);

          for (guint t = 0; t < n_targets; t++)
            {
              const DemoTarget *dt = &profile->targets[t];

              STEP ((targets[t] = sp_store_add_target (store, plan_id,
                                                       sp_area_key (sp_need_area (profile->need)),
                                                       dt->description, dt->baseline,
                                                       dt->success, error)) > 0);
              STEP (sp_store_add_strategy (store, targets[t], dt->strategy_a, error) > 0);
              STEP (sp_store_add_strategy (store, targets[t], dt->strategy_b, error) > 0);
            }

          for (guint p = 0; p < G_N_ELEMENTS (profile->provision); p++)
            {
              SpProvisionSpec spec = profile->provision[p];

              spec.start_date = start;
              STEP (sp_store_add_provision (store, plan_id, &spec, error) > 0);
            }

          /* A pupil with an EHC plan has a teaching assistant for much of the day: the
           * provision map then shows pupils over the £6,000 notional threshold, as a real
           * school's does. */
          if (last && i % 9 == 4)
            {
              SpProvisionSpec one_to_one = {
                "Individual support from a teaching assistant in lessons and at lunchtime",
                "ta", sp_area_key (sp_need_area (profile->need)), 1, 5, 240, 38, start,
              };
              STEP (sp_store_add_provision (store, plan_id, &one_to_one, error) > 0);
            }

          {
            g_autofree gchar *note_date = date_plus (today, -days_ago + (gint) c * 84 + 30);
            STEP (sp_store_add_annotation (store, plan_id, targets[0], note_date, ta,
                                           "Worked well in the small group this week; "
                                           "needed fewer prompts than before.", error) > 0);
          }

          if (!last)
            {
              static const gchar *const outcomes[] = { "achieved", "partly", "not_achieved" };
              gint64 review_id;

              STEP ((review_id = sp_store_add_review (
                       store, plan_id, review,
                       "Class teacher, SENCO, parent, pupil",
                       "Pleased with progress in reading at home; would like more ideas for maths.",
                       "I like the word games. I still find writing hard.",
                       "Carry on with the targets not yet achieved; new plan agreed.",
                       "new_plan", error)) > 0);
              for (guint t = 0; t < n_targets; t++)
                STEP (sp_store_add_review_outcome (
                        store, review_id, targets[t],
                        outcomes[g_rand_int_range (rand, 0, 3)],
                        "Checked against the success criteria in class work and a short "
                        "assessment with the TA.", error));
              STEP (sp_store_add_meeting (store, pupil_id, review, "in_person",
                                          "Parent, class teacher, SENCO", review_id,
                                          error) > 0);
              /* Reviewed last: from schema version 2 a reviewed plan is read-only. */
              STEP (sp_store_update_text (store, SP_FIELD_PLAN_STATUS, plan_id, 1, "reviewed",
                                          NULL, error));
            }
        }
    }

  return sp_store_commit (store, error);

failed:
  sp_store_rollback (store);
  return FALSE;
}

/* test_manage_store.c - the store behind running a workplace, on fresh
 * temporary databases: migration 2, profile and triggers, the nine
 * characteristics, partners, the last-coordinator rule, invitations,
 * action revisions (a stale save is refused and changes nothing), open
 * action counts per element, outcomes per year, realist notes (exactly one
 * target) and the audit log's pages. */
#include "testutil.h"


#include "base/arena.h"
#include "base/util.h"
#include "store/schema.h"
#include "store/store.h"

struct fx {
	char path[64];
	store *st;
	arena *a;
	int64_t wp, anna, ben, cas, hbo, gemeente, bedrijf;
};

static int64_t new_person(store *st, const char *name, const char *email)
{
	int64_t id;
	assert_int_equal(store_person_create(st, name, email, &id), ST_OK);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	tu_tmp_db(f->path, sizeof f->path);
	char *err = NULL;
	f->st = store_open(f->path, &err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	f->a = arena_new();
	workplace w = {.slug = "wp", .name = "Werkplaats", .location = "Ergens"};
	assert_int_equal(store_workplace_create(f->st, &w, &f->wp), ST_OK);
	f->anna = new_person(f->st, "Anna", "anna@example.org");
	f->ben = new_person(f->st, "Ben", "ben@example.org");
	f->cas = new_person(f->st, "Cas", "cas@example.org");
	assert_int_equal(store_membership_set(f->st, f->wp, f->anna, ROLE_COORDINATOR), ST_OK);
	assert_int_equal(store_membership_set(f->st, f->wp, f->ben, ROLE_MEMBER), ST_OK);
	assert_int_equal(store_org_create(f->st, "Hogeschool", ORG_HBO, &f->hbo), ST_OK);
	assert_int_equal(store_org_create(f->st, "Gemeente", ORG_PUBLIC, &f->gemeente), ST_OK);
	assert_int_equal(store_org_create(f->st, "Bedrijf", ORG_PRIVATE, &f->bedrijf), ST_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	arena_free(f->a);
	tu_remove_db(f->path);
	free(f);
	return 0;
}

static void test_schema_has_migration_2(void **state)
{
	struct fx *f = *state;
	assert_true(schema_latest() >= 2);
	assert_int_equal(store_schema_version(f->st), schema_latest());
}

static void test_profile_and_triggers(void **state)
{
	struct fx *f = *state;
	wp_profile p;
	assert_int_equal(store_profile_get(f->st, f->a, f->wp, &p), ST_OK);
	assert_string_equal(p.w.name, "Werkplaats");
	assert_string_equal(p.goals, "");
	assert_string_equal(p.w.start_date, "");
	for (int t = 0; t < TRIG_COUNT; t++)
		assert_string_equal(p.trigger[t], "");
	p.w.name = "Nieuwe naam";
	p.w.start_date = "2024-02-01";
	p.goals = "Samen leren";
	p.trigger[TRIG_URGENCY] = "Wachtlijsten";
	p.trigger[TRIG_COMPLEX] = "Vergrijzing";
	assert_int_equal(store_profile_set(f->st, f->a, &p, 0), ST_OK);
	wp_profile q;
	assert_int_equal(store_profile_get(f->st, f->a, f->wp, &q), ST_OK);
	assert_string_equal(q.w.name, "Nieuwe naam");
	assert_string_equal(q.w.slug, "wp");
	assert_string_equal(q.w.start_date, "2024-02-01");
	assert_string_equal(q.goals, "Samen leren");
	assert_string_equal(q.trigger[TRIG_URGENCY], "Wachtlijsten");
	assert_string_equal(q.trigger[TRIG_OPPORTUNITY], "");
	/* an emptied trigger is removed, a changed one replaced */
	q.trigger[TRIG_URGENCY] = "";
	q.trigger[TRIG_COMPLEX] = "Complexe zorg";
	q.w.start_date = "";
	assert_int_equal(store_profile_set(f->st, f->a, &q, 0), ST_OK);
	assert_int_equal(store_profile_get(f->st, f->a, f->wp, &p), ST_OK);
	assert_string_equal(p.trigger[TRIG_URGENCY], "");
	assert_string_equal(p.trigger[TRIG_COMPLEX], "Complexe zorg");
	assert_string_equal(p.w.start_date, "");
	p.w.id = 9999;
	assert_int_equal(store_profile_set(f->st, f->a, &p, 0), ST_NOTFOUND);
	assert_int_equal(store_profile_get(f->st, f->a, 9999, &p), ST_NOTFOUND);
}

static void test_characteristics(void **state)
{
	struct fx *f = *state;
	wp_characteristic cs[PW_CHARACTERISTICS];
	assert_int_equal(store_characteristics_get(f->st, f->a, f->wp, cs), ST_OK);
	for (int i = 0; i < PW_CHARACTERISTICS; i++)
		assert_int_equal(cs[i].state, CHAR_UNASSESSED);
	char_assessment *as;
	int n;
	assert_int_equal(store_char_assessments(f->st, f->a, f->wp, 10, &as, &n), ST_OK);
	assert_int_equal(n, 0);
	int64_t first, second;
	cs[0] = (wp_characteristic){CHAR_MET, "convenant"};
	cs[8] = (wp_characteristic){CHAR_PARTLY, ""};
	assert_int_equal(store_char_assessment_add(f->st, f->wp, 0, cs, &first), ST_OK);
	cs[0] = (wp_characteristic){CHAR_UNASSESSED, ""};
	cs[8] = (wp_characteristic){CHAR_NOT_YET, "nog niet"};
	assert_int_equal(store_char_assessment_add(f->st, f->wp, 0, cs, &second), ST_OK);
	/* the newest is the current one */
	assert_int_equal(store_characteristics_get(f->st, f->a, f->wp, cs), ST_OK);
	assert_int_equal(cs[0].state, CHAR_UNASSESSED);
	assert_string_equal(cs[0].note, "");
	assert_int_equal(cs[8].state, CHAR_NOT_YET);
	assert_string_equal(cs[8].note, "nog niet");
	assert_int_equal(cs[4].state, CHAR_UNASSESSED);
	/* and the first is kept */
	assert_int_equal(store_char_assessments(f->st, f->a, f->wp, 10, &as, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(as[0].id, second);
	assert_int_equal(as[1].id, first);
	assert_int_equal(as[1].c[0].state, CHAR_MET);
	assert_string_equal(as[1].c[0].note, "convenant");
	assert_int_equal(as[1].c[8].state, CHAR_PARTLY);
	assert_string_equal(as[1].by, "");
	/* at most max, newest first */
	assert_int_equal(store_char_assessments(f->st, f->a, f->wp, 1, &as, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(as[0].id, second);
}

static void test_trigger_history(void **state)
{
	struct fx *f = *state;
	wp_profile p;
	trigger_change *tc;
	int n;
	assert_int_equal(store_profile_get(f->st, f->a, f->wp, &p), ST_OK);
	p.trigger[TRIG_URGENCY] = "Wachtlijsten";
	assert_int_equal(store_profile_set(f->st, f->a, &p, 0), ST_OK);
	p.goals = "only the goals change: no trigger change";
	assert_int_equal(store_profile_set(f->st, f->a, &p, 0), ST_OK);
	p.trigger[TRIG_URGENCY] = "";
	assert_int_equal(store_profile_set(f->st, f->a, &p, 0), ST_OK);
	assert_int_equal(store_trigger_changes(f->st, f->a, f->wp, 10, &tc, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(tc[0].kind, TRIG_URGENCY);
	assert_string_equal(tc[0].text, "");
	assert_string_equal(tc[1].text, "Wachtlijsten");
}

static void test_partners(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_partner_add(f->st, f->wp, f->hbo, "partner", "2024-01-01"), ST_OK);
	assert_int_equal(store_partner_add(f->st, f->wp, f->gemeente, "lead", NULL), ST_OK);
	assert_int_equal(store_partner_add(f->st, f->wp, f->hbo, "lead", NULL), ST_CONFLICT);
	assert_int_equal(store_partner_add(f->st, f->wp, f->hbo + 999, "lead", NULL), ST_CONFLICT);
	assert_int_equal(store_partner_update(f->st, f->wp, f->hbo, "lead", "2023-05-05"), ST_OK);
	assert_int_equal(store_partner_update(f->st, f->wp, f->bedrijf, "lead", NULL), ST_NOTFOUND);
	assert_int_equal(store_partner_update(f->st, f->wp, f->hbo, "boss", NULL), ST_CONFLICT);
	partner *ps;
	int n;
	assert_int_equal(store_partners(f->st, f->a, f->wp, &ps, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ps[0].role, "lead");
	assert_int_equal(store_partner_remove(f->st, f->wp, f->gemeente), ST_OK);
	assert_int_equal(store_partner_remove(f->st, f->wp, f->gemeente), ST_NOTFOUND);
	organisation o;
	assert_int_equal(store_org_by_name(f->st, f->a, "hOGESCHOOL", &o), ST_OK);
	assert_int_equal(o.id, f->hbo);
	assert_int_equal(o.kind, ORG_HBO);
	assert_int_equal(store_org_by_name(f->st, f->a, "Hogeschoo", &o), ST_NOTFOUND);
	assert_int_equal(store_org_get(f->st, f->a, f->bedrijf, &o), ST_OK);
	assert_string_equal(o.name, "Bedrijf");
}

static void test_last_coordinator_stays(void **state)
{
	struct fx *f = *state;
	/* Anna is the only coordinator */
	assert_int_equal(store_membership_remove(f->st, f->wp, f->anna), ST_CONFLICT);
	assert_int_equal(store_membership_change(f->st, f->wp, f->anna, ROLE_MEMBER), ST_CONFLICT);
	assert_int_equal(store_membership_change(f->st, f->wp, f->anna, ROLE_COORDINATOR), ST_OK);
	assert_int_equal(store_membership_remove(f->st, f->wp, f->cas), ST_NOTFOUND);
	assert_int_equal(store_membership_change(f->st, f->wp, f->cas, ROLE_MEMBER), ST_NOTFOUND);
	/* with a second coordinator, either can go */
	assert_int_equal(store_membership_change(f->st, f->wp, f->ben, ROLE_COORDINATOR), ST_OK);
	assert_int_equal(store_membership_change(f->st, f->wp, f->anna, ROLE_MEMBER), ST_OK);
	assert_int_equal(store_membership_remove(f->st, f->wp, f->ben), ST_CONFLICT);
	assert_int_equal(store_membership_remove(f->st, f->wp, f->anna), ST_OK);
	int role = 99;
	assert_int_equal(store_membership_role(f->st, f->wp, f->anna, &role), ST_OK);
	assert_int_equal(role, -1);
	assert_int_equal(store_membership_change(f->st, f->wp, f->ben, ROLE_COUNT), ST_CONFLICT); /* the CHECK */
}

static void test_invitations(void **state)
{
	struct fx *f = *state;
	int64_t id1, id2;
	int64_t now = wp_now();
	assert_int_equal(store_member_invitation_create(f->st, f->wp, "new@example.org", ROLE_MEMBER, "h1", f->anna,
							now + 100, &id1), ST_OK);
	member_invitation m;
	assert_int_equal(store_member_invitation_by_token(f->st, f->a, "h1", now, &m), ST_OK);
	assert_string_equal(m.email, "new@example.org");
	assert_int_equal(m.role, ROLE_MEMBER);
	assert_string_equal(m.invited_by, "Anna");
	assert_string_equal(m.workplace_slug, "wp");
	/* expired */
	assert_int_equal(store_member_invitation_by_token(f->st, f->a, "h1", now + 100, &m), ST_NOTFOUND);
	/* a new invitation of the same address replaces the old link */
	assert_int_equal(store_member_invitation_create(f->st, f->wp, "new@example.org", ROLE_COORDINATOR, "h2", 0,
							now + 100, &id2), ST_OK);
	assert_int_equal(store_member_invitation_by_token(f->st, f->a, "h1", now, &m), ST_NOTFOUND);
	assert_int_equal(store_member_invitation_by_token(f->st, f->a, "h2", now, &m), ST_OK);
	assert_string_equal(m.invited_by, "");
	member_invitation *list;
	int n;
	assert_int_equal(store_member_invitations_open(f->st, f->a, f->wp, now, &list, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_member_invitations_open(f->st, f->a, f->wp, now + 200, &list, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_member_invitation_create(f->st, f->wp, "x@example.org", ROLE_COUNT, "h3", 0, now + 100, &id1),
			 ST_CONFLICT);
	assert_int_equal(store_member_invitation_delete(f->st, f->wp + 1, id2), ST_NOTFOUND);
	assert_int_equal(store_member_invitation_delete(f->st, f->wp, id2), ST_OK);
	assert_int_equal(store_member_invitation_delete(f->st, f->wp, id2), ST_NOTFOUND);
}

static int64_t action(struct fx *f, const char *title, action_status status, unsigned elements, const char *due)
{
	improvement a = {.workplace_id = f->wp, .title = title, .status = status, .elements = elements,
			 .due_on = due};
	int64_t id;
	assert_int_equal(store_action_create(f->st, &a, &id), ST_OK);
	return id;
}

static void test_action_revisions(void **state)
{
	struct fx *f = *state;
	int64_t id = action(f, "Leermoment", ACTION_PLANNED, 1u << EL_LOS, "2026-01-01");
	action_info x;
	assert_int_equal(store_action_get(f->st, f->a, f->wp, id, &x), ST_OK);
	assert_int_equal(x.act.revision, 1);
	assert_int_equal(x.act.elements, 1u << EL_LOS);
	assert_string_equal(x.updated_by, "");
	/* two editors load revision 1; the first saves */
	improvement one = x.act, two = x.act;
	one.status = ACTION_IN_PROGRESS;
	one.elements = (1u << EL_LOS) | (1u << EL_VMM);
	assert_int_equal(store_action_update(f->st, &one, 1, f->anna), ST_OK);
	/* the second, still on revision 1, is refused and changes nothing */
	two.title = "Iets anders";
	two.elements = 1u << EL_GOC;
	assert_int_equal(store_action_update(f->st, &two, 1, f->ben), ST_CONFLICT);
	assert_int_equal(store_action_get(f->st, f->a, f->wp, id, &x), ST_OK);
	assert_int_equal(x.act.revision, 2);
	assert_string_equal(x.act.title, "Leermoment");
	assert_int_equal(x.act.status, ACTION_IN_PROGRESS);
	assert_int_equal(x.act.elements, (1u << EL_LOS) | (1u << EL_VMM));
	assert_string_equal(x.updated_by, "Anna");
	/* saving on the current revision works */
	assert_int_equal(store_action_update(f->st, &two, 2, f->ben), ST_OK);
	assert_int_equal(store_action_get(f->st, f->a, f->wp, id, &x), ST_OK);
	assert_int_equal(x.act.revision, 3);
	assert_string_equal(x.act.title, "Iets anders");
	assert_int_equal(x.act.elements, 1u << EL_GOC);
	/* another workplace's id, or one that does not exist */
	two.workplace_id = f->wp + 1;
	assert_int_equal(store_action_update(f->st, &two, 3, f->ben), ST_NOTFOUND);
	assert_int_equal(store_action_get(f->st, f->a, f->wp + 1, id, &x), ST_NOTFOUND);
	two.workplace_id = f->wp;
	two.status = ACTION_STATUS_COUNT; /* no code */
	assert_int_equal(store_action_update(f->st, &two, 3, f->ben), ST_CONFLICT); /* the CHECK */
}

static void test_action_lists_and_counts(void **state)
{
	struct fx *f = *state;
	action(f, "A", ACTION_PLANNED, (1u << EL_LOS) | (1u << EL_SRI), "2026-01-01");
	action(f, "B", ACTION_IN_PROGRESS, 1u << EL_LOS, NULL);
	action(f, "C", ACTION_DONE, 1u << EL_LOS, "2025-01-01");
	action(f, "D", ACTION_DROPPED, 1u << EL_VMM, "2025-01-01");
	action(f, "E", ACTION_PLANNED, 1u << EL_VMM, "2030-01-01");
	int counts[EL_COUNT];
	assert_int_equal(store_action_open_counts(f->st, f->wp, counts), ST_OK);
	assert_int_equal(counts[EL_LOS], 2);
	assert_int_equal(counts[EL_SRI], 1);
	assert_int_equal(counts[EL_VMM], 1);
	assert_int_equal(counts[EL_GOC], 0);
	int open, late;
	assert_int_equal(store_action_counts(f->st, f->wp, "2026-06-01", &open, &late), ST_OK);
	assert_int_equal(open, 3);
	assert_int_equal(late, 1);
	assert_int_equal(store_action_counts(f->st, f->wp, "2026-01-01", &open, &late), ST_OK);
	assert_int_equal(late, 0); /* due today is not late */
	action_info *as;
	int n;
	assert_int_equal(store_actions_list(f->st, f->a, f->wp, -1, -1, &as, &n), ST_OK);
	assert_int_equal(n, 5);
	/* open first, by due date, none last */
	assert_string_equal(as[0].act.title, "A");
	assert_string_equal(as[1].act.title, "E");
	assert_string_equal(as[2].act.title, "B");
	assert_int_equal(store_actions_list(f->st, f->a, f->wp, ACTION_STATUS_COUNT, EL_LOS, &as, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_actions_list(f->st, f->a, f->wp, ACTION_DONE, -1, &as, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(as[0].act.title, "C");
	assert_int_equal(store_actions_list(f->st, f->a, f->wp, -1, EL_VMM, &as, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_actions_list(f->st, f->a, f->wp, -1, EL_GOC, &as, &n), ST_OK);
	assert_int_equal(n, 0);
	/* notes, oldest first, with their author */
	assert_int_equal(store_action_note_add(f->st, 1, "2026-02-01", "tweede", f->ben), ST_OK);
	assert_int_equal(store_action_note_add(f->st, 1, "2026-01-01", "eerste", 0), ST_OK);
	action_note *ns;
	assert_int_equal(store_action_notes(f->st, f->a, 1, &ns, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ns[0].text, "eerste");
	assert_string_equal(ns[0].author, "");
	assert_string_equal(ns[1].author, "Ben");
	action_info x;
	assert_int_equal(store_action_get(f->st, f->a, f->wp, 1, &x), ST_OK);
	assert_int_equal(x.n_notes, 2);
}

static int64_t outcome_at(struct fx *f, outcome_category c, const char *date, const char *title)
{
	outcome o = {.workplace_id = f->wp, .category = c, .occurred_on = date, .title = title};
	int64_t id;
	assert_int_equal(store_outcome_create(f->st, &o, &id), ST_OK);
	return id;
}

static void test_outcomes(void **state)
{
	struct fx *f = *state;
	int64_t a = outcome_at(f, OUT_KNOWLEDGE, "2025-06-01", "Artikel");
	outcome_at(f, OUT_KNOWLEDGE, "2025-01-01", "Module");
	outcome_at(f, OUT_CONNECTIONS, "2027-03-01", "Nieuwe partner");
	int64_t ids[] = {f->gemeente, f->hbo};
	assert_int_equal(store_outcome_partners_set(f->st, a, ids, 2), ST_OK);
	outcome_info *os;
	int n;
	assert_int_equal(store_outcomes_list(f->st, f->a, f->wp, &os, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_string_equal(os[0].o.title, "Module"); /* by date */
	assert_int_equal(os[0].n_partners, 0);
	assert_int_equal(os[1].n_partners, 2);
	assert_string_equal(os[1].partner_names[0], "Gemeente");
	outcome_year *ys;
	assert_int_equal(store_outcome_years(f->st, f->a, f->wp, &ys, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ys[0].year, 2025);
	assert_int_equal(ys[0].count[OUT_KNOWLEDGE], 2);
	assert_int_equal(ys[1].year, 2027);
	assert_int_equal(ys[1].count[OUT_CONNECTIONS], 1);
	assert_int_equal(ys[1].count[OUT_KNOWLEDGE], 0);
	/* change, replace partners, delete */
	outcome_info x;
	assert_int_equal(store_outcome_get(f->st, f->a, f->wp, a, &x), ST_OK);
	x.o.title = "Artikel in vakblad";
	x.o.category = OUT_CURRICULUM;
	assert_int_equal(store_outcome_update(f->st, &x.o), ST_OK);
	assert_int_equal(store_outcome_partners_set(f->st, a, ids + 1, 1), ST_OK);
	assert_int_equal(store_outcome_get(f->st, f->a, f->wp, a, &x), ST_OK);
	assert_string_equal(x.o.title, "Artikel in vakblad");
	assert_int_equal(x.o.category, OUT_CURRICULUM);
	assert_int_equal(x.n_partners, 1);
	assert_int_equal(x.partner_ids[0], f->hbo);
	assert_int_equal(store_outcome_get(f->st, f->a, f->wp + 1, a, &x), ST_NOTFOUND);
	x.o.workplace_id = f->wp + 1;
	assert_int_equal(store_outcome_update(f->st, &x.o), ST_NOTFOUND);
	assert_int_equal(store_outcome_delete(f->st, f->wp + 1, a), ST_NOTFOUND);
	assert_int_equal(store_outcome_delete(f->st, f->wp, a), ST_OK);
	assert_int_equal(store_outcomes_list(f->st, f->a, f->wp, &os, &n), ST_OK);
	assert_int_equal(n, 2);
}

static void test_realist_notes(void **state)
{
	struct fx *f = *state;
	int64_t act = action(f, "Panel", ACTION_DONE, 1u << EL_VOR, NULL);
	int64_t out = outcome_at(f, OUT_COLLABORATION, "2026-01-01", "Eén loket");
	realist_note n = {.workplace_id = f->wp, .action_id = act, .element = EL_LEA, .context = "wijk",
			  .mechanism = "gedeeld leiderschap", .result = "eigenaarschap"};
	int64_t id1, id2, id;
	assert_int_equal(store_realist_add(f->st, &n, f->anna, &id1), ST_OK);
	n.action_id = 0;
	n.outcome_id = out;
	n.element = -1;
	assert_int_equal(store_realist_add(f->st, &n, 0, &id2), ST_OK);
	/* exactly one target */
	n.action_id = act;
	assert_int_equal(store_realist_add(f->st, &n, 0, &id), ST_CONFLICT);
	n.action_id = n.outcome_id = 0;
	assert_int_equal(store_realist_add(f->st, &n, 0, &id), ST_CONFLICT);
	realist_note *ns;
	int k;
	assert_int_equal(store_realist_notes(f->st, f->a, f->wp, act, 0, &ns, &k), ST_OK);
	assert_int_equal(k, 1);
	assert_int_equal(ns[0].element, EL_LEA);
	assert_string_equal(ns[0].author, "Anna");
	assert_string_equal(ns[0].about, "Panel");
	assert_int_equal(store_realist_notes(f->st, f->a, f->wp, 0, out, &ns, &k), ST_OK);
	assert_int_equal(k, 1);
	assert_int_equal(ns[0].element, -1);
	assert_string_equal(ns[0].about, "Eén loket");
	assert_int_equal(store_realist_notes(f->st, f->a, f->wp, 0, 0, &ns, &k), ST_OK);
	assert_int_equal(k, 2);
	assert_int_equal(store_realist_delete(f->st, f->wp + 1, id1), ST_NOTFOUND);
	assert_int_equal(store_realist_delete(f->st, f->wp, id1), ST_OK);
	/* deleting the outcome takes its notes along */
	assert_int_equal(store_outcome_delete(f->st, f->wp, out), ST_OK);
	assert_int_equal(store_realist_notes(f->st, f->a, f->wp, 0, 0, &ns, &k), ST_OK);
	assert_int_equal(k, 0);
}

static int64_t note_on(struct fx *f, int64_t action_id, int64_t outcome_id, int element)
{
	realist_note n = {.workplace_id = f->wp, .action_id = action_id, .outcome_id = outcome_id,
			  .element = element, .context = "c", .mechanism = "m", .result = "r"};
	int64_t id;
	assert_int_equal(store_realist_add(f->st, &n, f->anna, &id), ST_OK);
	return id;
}

/* What works where (issue 20): only shared items reach the library, an
 * item is shared by its own workplace only, an unshared action's title
 * never shows with a shared note on it. */
static void test_library(void **state)
{
	struct fx *f = *state;
	workplace w2 = {.slug = "wp2", .name = "Andere", .location = "Elders"};
	int64_t wp2;
	assert_int_equal(store_workplace_create(f->st, &w2, &wp2), ST_OK);
	int64_t panel = action(f, "Panel", ACTION_DONE, (1u << EL_VOR) | (1u << EL_LEA), NULL);
	int64_t hidden = action(f, "Geheim", ACTION_PLANNED, 1u << EL_VOR, NULL);
	int64_t out = outcome_at(f, OUT_COLLABORATION, "2026-01-01", "Eén loket");
	int64_t on_panel = note_on(f, panel, 0, EL_LEA), on_hidden = note_on(f, hidden, 0, -1),
		on_outcome = note_on(f, 0, out, EL_VOR);
	library_action *as;
	library_note *ns;
	int na, nn;
	/* nothing shared: nothing found */
	assert_int_equal(store_library_actions(f->st, f->a, EL_VOR, &as, &na), ST_OK);
	assert_int_equal(store_library_notes(f->st, f->a, EL_VOR, &ns, &nn), ST_OK);
	assert_int_equal(na + nn, 0);
	/* another workplace cannot share them */
	assert_int_equal(store_action_share_set(f->st, wp2, panel, true), ST_NOTFOUND);
	assert_int_equal(store_realist_share_set(f->st, wp2, on_panel, true), ST_NOTFOUND);
	assert_int_equal(store_action_share_set(f->st, f->wp, panel, true), ST_OK);
	assert_int_equal(store_realist_share_set(f->st, f->wp, on_panel, true), ST_OK);
	assert_int_equal(store_realist_share_set(f->st, f->wp, on_hidden, true), ST_OK);
	assert_int_equal(store_realist_share_set(f->st, f->wp, on_outcome, true), ST_OK);
	bool shared;
	assert_int_equal(store_action_shared(f->st, f->wp, panel, &shared), ST_OK);
	assert_true(shared);
	assert_int_equal(store_action_shared(f->st, f->wp, hidden, &shared), ST_OK);
	assert_false(shared);
	assert_int_equal(store_action_shared(f->st, wp2, panel, &shared), ST_NOTFOUND);
	/* by element: the panel under VOR and LEA, not under LOS */
	assert_int_equal(store_library_actions(f->st, f->a, EL_VOR, &as, &na), ST_OK);
	assert_int_equal(na, 1);
	assert_int_equal(as[0].id, panel);
	assert_string_equal(as[0].workplace_slug, "wp");
	assert_int_equal(store_library_actions(f->st, f->a, EL_LOS, &as, &na), ST_OK);
	assert_int_equal(na, 0);
	/* notes: on the panel (LEA, on an action tied to VOR), on the hidden
	 * action (named by no title), on the outcome (VOR; no title) */
	assert_int_equal(store_library_notes(f->st, f->a, EL_VOR, &ns, &nn), ST_OK);
	assert_int_equal(nn, 3);
	for (int i = 0; i < nn; i++) {
		assert_string_equal(ns[i].note.author, "");
		if (ns[i].note.id == on_panel)
			assert_string_equal(ns[i].note.about, "Panel");
		else
			assert_string_equal(ns[i].note.about, "");
	}
	assert_int_equal(store_library_notes(f->st, f->a, EL_LEA, &ns, &nn), ST_OK);
	assert_int_equal(nn, 1);
	assert_int_equal(ns[0].note.id, on_panel);
	assert_int_equal(store_library_notes(f->st, f->a, EL_SRI, &ns, &nn), ST_OK);
	assert_int_equal(nn, 0);
	/* unshared again */
	assert_int_equal(store_action_share_set(f->st, f->wp, panel, false), ST_OK);
	assert_int_equal(store_realist_share_set(f->st, f->wp, on_outcome, false), ST_OK);
	assert_int_equal(store_library_actions(f->st, f->a, EL_VOR, &as, &na), ST_OK);
	assert_int_equal(na, 0);
	int64_t *ids;
	int nids;
	assert_int_equal(store_realist_shared_ids(f->st, f->a, f->wp, &ids, &nids), ST_OK);
	assert_int_equal(nids, 2);
	assert_true(ids[0] == on_panel && ids[1] == on_hidden);
	assert_int_equal(store_library_notes(f->st, f->a, EL_VOR, &ns, &nn), ST_OK);
	for (int i = 0; i < nn; i++)
		assert_string_equal(ns[i].note.about, ""); /* the panel is no longer shared */
	assert_int_equal(store_action_share_set(f->st, f->wp, 999999, true), ST_NOTFOUND);
}

static void test_audit_pages(void **state)
{
	struct fx *f = *state;
	char what[32];
	for (int i = 0; i < 7; i++) {
		snprintf(what, sizeof what, "step %d", i);
		assert_int_equal(store_audit(f->st, i % 2 ? f->anna : 0, i < 5 ? f->wp : 0, what, "d"), ST_OK);
	}
	audit_entry *es;
	int n, total;
	assert_int_equal(store_audit_page(f->st, f->a, f->wp, 0, 3, &es, &n, &total), ST_OK);
	assert_int_equal(total, 5);
	assert_int_equal(n, 3);
	assert_string_equal(es[0].what, "step 4"); /* newest first */
	assert_string_equal(es[0].workplace_slug, "wp");
	assert_string_equal(es[0].who, "");
	assert_string_equal(es[1].who, "Anna");
	assert_int_equal(store_audit_page(f->st, f->a, f->wp, 3, 3, &es, &n, &total), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(es[1].what, "step 0");
	assert_int_equal(store_audit_page(f->st, f->a, 0, 0, 100, &es, &n, &total), ST_OK);
	assert_int_equal(total, 7);
	assert_int_equal(n, 7);
	assert_string_equal(es[0].what, "step 6");
	assert_string_equal(es[0].workplace_slug, "");
	assert_int_equal(store_audit_page(f->st, f->a, f->wp, 50, 10, &es, &n, &total), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_schema_has_migration_2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile_and_triggers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_characteristics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trigger_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partners, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_coordinator_stays, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invitations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_action_revisions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_action_lists_and_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcomes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_realist_notes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_library, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

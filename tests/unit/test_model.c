/* test_model.c - the action statuses and member roles of domain/model.h:
 * the stored codes (written out here by hand, as the database holds them),
 * which statuses are open, and when an action is overdue, on each side of
 * the day it is due. */
#include "testutil.h"

#include "domain/model.h"

static void test_action_status_codes(void **state)
{
	(void)state;
	assert_string_equal(action_status_code(ACTION_PLANNED), "planned");
	assert_string_equal(action_status_code(ACTION_IN_PROGRESS), "in_progress");
	assert_string_equal(action_status_code(ACTION_DONE), "done");
	assert_string_equal(action_status_code(ACTION_DROPPED), "dropped");
	assert_string_equal(action_status_code(ACTION_STATUS_COUNT), ""); /* the CHECK refuses it */
	assert_int_equal(action_status_from_code("planned"), ACTION_PLANNED);
	assert_int_equal(action_status_from_code("in_progress"), ACTION_IN_PROGRESS);
	assert_int_equal(action_status_from_code("done"), ACTION_DONE);
	assert_int_equal(action_status_from_code("dropped"), ACTION_DROPPED);
	assert_int_equal(action_status_from_code("open"), -1); /* a filter, not a status */
	assert_int_equal(action_status_from_code("Done"), -1);
	assert_int_equal(action_status_from_code(""), -1);
	assert_int_equal(action_status_from_code(NULL), -1);
	assert_string_equal(action_status_name(ACTION_IN_PROGRESS, false), "bezig");
	assert_string_equal(action_status_name(ACTION_IN_PROGRESS, true), "in progress");
	assert_string_equal(action_status_name(ACTION_DROPPED, false), "vervallen");
}

static void test_open_and_overdue(void **state)
{
	(void)state;
	assert_true(action_status_open(ACTION_PLANNED));
	assert_true(action_status_open(ACTION_IN_PROGRESS));
	assert_false(action_status_open(ACTION_DONE));
	assert_false(action_status_open(ACTION_DROPPED));
	/* due the day before: late; due today or later: not yet */
	assert_true(action_overdue(ACTION_PLANNED, "2026-03-09", "2026-03-10"));
	assert_true(action_overdue(ACTION_IN_PROGRESS, "2025-12-31", "2026-01-01"));
	assert_false(action_overdue(ACTION_PLANNED, "2026-03-10", "2026-03-10"));
	assert_false(action_overdue(ACTION_PLANNED, "2026-03-11", "2026-03-10"));
	/* a closed action is never late; no date is never late */
	assert_false(action_overdue(ACTION_DONE, "2026-03-09", "2026-03-10"));
	assert_false(action_overdue(ACTION_DROPPED, "2020-01-01", "2026-03-10"));
	assert_false(action_overdue(ACTION_PLANNED, "", "2026-03-10"));
	assert_false(action_overdue(ACTION_PLANNED, NULL, "2026-03-10"));
}

static void test_member_roles(void **state)
{
	(void)state;
	assert_string_equal(member_role_code(ROLE_MEMBER), "member");
	assert_string_equal(member_role_code(ROLE_COORDINATOR), "coordinator");
	assert_string_equal(member_role_code(ROLE_COUNT), "");
	assert_int_equal(member_role_from_code("member"), ROLE_MEMBER);
	assert_int_equal(member_role_from_code("coordinator"), ROLE_COORDINATOR);
	assert_int_equal(member_role_from_code("lead"), -1); /* a programme lead is no member */
	assert_int_equal(member_role_from_code(""), -1);
	assert_int_equal(member_role_from_code(NULL), -1);
	assert_string_equal(member_role_name(ROLE_MEMBER, false), "lid");
	assert_string_equal(member_role_name(ROLE_COORDINATOR, false), "coördinator");
	assert_string_equal(member_role_name(ROLE_COORDINATOR, true), "coordinator");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_action_status_codes),
		cmocka_unit_test(test_open_and_overdue),
		cmocka_unit_test(test_member_roles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

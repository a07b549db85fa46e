/* test_definition.c - the definition check of a professional workplace
 * (at least one hbo or university, at least one public organisation, a
 * location in practice) on both sides of each condition, and the nine
 * characteristics' vocabulary. */
#include "testutil.h"

#include "domain/definition.h"

static void test_meets_with_hbo_and_public(void **state)
{
	(void)state;
	org_kind k[] = {ORG_HBO, ORG_PUBLIC};
	pw_definition d = pw_definition_check(k, 2, "Ziekenhuis, afdeling 4B");
	assert_true(d.higher_education);
	assert_true(d.public_org);
	assert_true(d.located);
	assert_true(d.meets);
}

static void test_university_counts_as_higher_education(void **state)
{
	(void)state;
	org_kind k[] = {ORG_PUBLIC, ORG_UNIVERSITY, ORG_PRIVATE};
	assert_true(pw_definition_check(k, 3, "School").meets);
}

static void test_mbo_is_not_higher_education(void **state)
{
	(void)state;
	org_kind k[] = {ORG_MBO, ORG_PUBLIC, ORG_PRIVATE, ORG_CITIZENS};
	pw_definition d = pw_definition_check(k, 4, "Buurthuis");
	assert_false(d.higher_education);
	assert_true(d.public_org);
	assert_true(d.located);
	assert_false(d.meets);
}

static void test_private_or_citizens_is_not_public(void **state)
{
	(void)state;
	org_kind k[] = {ORG_HBO, ORG_PRIVATE, ORG_CITIZENS, ORG_UNIVERSITY, ORG_MBO};
	pw_definition d = pw_definition_check(k, 5, "Werkplaats");
	assert_true(d.higher_education);
	assert_false(d.public_org);
	assert_false(d.meets);
}

static void test_location_must_be_filled_in(void **state)
{
	(void)state;
	org_kind k[] = {ORG_HBO, ORG_PUBLIC};
	assert_false(pw_definition_check(k, 2, "").located);
	assert_false(pw_definition_check(k, 2, NULL).located);
	assert_false(pw_definition_check(k, 2, " \t\r\n").located);
	assert_false(pw_definition_check(k, 2, "").meets);
	assert_true(pw_definition_check(k, 2, " x ").located);
	assert_true(pw_definition_check(k, 2, "x").meets);
}

static void test_no_partners(void **state)
{
	(void)state;
	pw_definition d = pw_definition_check(NULL, 0, "Somewhere");
	assert_false(d.higher_education);
	assert_false(d.public_org);
	assert_true(d.located);
	assert_false(d.meets);
	d = pw_definition_check(NULL, 0, "");
	assert_false(d.located || d.meets);
}

static void test_one_partner_cannot_be_both(void **state)
{
	(void)state;
	/* a single organisation is never both kinds */
	for (int k = 0; k < ORG_COUNT; k++) {
		org_kind one = (org_kind)k;
		assert_false(pw_definition_check(&one, 1, "x").meets);
	}
}

static void test_state_codes_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < CHAR_STATE_COUNT; s++)
		assert_int_equal(char_state_from_code(char_state_code((char_state)s)), s);
	assert_string_equal(char_state_code(CHAR_MET), "met");
	assert_string_equal(char_state_code(CHAR_PARTLY), "partly");
	assert_string_equal(char_state_code(CHAR_NOT_YET), "not_yet");
	assert_string_equal(char_state_code(CHAR_UNASSESSED), "");
	assert_int_equal(char_state_from_code(""), CHAR_UNASSESSED);
	assert_int_equal(char_state_from_code(NULL), CHAR_UNASSESSED);
	assert_int_equal(char_state_from_code("MET"), -2);
	assert_int_equal(char_state_from_code("met "), -2);
	assert_int_equal(char_state_from_code("maybe"), -2);
	assert_string_equal(char_state_name(CHAR_MET, false), "voldaan");
	assert_string_equal(char_state_name(CHAR_NOT_YET, true), "not yet");
	assert_string_equal(char_state_name(CHAR_UNASSESSED, false), "niet beoordeeld");
}

static void test_nine_characteristics_in_both_languages(void **state)
{
	(void)state;
	for (int i = 0; i < PW_CHARACTERISTICS; i++) {
		for (int en = 0; en < 2; en++) {
			const char *t = pw_characteristic_title(i, en), *x = pw_characteristic_text(i, en);
			assert_true(strlen(t) > 5);
			assert_true(strlen(x) > strlen(t));
		}
		assert_string_not_equal(pw_characteristic_title(i, false), pw_characteristic_title(i, true));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(pw_characteristic_title(i, false), pw_characteristic_title(j, false));
	}
	assert_string_equal(pw_characteristic_title(-1, false), "");
	assert_string_equal(pw_characteristic_title(PW_CHARACTERISTICS, true), "");
	assert_string_equal(pw_characteristic_text(PW_CHARACTERISTICS, true), "");
	assert_non_null(strstr(pw_characteristic_text(6, false), "grenswerker"));
	assert_non_null(strstr(pw_characteristic_text(6, true), "boundary worker"));
}

static void test_element_names(void **state)
{
	(void)state;
	assert_string_equal(element_name(EL_LOS, false), "Lerend en onderzoekend samenwerken");
	assert_string_equal(element_name(EL_VMM, true), "Freeing up people and resources");
	for (int e = 0; e < EL_COUNT; e++)
		assert_true(strlen(element_name((element_code)e, false)) > 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meets_with_hbo_and_public),
		cmocka_unit_test(test_university_counts_as_higher_education),
		cmocka_unit_test(test_mbo_is_not_higher_education),
		cmocka_unit_test(test_private_or_citizens_is_not_public),
		cmocka_unit_test(test_location_must_be_filled_in),
		cmocka_unit_test(test_no_partners),
		cmocka_unit_test(test_one_partner_cannot_be_both),
		cmocka_unit_test(test_state_codes_round_trip),
		cmocka_unit_test(test_nine_characteristics_in_both_languages),
		cmocka_unit_test(test_element_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

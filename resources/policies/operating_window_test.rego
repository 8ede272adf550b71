package portcullis.operating_window_test

import rego.v1

import data.portcullis.operating_window

at(in_window) := {"agent": {"id": "a1"}, "time": {"hour": 3, "weekday": "Sunday", "in_window": in_window}}

test_outside_window_is_denied if {
	results := operating_window.deny with input as at(false)
	some d in results
	d.rule == "outside_operating_window"
}

test_inside_window_is_allowed if {
	count(operating_window.deny) == 0 with input as at(true)
}

test_unknown_window_is_not_denied_by_this_rule if {
	count(operating_window.deny) == 0 with input as {"agent": {"id": "a1"}, "time": {}}
}

package portcullis.privilege_test

import rego.v1

import data.portcullis.privilege

change(verb) := {"action": {"type": "iam", "verb": verb, "target": {"resource": "role:admin"}}}

test_grant_needs_two_approvers if {
	results := privilege.review with input as change("grant")
	some r in results
	r.rule == "privilege_change_quorum"
	r.quorum == 2
}

test_read_needs_no_review if {
	count(privilege.review) == 0 with input as change("read")
}

test_privilege_change_type_needs_review if {
	count(privilege.review) == 1 with input as {"action": {"type": "privilege_change", "verb": "update", "target": {}}}
}

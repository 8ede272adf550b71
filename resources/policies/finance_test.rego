package portcullis.finance_test

import rego.v1

import data.portcullis.finance

transfer(role, amount) := {
	"agent": {"id": "fin-1", "role": role},
	"action": {"type": "payment", "verb": "transfer", "payload": {"amount": amount}},
}

test_large_transfer_needs_review if {
	results := finance.review with input as transfer("finance", 25000)
	some r in results
	r.rule == "finance_amount_over_limit"
}

test_small_transfer_is_allowed if {
	count(finance.review) == 0 with input as transfer("finance", 500)
	results := finance.allow with input as transfer("finance", 500)
	some a in results
	a.rule == "finance_amount_within_limit"
}

test_amount_as_string_is_understood if {
	count(finance.review) == 1 with input as transfer("finance", "12000.50")
}

test_limit_comes_from_data if {
	count(finance.review) == 1 with input as transfer("finance", 600)
		with data.portcullis.config.finance.max_amount_without_review as 500
}

test_other_roles_are_not_in_scope if {
	count(finance.review) == 0 with input as transfer("support", 25000)
}

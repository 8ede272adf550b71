package portcullis.pii_external_test

import rego.v1

import data.portcullis.pii_external

send(types, external) := {
	"action": {"verb": "post", "target": {"url": "https://crm.example.com", "external": external}},
	"classification": {"types": types},
}

test_pii_to_external_is_denied if {
	results := pii_external.deny with input as send(["EMAIL", "PHONE"], true)
	some d in results
	d.rule == "pii_to_external_endpoint"
	contains(d.reason, "EMAIL, PHONE")
}

test_pii_internal_is_allowed if {
	count(pii_external.deny) == 0 with input as send(["EMAIL"], false)
}

test_no_pii_external_is_allowed if {
	count(pii_external.deny) == 0 with input as send(["CREDIT_CARD"], true)
}

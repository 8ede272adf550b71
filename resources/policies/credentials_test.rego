package portcullis.credentials_test

import rego.v1

import data.portcullis.credentials

send(types, external) := {
	"action": {"type": "http", "verb": "post", "target": {"host": "api.example.com", "external": external}},
	"classification": {"types": types},
}

test_secret_to_external_host_is_denied if {
	results := credentials.deny with input as send(["GITHUB_TOKEN"], true)
	some d in results
	d.rule == "credentials_to_external_host"
}

test_secret_to_internal_host_is_allowed if {
	count(credentials.deny) == 0 with input as send(["GITHUB_TOKEN"], false)
}

test_non_secret_to_external_host_is_allowed if {
	count(credentials.deny) == 0 with input as send(["EMAIL"], true)
}

test_missing_classification_is_allowed if {
	count(credentials.deny) == 0 with input as {"action": {"target": {"external": true}}}
}

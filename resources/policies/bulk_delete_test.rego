package portcullis.bulk_delete_test

import rego.v1

import data.portcullis.bulk_delete

delete_input(verb, count, env) := {
	"agent": {"id": "a1", "role": "ops", "environment": env},
	"action": {"type": "db", "verb": verb, "target": {"resource": "orders", "environment": env}, "payload": {"count": count}},
}

test_bulk_delete_in_production_needs_review if {
	results := bulk_delete.review with input as delete_input("delete", 5000, "production")
	some r in results
	r.rule == "bulk_delete_production"
}

test_small_delete_in_production_is_fine if {
	count(bulk_delete.review) == 0 with input as delete_input("delete", 3, "production")
}

test_bulk_delete_in_staging_is_fine if {
	count(bulk_delete.review) == 0 with input as delete_input("delete", 5000, "staging")
}

test_truncate_is_always_bulk if {
	count(bulk_delete.review) == 1 with input as delete_input("truncate", 1, "production")
}

test_threshold_comes_from_data if {
	count(bulk_delete.review) == 1 with input as delete_input("delete", 20, "production")
		with data.portcullis.config.bulk_delete.min_records as 10
}

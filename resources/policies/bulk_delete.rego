# Bulk deletes in production need a human review.
package portcullis.bulk_delete

import rego.v1

default min_records := 100

min_records := data.portcullis.config.bulk_delete.min_records

delete_verbs := {"delete", "bulk_delete", "truncate", "drop"}

in_production if input.action.target.environment == "production"

in_production if {
	not input.action.target.environment
	input.agent.environment == "production"
}

record_count := object.get(input.action.payload, "count", 1)

is_bulk if input.action.verb == "bulk_delete"

is_bulk if {
	input.action.verb in delete_verbs
	record_count >= min_records
}

is_bulk if input.action.verb in {"truncate", "drop"}

review contains {
	"rule": "bulk_delete_production",
	"reason": sprintf("%s of %v record(s) on %s in production needs review", [input.action.verb, record_count, input.action.target.resource]),
} if {
	in_production
	is_bulk
}

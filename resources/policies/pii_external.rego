# Personal data to external endpoints is blocked.
package portcullis.pii_external

import rego.v1

pii_types := {"EMAIL", "PHONE", "US_SSN", "PASSPORT", "DATE_OF_BIRTH", "STREET_ADDRESS", "IP_ADDRESS"}

found contains t if {
	some t in input.classification.types
	t in pii_types
}

deny contains {
	"rule": "pii_to_external_endpoint",
	"reason": sprintf("payload carries personal data (%s) bound for an external endpoint", [concat(", ", sort(found))]),
} if {
	input.action.target.external == true
	count(found) > 0
}

# Credentials never leave to external hosts.
package portcullis.credentials

import rego.v1

secret_types := {
	"AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY",
	"OPENAI_KEY", "ANTHROPIC_KEY", "PRIVATE_KEY", "JWT", "PASSWORD", "CONNECTION_STRING", "GENERIC_SECRET",
}

found contains t if {
	some t in input.classification.types
	t in secret_types
}

deny contains {
	"rule": "credentials_to_external_host",
	"reason": sprintf("payload carries %s and the target %s is external", [concat(", ", sort(found)), object.get(input.action.target, "host", "(unknown host)")]),
} if {
	input.action.target.external == true
	count(found) > 0
}

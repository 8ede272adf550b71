# Privilege changes need two approvers.
package portcullis.privilege

import rego.v1

default approvers := 2

approvers := data.portcullis.config.privilege.approvers

privilege_verbs := {"grant", "revoke", "assign_role", "elevate", "add_admin"}

is_privilege_change if input.action.type == "privilege_change"

is_privilege_change if input.action.verb in privilege_verbs

review contains {
	"rule": "privilege_change_quorum",
	"reason": sprintf("%s on %s changes privileges and needs %d approvers", [input.action.verb, object.get(input.action.target, "resource", "?"), approvers]),
	"quorum": approvers,
} if {
	is_privilege_change
}

# Agents act only inside their operating window (computed by the context step: input.time.in_window).
package portcullis.operating_window

import rego.v1

deny contains {
	"rule": "outside_operating_window",
	"reason": sprintf("agent %s acted at %v:00 on %s, outside its operating window", [input.agent.id, input.time.hour, input.time.weekday]),
} if {
	input.time.in_window == false
}

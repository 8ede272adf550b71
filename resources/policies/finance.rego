# Finance agents may not move more than a configured amount without review.
package portcullis.finance

import rego.v1

default max_amount := 10000

max_amount := data.portcullis.config.finance.max_amount_without_review

money_verbs := {"transfer", "pay", "payout", "refund", "wire"}

amount := to_number(input.action.payload.amount)

moves_money if input.action.verb in money_verbs

moves_money if input.action.type == "payment"

review contains {
	"rule": "finance_amount_over_limit",
	"reason": sprintf("%s of %v exceeds the %v limit for finance agents", [input.action.verb, amount, max_amount]),
} if {
	input.agent.role == "finance"
	moves_money
	amount > max_amount
}

allow contains {
	"rule": "finance_amount_within_limit",
	"reason": sprintf("%s of %v is within the %v limit", [input.action.verb, amount, max_amount]),
} if {
	input.agent.role == "finance"
	moves_money
	amount <= max_amount
}

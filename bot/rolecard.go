package bot

import (
	"slices"
	"strings"

	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

// cadenceOrder is the order of the sections of a role card.
var cadenceOrder = []policy.Cadence{policy.Once, policy.Monthly, policy.Quarterly, policy.HalfYearly, policy.Yearly, policy.Periodic, policy.WhenNeeded, policy.Always}

// roleCard sends the person their duties under the policy (/incident rol):
// every row of the task matrix of each of their roles, grouped by cadence,
// each with how meldbot helps — guidance rows included.
func (t *turn) roleCard() error {
	roles := slices.Clone(t.person.Roles)
	if slices.Contains(roles, policy.RoleDeputy) && !slices.Contains(roles, policy.RoleManager) {
		roles = append(roles, policy.RoleManager) // a deputy stands in for the manager
	}
	roles = append(roles, policy.RoleEmployee)
	var b strings.Builder
	b.WriteString(t.tr.T("rolecard.title") + "\n")
	var names []string
	for _, r := range roles {
		if r != policy.RoleDeputy || !slices.Contains(t.person.Roles, policy.RoleManager) {
			names = append(names, t.tr.T("role."+string(r)))
		}
	}
	names = slices.Compact(names)
	who := strings.Join(names, ", ")
	if d, ok := t.b.org.Department(t.person.Department); ok {
		who += " — " + d.Name
	}
	b.WriteString(t.tr.T("rolecard.you", "Roles", who) + "\n")
	seen := map[policy.Role]bool{}
	for _, r := range roles {
		if seen[r] {
			continue
		}
		seen[r] = true
		rows := policy.RowsOf(r)
		if len(rows) == 0 {
			if note := t.tr.T("rolecard.note." + string(r)); !strings.HasPrefix(note, "⟦") {
				b.WriteString("\n*" + locale.Capital(t.tr.T("role."+string(r))) + "*\n" + note + "\n")
			}
			continue
		}
		b.WriteString("\n*" + locale.Capital(t.tr.T("role."+string(r))) + "*\n")
		for _, c := range cadenceOrder {
			var lines []string
			for _, row := range rows {
				if row.Cadence == c {
					lines = append(lines, "• *"+row.ID+"* "+t.tr.T("row."+row.ID)+"\n   ↳ "+t.tr.T("row."+row.ID+".how"))
				}
			}
			if len(lines) > 0 {
				b.WriteString("_" + t.tr.T("cadence."+string(c)) + "_\n" + strings.Join(lines, "\n") + "\n")
			}
		}
	}
	return t.reply(Message{Text: strings.TrimRight(b.String(), "\n")})
}

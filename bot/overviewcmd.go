package bot

import (
	"regexp"
	"strings"

	"meldbot/bot/policy"
	"meldbot/bot/register"
)

// periodWord matches the words that are (meant as) a period: 2026, 2026-Q3,
// Q3, K3, H1, 2026-11 — anything starting with a digit, or Q, K or H and a
// digit. Department and location names do not.
var periodWord = regexp.MustCompile(`(?i)^(\d|[QKH]\d)`)

// splitPeriod separates the period from the rest of a command's words: in
// "2026-Q3 publiekszaken" the period is "2026-Q3", the rest "publiekszaken".
func splitPeriod(args string) (period, rest string) {
	var p, r []string
	for _, w := range strings.Fields(args) {
		if periodWord.MatchString(w) {
			p = append(p, w)
		} else {
			r = append(r, w)
		}
	}
	return strings.Join(p, " "), strings.Join(r, " ")
}

// findScope reads a department or location by ID or name; "" is the whole
// organisation.
func (o *Organisation) findScope(s string) (register.Scope, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return register.Scope{}, true
	}
	for _, d := range o.Departments {
		if strings.EqualFold(d.ID, s) || strings.EqualFold(d.Name, s) {
			return register.Scope{Department: d.ID}, true
		}
	}
	for _, l := range o.Locations {
		if strings.EqualFold(l.ID, s) || strings.EqualFold(l.Name, s) {
			return register.Scope{Location: l.ID}, true
		}
	}
	return register.Scope{}, false
}

// overviewCommand handles /incident overzicht [period] [department or
// location]. The coordinator may ask for any period and scope; the town
// clerk and the board for half-years and years (S7, S8, B6, B10, S12); a
// manager or deputy for their own department (C7). The default is the last
// complete quarter — for the clerk and the board the last complete
// half-year.
func (t *turn) overviewCommand(args string) error {
	p, org := t.person, t.b.org
	periodText, place := splitPeriod(args)
	sc, ok := org.findScope(place)
	if !ok {
		return t.reply(Message{Text: t.tr.T("overview.unknown_scope", "Name", place)})
	}
	coordinator := p.Has(policy.RoleCoordinator)
	board := p.Has(policy.RoleTownClerk) || p.Has(policy.RoleBoard)
	manager := (p.Has(policy.RoleManager) || p.Has(policy.RoleDeputy)) && p.Department != ""
	switch {
	case coordinator, board:
	case manager && (sc == register.Scope{} || sc.Department == p.Department):
		sc = register.Scope{Department: p.Department}
	case manager:
		return t.reply(Message{Text: t.tr.T("overview.own_department")})
	default:
		return t.refuse("overview")
	}
	if periodText == "" && board && !coordinator {
		periodText = register.PeriodKey("half", t.now.AddDate(0, -6, 0))
	}
	period, err := register.ParsePeriod(periodText, t.now)
	if err != nil {
		return t.reply(Message{Text: t.tr.T("overview.bad_period")})
	}
	if board && !coordinator && !manager && (period.Unit() == "quarter" || period.Unit() == "month") {
		return t.reply(Message{Text: t.tr.T("overview.board_periods")})
	}
	if !period.From.Before(t.now) {
		return t.reply(Message{Text: t.tr.T("overview.future", "Period", t.tr.Period(period.Key))})
	}
	return t.sendOverview(p.Email, period, sc)
}

package bot

import (
	"meldbot/bot/policy"
	"meldbot/bot/register"
)

// sendOverview sends a person the overview of a period: a table in the text
// and a chart of the incidents per month by category. sc narrows it to a
// department or location. Only a coordinator sees exact small numbers;
// everyone else sees counts below the organisation's threshold (default 5)
// as "< 5", and no percentage, median or chart that would give them away.
// The message is queued in the turn's transaction, and the overview
// enters the audit trail when it is delivered. This is the entry point for the policy
// cycle: the quarterly overview (C6, C3), the trends per department (C7),
// the half-yearly and yearly reports (S8, S7, B6).
func (t *turn) sendOverview(to Email, p register.Period, sc register.Scope) error {
	viewer := t.b.org.PersonOrGuest(User{Email: to})
	small := 0
	if !viewer.Has(policy.RoleCoordinator) {
		small = t.b.org.smallNumbers()
	}
	tr := t.textsFor(to)
	o, err := register.NewOverview(t.tx, p, sc, t.now, register.Reader{Texts: tr, Units: t.b.org.units(), Small: small})
	if err != nil {
		return err
	}
	m := Message{Text: o.Text()}
	var png []byte
	bars, ok := o.ChartBars()
	if ok {
		png, err = t.b.charts.PNG(bars)
	}
	switch {
	case err != nil:
		// The figures matter more than the picture: send them anyway.
		t.b.log.Warn().Err(err).Str("period", p.Key).Msg("overview chart failed; sending the table only")
	case png != nil:
		m.Image = &Image{Name: "meldingen-" + p.Key + scopeSuffix(sc) + ".png", PNG: png}
	case o.Total() > 0:
		m.Text += "\n\n" + tr.T("overview.no_chart", "Small", small)
	}
	what := p.Key + scopeSuffix(sc)
	if to != t.person.Email {
		what += " → " + string(to)
	}
	return t.send(to, m, AuditEntry{By: t.person.Email, To: to, Action: AuditOverview, What: what})
}

// overviewCharts is how many overview charts a bot keeps drawn: enough for
// the periods and scopes a policy cycle asks for at once.
const overviewCharts = 32

func scopeSuffix(sc register.Scope) string {
	switch {
	case sc.Department != "":
		return "-" + sc.Department
	case sc.Location != "":
		return "-" + sc.Location
	}
	return ""
}

// units returns the departments and locations an overview names.
func (o *Organisation) units() register.Units {
	var u register.Units
	for _, d := range o.Departments {
		u.Departments = append(u.Departments, register.Unit{ID: d.ID, Name: d.Name})
	}
	for _, l := range o.Locations {
		u.Locations = append(u.Locations, register.Unit{ID: l.ID, Name: l.Name})
	}
	return u
}

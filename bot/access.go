package bot

import (
	"encoding/json"
	"errors"
	"fmt"

	"strings"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/policy"
	"meldbot/bot/when"
)

// ErrNotAllowed is returned when a person asks for an incident they may not
// see — and equally when the incident does not exist, so the answer never
// tells whether it does.
var ErrNotAllowed = errors.New("not allowed")

// Access is how much of an incident a person may see.
type Access int

// Levels of access, from nothing to everything.
const (
	// NoAccess: the person may not know the incident exists.
	NoAccess Access = iota
	// ReportAccess: the report as made and whether it is still being
	// handled. A colleague who reported for someone else (G9) sees what they
	// reported, not the care that followed.
	ReportAccess
	// FullAccess: the report, what was recorded, its tasks and history.
	FullAccess
)

// AccessTo decides what a person may see of an incident. It is the one
// place these rules live (PRODUCT.md, "Who may see what"):
//   - the coordinator sees every incident;
//   - the person it happened to (Subject) sees their own;
//   - a manager or deputy sees their department's;
//   - Legal sees what was sent to Legal: incidents with material damage (M11);
//   - the reporter who reported for someone else sees the report they made;
//   - anyone else sees nothing.
func (o *Organisation) AccessTo(p Person, inc Incident) Access {
	email := p.Email
	switch {
	case email == "":
		return NoAccess
	case p.Has(policy.RoleCoordinator):
		return FullAccess
	case email == inc.Subject:
		return FullAccess
	case (p.Has(policy.RoleManager) || p.Has(policy.RoleDeputy)) && p.Department != "" && p.Department == inc.Department():
		return FullAccess
	case p.Has(policy.RoleLegal) && inc.Damage():
		return FullAccess
	case email == inc.Reporter:
		return ReportAccess
	}
	return NoAccess
}

// readIncident is how a person gets to see an incident: every read on
// someone's behalf goes through here. It returns the incident and how much
// of it the viewer may see; the message that shows it carries the read's
// audit entry (readFor, with the purpose: the command, e.g. "show"), which
// enters the trail when the message is delivered. A viewer who may not see it gets
// ErrNotAllowed, exactly as for a number that does not exist: both are in
// the audit trail as a refusal of the number asked for, and both take the
// same steps — a number that does not exist is answered after reading a
// stand-in — so neither the answer, nor the trail, nor the time it takes
// tells whether the number is in use.
func (t *turn) readIncident(viewer Person, number, purpose string) (Incident, Access, error) {
	canonical, ok := CanonicalNumber(number)
	if !ok {
		return Incident{}, NoAccess, ErrNotAllowed
	}
	inc, err := t.tx.Incident(canonical)
	exists := err == nil
	if errors.Is(err, ErrNotFound) {
		inc, err = standIn(canonical)
	}
	if err != nil {
		return Incident{}, NoAccess, fmt.Errorf("reading %s: %w", canonical, err)
	}
	access := t.b.org.AccessTo(viewer, inc)
	if !exists {
		access = NoAccess
	}
	access, err = t.allow(viewer, inc.Number, access, purpose)
	if err != nil {
		return Incident{}, NoAccess, err
	}
	return inc, access, nil
}

// standInRecord is a stored incident of a usual size, read in place of a
// number that does not exist.
var standInRecord, _ = json.Marshal(Incident{Number: "GIR-2026-0001", ReportedAt: time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC),
	Reporter: "medewerker@voorbeeld.nl", ReporterName: "Voornaam Achternaam", Subject: "medewerker@voorbeeld.nl", SubjectName: "Voornaam Achternaam",
	Report: form.Answers{
		"categories": {Keys: []string{"verbal", "threat"}}, "channel": {Keys: []string{"in_person"}},
		"when":       {Moment: &when.Moment{Time: time.Date(2026, 11, 27, 14, 30, 0, 0, time.UTC), Precision: when.Minute}},
		"department": {Keys: []string{"afdeling"}}, "location": {Keys: []string{"locatie"}},
		"description": {Text: strings.Repeat("Een beschrijving van wat er gebeurde, in de eigen woorden van de melder. ", 4)},
		"party":       {Keys: []string{"citizen"}}, "party_name": {Text: "klantnummer 123456"}, "party_count": {Keys: []string{"single"}},
		"weapon": {Keys: []string{"no"}}, "injury": {Keys: []string{"none"}}, "absence": {Keys: []string{"no"}}, "impact": {Keys: []string{"some"}},
		"police": {Keys: []string{"undecided"}}},
	Status: StatusOpen})

// standIn reads the stand-in of an incident that does not exist, as
// reading a stored one would, under the number asked for.
func standIn(number string) (Incident, error) {
	var inc Incident
	if err := json.Unmarshal(standInRecord, &inc); err != nil {
		return Incident{}, err
	}
	inc.Number = number
	return inc, nil
}

// grant decides what a viewer may see of an incident already read; see
// allow.
func (t *turn) grant(viewer Person, inc Incident, purpose string) (Access, error) {
	return t.allow(viewer, inc.Number, t.b.org.AccessTo(viewer, inc), purpose)
}

// allow passes on the access a viewer has to number. A refusal is appended
// to the audit trail at once, with its purpose, and returns ErrNotAllowed:
// asking is what it records, whatever is answered. A read enters the trail
// with the message that shows it (readFor).
func (t *turn) allow(viewer Person, number string, access Access, purpose string) (Access, error) {
	if access != NoAccess {
		return access, nil
	}
	denied := AuditEntry{At: t.now, By: viewer.Email, Incident: number, Action: AuditDenied, What: purpose}
	if _, err := t.tx.AppendAudit(denied); err != nil {
		return NoAccess, err
	}
	return NoAccess, ErrNotAllowed
}

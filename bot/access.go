package bot

import (
	"errors"
	"fmt"

	"meldbot/bot/policy"
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
	email := NormalizeEmail(p.Email)
	switch {
	case email == "":
		return NoAccess
	case p.Has(policy.RoleCoordinator):
		return FullAccess
	case email == NormalizeEmail(inc.Subject):
		return FullAccess
	case (p.Has(policy.RoleManager) || p.Has(policy.RoleDeputy)) && p.Department != "" && p.Department == inc.Department:
		return FullAccess
	case p.Has(policy.RoleLegal) && inc.Damage:
		return FullAccess
	case email == NormalizeEmail(inc.Reporter):
		return ReportAccess
	}
	return NoAccess
}

// readIncident is how a person gets to see an incident: every read on
// someone's behalf goes through here. It returns the incident and how much
// of it the viewer may see, and appends the read to the audit trail with its
// purpose (the command, e.g. "show"). A viewer who may not see it gets
// ErrNotAllowed, exactly as for a number that does not exist; the refusal of
// an existing incident is in the audit trail too.
func (t *turn) readIncident(viewer Person, number, purpose string) (Incident, Access, error) {
	canonical, ok := CanonicalNumber(number)
	if !ok {
		return Incident{}, NoAccess, ErrNotAllowed
	}
	inc, err := t.tx.Incident(canonical)
	if errors.Is(err, ErrNotFound) {
		return Incident{}, NoAccess, ErrNotAllowed
	}
	if err != nil {
		return Incident{}, NoAccess, fmt.Errorf("reading %s: %w", canonical, err)
	}
	access, err := t.grant(viewer, inc, purpose)
	if err != nil {
		return Incident{}, NoAccess, err
	}
	return inc, access, nil
}

// grant decides what a viewer may see of an incident already read, and
// records the read, or the refusal, in the audit trail with its purpose.
// Refused, it returns ErrNotAllowed.
func (t *turn) grant(viewer Person, inc Incident, purpose string) (Access, error) {
	by := NormalizeEmail(viewer.Email)
	access := t.b.org.AccessTo(viewer, inc)
	action := AuditRead
	if access == NoAccess {
		action = AuditDenied
	}
	if _, err := t.tx.AppendAudit(AuditEntry{At: t.now, By: by, Incident: inc.Number, Action: action, What: purpose}); err != nil {
		return NoAccess, err
	}
	if access == NoAccess {
		return NoAccess, ErrNotAllowed
	}
	return access, nil
}

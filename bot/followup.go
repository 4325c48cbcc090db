package bot

import (
	"errors"
	"slices"
	"strings"

	"meldbot/bot/locale"
	"meldbot/bot/policy"
	"meldbot/bot/register"
)

// followUp starts everything that follows a confirmed report (promise 2:
// nobody is left alone after an incident). It runs in the transaction that
// stores the incident, so the incident and its tasks are saved together.
// The tasks and their time come from reportTasks; who carries each, from
// its kind. Urgent first care outside working hours goes to who is on
// call first, when the organisation has someone (onCall).
func (t *turn) followUp(inc *Incident) error {
	for _, task := range t.b.reportTasks(*inc, t.now) {
		if task.Assignee == "" {
			task.Assignee, task.Fallback = t.carriers(task, inc)
		}
		add := t.addTask
		if task.Kind == TaskFirstCare {
			add = t.addFirstCare
		}
		if err := add(task, inc, false); err != nil {
			return err
		}
	}
	if OnlyUnsafe(inc.Categories()) {
		// E10: the lighter report goes to the manager, who assesses it.
		return nil
	}
	// C8: a new kind of incident is a reason to look at the risk inventory.
	if err := t.nudgeOnNewKinds(inc); err != nil {
		return err
	}
	return t.tellOthers(inc)
}

// carriers returns who carries a task of an incident and who hears when
// they do not: the care-givers of the department, Legal, facility staff or
// a guard of the location — the guard who reported, when it was one.
func (t *turn) carriers(task Task, inc *Incident) (Email, []Email) {
	org := t.b.org
	if task.spec().carrier == guard {
		if reporter, _ := org.Person(inc.Reporter); reporter.Has(policy.RoleSecurity) {
			return org.split([]Email{inc.Reporter})
		}
	}
	return org.route(task, inc)
}

// planCheckIns schedules gentle check-ins with someone after the incident
// (E11), from now: after three working days and before each follow-up.
func (t *turn) planCheckIns(inc *Incident, who Email) error {
	for _, task := range t.b.checkInTasks(inc.Number, who, t.now) {
		if err := t.addTask(task, inc, false); err != nil {
			return err
		}
	}
	return nil
}

// tellOthers informs the people who must know, without tasks: the subject
// of a report made for them (G9), witnesses (E11), and for serious incidents
// the town clerk, the board contact and communication (B7, B9, S9, S11, C9).
func (t *turn) tellOthers(inc *Incident) error {
	org := t.b.org
	if inc.Subject != inc.Reporter {
		tr := t.textsFor(inc.Subject)
		msg := Message{Text: tr.T("followup.reported_for_you", "Reporter", inc.ReporterName, "Number", inc.Number) +
			"\n\n" + tr.T("followup.checkin_offer"), Choices: checkInOfferChoices(tr, inc.Number)}
		if err := t.send(inc.Subject, msg, shown(inc.Number, inc.Subject, shownForYou)); err != nil {
			return err
		}
	}
	for _, w := range t.namedWitnesses(inc) {
		tr := t.textsFor(w)
		msg := Message{Text: tr.T("followup.witness", "When", tr.Moment(inc.Occurred())) +
			"\n\n" + tr.T("followup.checkin_offer"), Choices: checkInOfferChoices(tr, inc.Number)}
		if err := t.send(w, msg, shown(inc.Number, w, shownWitness)); err != nil {
			return err
		}
	}
	if !inc.Serious {
		return nil
	}
	var told []Email
	for _, r := range []policy.Role{policy.RoleTownClerk, policy.RoleBoard, policy.RoleCommunication} {
		for _, p := range org.WithRole(r) {
			if p.Email == inc.Subject || slices.Contains(told, p.Email) {
				continue
			}
			told = append(told, p.Email)
			if err := t.send(p.Email, t.seriousNotice(inc, t.textsFor(p.Email)), shown(inc.Number, p.Email, shownSerious)); err != nil {
				return err
			}
		}
	}
	return nil
}

// seriousNotice tells the town clerk, the board contact and communication of
// a serious incident without naming anyone: care and alignment need the
// facts, not the person's data, which the coordinator can share.
func (t *turn) seriousNotice(inc *Incident, tr locale.Texts) Message {
	dept := tr.T("notice.unknown_department")
	if d, ok := t.b.org.Department(inc.Department()); ok {
		dept = d.Name
	}
	return Message{Text: tr.T("notice.serious_board", "Number", inc.Number, "What", register.CategoryNames(tr, inc.Categories()),
		"Department", dept, "When", tr.Moment(inc.Occurred()))}
}

// namedWitnesses returns the people of the organisation named as witnesses:
// those the reporter confirmed, or, in a report of an earlier version, those
// named by e-mail address or full name. The subject and reporter are left
// out.
func (t *turn) namedWitnesses(inc *Incident) []Email {
	if keys := inc.Report["witnesses"].People; keys != nil {
		var out []Email
		for _, k := range keys {
			if e := Email(k); e != inc.Subject && e != inc.Reporter && !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
		return out
	}
	text := strings.ToLower(inc.Witnesses())
	if text == "" {
		return nil
	}
	var out []Email
	for _, p := range t.b.org.People {
		if p.Email == inc.Subject || p.Email == inc.Reporter {
			continue
		}
		if containsWords(text, string(p.Email)) || (p.Name != "" && containsWords(text, strings.ToLower(p.Name))) {
			out = append(out, p.Email)
		}
	}
	return out
}

// containsWords reports whether phrase stands in text as whole words:
// "tom smit" in "tom smit stond ernaast", not in "tom smits".
func containsWords(text, phrase string) bool {
	for i := strings.Index(text, phrase); i >= 0; {
		before, after := i-1, i+len(phrase)
		if (before < 0 || !isWordByte(text[before])) && (after >= len(text) || !isWordByte(text[after])) {
			return true
		}
		next := strings.Index(text[i+1:], phrase)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// checkInOfferChoices are the buttons of an offer of check-ins.
func checkInOfferChoices(tr locale.Texts, number string) []Choice {
	return []Choice{
		{Label: tr.T("followup.checkin_yes"), Value: checkInOfferValue(number, "yes"), Style: StylePrimary},
		{Label: tr.T("followup.checkin_no"), Value: checkInOfferValue(number, "no")},
	}
}

// checkInOffer handles the answer to an offer of check-ins. Only the people
// it is offered to may answer it: the person a report was made for and the
// colleagues named as witnesses. For anyone else the incident does not
// exist.
func (t *turn) checkInOffer(number, answer string) error {
	inc, err := t.tx.Incident(number)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	me := t.person.Email
	if err != nil || (me != inc.Subject && !slices.Contains(t.namedWitnesses(&inc), me)) {
		return t.reply(Message{Text: t.tr.T("task.unavailable")})
	}
	if answer != "yes" {
		if err := t.update(t.ref, Message{Text: t.tr.T("followup.checkin_declined")}); err != nil {
			return err
		}
		return t.reply(Message{Text: t.tr.T("followup.checkin_declined_reply")})
	}
	if _, err := t.tx.Task(checkInID(number, t.person.Email, 1)); err == nil {
		return t.reply(Message{Text: t.tr.T("followup.checkin_accepted")})
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	if err := t.planCheckIns(&inc, t.person.Email); err != nil {
		return err
	}
	if err := t.update(t.ref, Message{Text: t.tr.T("followup.checkin_accepted")}); err != nil {
		return err
	}
	return t.reply(Message{Text: t.tr.T("followup.checkin_accepted")})
}

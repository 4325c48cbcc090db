package bot

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"meldbot/bot/locale"
	"meldbot/bot/policy"
	"meldbot/bot/register"
)

// followUp starts everything that follows a confirmed report (promise 2:
// nobody is left alone after an incident). It runs in the transaction that
// stores the incident, so the incident and its tasks are saved together.
func (t *turn) followUp(inc *Incident) error {
	org, tm, cal, now := t.b.org, t.b.org.Timings, t.b.cal, t.now
	manager, fallback := org.careGivers(inc.Department(), inc.Subject)

	if OnlyUnsafe(inc.Categories()) {
		// E10: the lighter report goes to the manager, who assesses it.
		if err := t.addTask(Task{Kind: TaskUnsafe, Assignee: manager, Fallback: fallback,
			Start: now, Due: cal.AddWorkingDays(now, 2)}, inc, false); err != nil {
			return err
		}
		return t.facilityTask(inc)
	}

	// M5: first care at once; urgent when serious or the employee wants to
	// talk now.
	urgent := inc.Serious || inc.TalkNow()
	due := cal.AddWorkingHours(now, time.Duration(tm.FirstCareWorkingHours)*time.Hour)
	if urgent {
		due = now.Add(tm.FirstCareSerious)
	}
	tasks := []Task{{Kind: TaskFirstCare, Start: now, Due: due, Urgent: urgent}}

	// M7: a contact today, the aftercare talk within 72 hours, follow-ups.
	contactStart := cal.StartOfWork(now.Add(time.Hour))
	contactDue := cal.EndOfWork(contactStart)
	if contactDue.Sub(contactStart) < 2*time.Hour {
		contactDue = contactStart.Add(2 * time.Hour)
	}
	tasks = append(tasks,
		Task{Kind: TaskContactToday, Start: contactStart, Due: contactDue},
		Task{Kind: TaskAftercareTalk, Start: cal.StartOfWork(now.Add(24 * time.Hour)), Due: now.Add(tm.AftercareTalk)})
	for i, d := range tm.FollowUps {
		start := cal.StartOfWork(now.Add(d))
		tasks = append(tasks, Task{Kind: TaskFollowUp, ID: incidentTaskID(inc.Number, TaskFollowUp, strconv.Itoa(i+1)),
			Start: start, Due: cal.AddWorkingDays(start, 3), Note: fmt.Sprintf("%d/%d", i+1, len(tm.FollowUps))})
	}

	// M6, E8, E9: support the police report or the melding.
	policeStart, policeDue := cal.StartOfWork(now.Add(time.Hour)), cal.AddWorkingDays(now, tm.PoliceReportWorkingDays)
	switch {
	case inc.Police().Supported():
		tasks = append(tasks, Task{Kind: TaskPolice, Start: policeStart, Due: policeDue, Note: "aangifte"})
	case inc.Police() == PoliceNo && inc.PoliceMelding():
		tasks = append(tasks, Task{Kind: TaskPolice, Start: policeStart, Due: policeDue, Note: "melding"})
	}

	// M10: a reaction toward the offender within 48 hours; M9: the analysis;
	// M8: serious incidents in the next team meeting. Only first care is
	// announced at once; the rest follows, so the manager can focus on it.
	tasks = append(tasks,
		Task{Kind: TaskOffender, Start: cal.StartOfWork(now.Add(time.Hour)), Due: now.Add(tm.OffenderReaction), Note: inc.Party()},
		Task{Kind: TaskAnalysis, Start: cal.StartOfWork(now.Add(24 * time.Hour)), Due: cal.AddWorkingDays(now, tm.AnalysisWorkingDays)})
	if inc.Serious {
		tasks = append(tasks, Task{Kind: TaskTeamMeeting, Start: cal.StartOfWork(now.Add(24 * time.Hour)), Due: now.Add(14 * 24 * time.Hour)})
	}
	for _, task := range tasks {
		task.Assignee, task.Fallback = manager, fallback
		if err := t.addTask(task, inc, false); err != nil {
			return err
		}
	}

	// M11: material damage goes to Legal.
	if inc.Damage() {
		legal, rest := org.split(emails(org.WithRole(policy.RoleLegal)))
		if err := t.addTask(Task{Kind: TaskLegal, Assignee: legal, Fallback: rest, Start: now,
			Due: cal.AddWorkingDays(now, tm.TaskWorkingDays)}, inc, false); err != nil {
			return err
		}
	}
	if err := t.facilityTask(inc); err != nil {
		return err
	}
	// G8: a guard who was involved evaluates their own intervention.
	if inc.SecurityInvolved() {
		guards := org.atLocation(policy.RoleSecurity, inc.Location())
		if reporter, _ := org.Person(inc.Reporter); reporter.Has(policy.RoleSecurity) {
			guards = []Email{inc.Reporter}
		}
		guard, rest := org.split(guards)
		if err := t.addTask(Task{Kind: TaskSecurityEval, Assignee: guard, Fallback: rest,
			Start: cal.StartOfWork(now.Add(time.Hour)), Due: cal.AddWorkingDays(now, tm.TaskWorkingDays)}, inc, false); err != nil {
			return err
		}
	}
	// C8: a new kind of incident is a reason to look at the risk inventory.
	if err := t.nudgeOnNewKinds(inc); err != nil {
		return err
	}
	// E11: check-ins with the employee who asked for them.
	if inc.WantsCheckIns() {
		if err := t.planCheckIns(inc, inc.Subject); err != nil {
			return err
		}
	}
	return t.tellOthers(inc)
}

// facilityTask asks facility staff of the location to adapt the workplace
// (F1) when the report says a physical measure is needed.
func (t *turn) facilityTask(inc *Incident) error {
	if !inc.WorkplaceMeasure() {
		return nil
	}
	org := t.b.org
	staff, rest := org.split(org.atLocation(policy.RoleFacility, inc.Location()))
	return t.addTask(Task{Kind: TaskFacility, Assignee: staff, Fallback: rest, Start: t.now,
		Due: t.b.cal.AddWorkingDays(t.now, org.Timings.TaskWorkingDays)}, inc, false)
}

// planCheckIns schedules gentle check-ins with someone after the incident
// (E11): after three working days and at the follow-up moments.
func (t *turn) planCheckIns(inc *Incident, who Email) error {
	cal := t.b.cal
	moments := []time.Time{cal.MorningOf(cal.AddWorkingDays(t.now, t.b.org.Timings.CheckInWorkingDays))}
	for _, d := range t.b.org.Timings.FollowUps {
		moments = append(moments, cal.MorningOf(t.now.Add(d-24*time.Hour)))
	}
	for i, at := range moments {
		task := Task{Kind: TaskCheckIn, ID: checkInID(inc.Number, who, i+1),
			Assignee: who, Start: at, Due: at.Add(7 * 24 * time.Hour)}
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

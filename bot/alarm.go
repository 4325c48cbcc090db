package bot

import (
	"errors"
	"slices"
	"time"

	"meldbot/bot/locale"
	"meldbot/bot/policy"
	"meldbot/bot/register"
)

// The monthly alarm test (F2), the defects it finds (F3), and the nudges
// to update the risk inventory (C8).

// finishDefect records a failed alarm test: the defect becomes a repair task
// that is reminded until it is fixed (F3), the coordinator is told, and the
// coordinator is asked whether the risk inventory needs updating (C8).
func (r *formCtx) finishDefect() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	defect := r.conv.Answers["defect"].Text
	org := r.org
	repair := r.b.planned(TaskRepair, r.now, r.now, false)
	repair.ID, repair.Row, repair.Assignee, repair.Fallback = repairID(task.ID), "F3", task.Assignee, org.coordinatorsExcept(task.Assignee)
	repair.Note, repair.Period, repair.RemindEvery = task.Note, task.Period, 7*24*time.Hour
	repair.Body = map[locale.Lang]string{}
	for _, lang := range locale.Langs {
		repair.Body[lang] = r.b.texts.T(lang, "task.repair.body", "Defect", defect)
	}
	if err := r.addTask(repair, nil, false); err != nil {
		return err
	}
	for _, c := range org.Coordinators() {
		tr := r.textsFor(c.Email)
		if err := r.send(c.Email, Message{Text: tr.T("notice.defect", "Where", task.Note, "Defect", defect,
			"Name", r.person.DisplayName())}); err != nil {
			return err
		}
	}
	where := task.Note
	if err := r.nudgeRiskInventory("alarm/"+task.ID, func(tr locale.Texts) string { return tr.T("rie.reason.alarm", "Where", where) }); err != nil {
		return err
	}
	return r.finishTask(task, map[string]string{"result": "defect", "defect": defect}, defect)
}

// nudgeRiskInventory asks the coordinator, once per reason, whether the
// risk inventory (RI&E) needs updating (C8): a failed alarm test or a new
// kind of incident is such a reason (Arbowet art. 5).
func (t *turn) nudgeRiskInventory(reasonKey string, reason func(locale.Texts) string) error {
	id := riskNudgeID(reasonKey)
	if _, err := t.tx.Task(id); err == nil {
		return nil
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	org := t.b.org
	assignee, fallback := org.split(emails(org.Coordinators()))
	if assignee == "" {
		return nil
	}
	start := t.b.cal.NextWorkingMoment(t.now)
	task := Task{ID: id, Kind: TaskDuty, Row: "C8", Assignee: assignee, Fallback: append(fallback, emails(org.WithRole(policy.RoleTownClerk))...),
		Start: start, Due: dutyDue(t.b.cal, start, nudgeWorkingDays),
		Title: map[locale.Lang]string{}, Body: map[locale.Lang]string{}}
	for _, lang := range locale.Langs {
		task.Title[lang] = t.b.texts.T(lang, "rie.title")
		task.Body[lang] = reason(t.b.texts.In(lang)) + " " + t.b.texts.T(lang, "rie.body")
	}
	return t.addTask(task, nil, false)
}

// nudgeWorkingDays is the time the coordinator has to look at the risk
// inventory when nudged: two working weeks, as for the analysis of an
// incident.
const nudgeWorkingDays = 10

// nudgeOnNewKinds asks for a look at the risk inventory when an incident is
// of a kind never reported before — once the register has a history to
// compare with (ten other reports), so a new installation does not raise a
// nudge for every first report. It compares with the register's rows, which
// stay after the retention period; a kind already nudged about is not
// looked up again.
func (t *turn) nudgeOnNewKinds(inc *Incident) error {
	var unseen []register.Category
	for _, c := range inc.Categories() {
		if c == register.CatOther || c == register.CatUnsafe || slices.Contains(unseen, c) {
			continue
		}
		if _, err := t.tx.Task(riskNudgeID(newKindReason(c))); err == nil {
			continue
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		unseen = append(unseen, c)
	}
	if len(unseen) == 0 {
		return nil
	}
	others := 0
	err := t.tx.EachRow(time.Time{}, time.Time{}, func(r register.Row) error {
		if r.Number == inc.Number {
			return nil
		}
		others++
		// A report whose follow-up is still to come compares in its own
		// follow-up: counting it as seen here, and this one there, would
		// leave a new kind reported twice at once without a nudge.
		if due, err := followUpDue(t.tx, r.Number); err != nil || due {
			return err
		}
		unseen = slices.DeleteFunc(unseen, func(c register.Category) bool { return slices.Contains(r.Categories, c) })
		if len(unseen) == 0 {
			return errAllSeen
		}
		return nil
	})
	if errors.Is(err, errAllSeen) {
		return nil
	}
	if err != nil {
		return err
	}
	if others < minHistoryForNewKinds {
		return nil
	}
	for _, c := range unseen {
		cat := c
		if err := t.nudgeRiskInventory(newKindReason(cat), func(tr locale.Texts) string {
			// No number: the nudge is a duty of the policy cycle, which may
			// go on to the town clerk, not a message about the incident.
			return tr.T("rie.reason.new", "What", tr.T("opt.categories."+string(cat)))
		}); err != nil {
			return err
		}
	}
	return nil
}

// minHistoryForNewKinds is how many other reports the register must hold
// before a kind never seen counts as new.
const minHistoryForNewKinds = 10

// errAllSeen stops the walk over the register once every kind was seen.
var errAllSeen = errors.New("every kind was reported before")

// newKindReason is the reason key of a nudge about a new kind of incident.
func newKindReason(c register.Category) string { return "new/" + string(c) }

package bot

import (
	"slices"
	"time"
)

// The monthly alarm test (F2) and the defects it finds (F3).

func (r *formCtx) finishDuty() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	note := r.conv.Answers["duty_outcome"].Text
	var outcome map[string]string
	if note != "" {
		outcome = map[string]string{"note": note}
	}
	return r.finishTask(task, outcome, note)
}

// finishDefect records a failed alarm test: the defect becomes a repair task
// that is reminded until it is fixed (F3), the coordinator is told, and the
// coordinator is asked whether the risk inventory needs updating (C8).
func (r *formCtx) finishDefect() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	defect := r.conv.Answers["defect"].Text
	org, cal := r.org, r.b.cal
	repair := Task{ID: task.ID + "/repair", Kind: TaskRepair, Row: "F3", Assignee: task.Assignee,
		Fallback: org.coordinatorsExcept(task.Assignee), Start: r.now, Due: cal.AddWorkingDays(r.now, org.Timings.TaskWorkingDays),
		Note: task.Note, Period: task.Period, RemindEvery: 7 * 24 * time.Hour,
		Body: map[Lang]string{}}
	for _, lang := range Langs {
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
	if err := r.nudgeRiskInventory("alarm/"+task.ID, func(tr Texts) string { return tr.T("rie.reason.alarm", "Where", where) }); err != nil {
		return err
	}
	return r.finishTask(task, map[string]string{"result": "defect", "defect": defect}, defect)
}

// nudgeRiskInventory asks the coordinator, once per reason, whether the
// risk inventory (RI&E) needs updating (C8): a failed alarm test or a new
// kind of incident is such a reason (Arbowet art. 5).
func (t *turn) nudgeRiskInventory(reasonKey string, reason func(Texts) string) error {
	id := "C8/" + reasonKey
	if _, err := t.tx.Task(id); err == nil {
		return nil
	}
	org := t.b.org
	assignee, fallback := org.split(emails(org.Coordinators()))
	if assignee == "" {
		return nil
	}
	task := Task{ID: id, Kind: TaskDuty, Row: "C8", Assignee: assignee, Fallback: append(fallback, emails(org.WithRole(RoleTownClerk))...),
		Start: t.now, Due: t.b.cal.AddWorkingDays(t.now, org.Timings.AnalysisWorkingDays),
		Title: map[Lang]string{}, Body: map[Lang]string{}}
	for _, lang := range Langs {
		task.Title[lang] = t.b.texts.T(lang, "rie.title")
		task.Body[lang] = reason(t.b.texts.In(lang)) + " " + t.b.texts.T(lang, "rie.body")
	}
	return t.addTask(task, nil, false)
}

// nudgeOnNewKinds asks for a look at the risk inventory when an incident is
// of a kind never reported before — once the register has a history to
// compare with (ten reports), so a new installation does not raise a nudge
// for every first report.
func (t *turn) nudgeOnNewKinds(inc *Incident) error {
	history, err := t.tx.TasksOfRow("M5")
	if err != nil || len(history) < 10 {
		return err
	}
	for _, c := range inc.Categories {
		if c == CatOther || c == CatUnsafe {
			continue
		}
		seen := false
		for _, task := range history {
			if task.Incident == inc.Number {
				continue
			}
			if other, err := t.tx.Incident(task.Incident); err == nil && slices.Contains(other.Categories, c) {
				seen = true
				break
			}
		}
		if seen {
			continue
		}
		cat := c
		if err := t.nudgeRiskInventory("new/"+string(cat), func(tr Texts) string {
			return tr.T("rie.reason.new", "What", tr.T("opt.categories."+string(cat)), "Number", inc.Number)
		}); err != nil {
			return err
		}
	}
	return nil
}

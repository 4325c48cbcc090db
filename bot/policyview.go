package bot

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"meldbot/bot/policy"
)

// policy sends the set-up checklist and the state of the policy cycle
// (/incident beleid): which set-up items are ticked off, by whom and when,
// and which recurring duties are due, overdue or done.
func (t *turn) policy() error {
	if !maySeePolicy(t.person) {
		return t.refuse("policy")
	}
	checks, err := t.checks()
	if err != nil {
		return err
	}
	m, err := t.policyMessage(checks)
	if err != nil {
		return err
	}
	return t.reply(m)
}

// policyMessage draws the checklist with the items ticked off in checks
// (by key), and the state of the cycle.
func (t *turn) policyMessage(checks map[string]Check) (Message, error) {
	org := t.b.org
	items := org.setupItems()
	done := 0
	var lines []string
	for _, it := range items {
		line := "*" + it.Row.ID + "* " + t.tr.T("row."+it.Row.ID)
		if d, ok := org.Department(it.Department); ok {
			line += " — " + d.Name
		}
		if c, ok := checks[it.Key()]; ok {
			done++
			who := org.NameOf(c.By)
			lines = append(lines, "✓ "+line+" "+t.tr.T("policy.ticked", "Name", who, "At", t.tr.Time(c.At)))
		} else {
			lines = append(lines, "○ "+line)
		}
	}
	var b strings.Builder
	b.WriteString(t.tr.T("policy.title", "Org", org.Name) + "\n\n")
	b.WriteString(t.tr.T("policy.setup", "Done", done, "Total", len(items)) + "\n")
	b.WriteString(strings.Join(lines, "\n") + "\n\n")
	cycle, err := t.cycleState()
	if err != nil {
		return Message{}, err
	}
	b.WriteString(cycle)

	// A button for every item the person may tick off or open again,
	// always in the order of the list: its number means the same item
	// before and after a tick, and its label says what it will do.
	m := Message{Text: strings.TrimRight(b.String(), "\n")}
	for _, it := range org.tickable(t.person) {
		name := it.Row.ID
		if d, ok := org.Department(it.Department); ok {
			name += " " + d.Name
		}
		if _, ticked := checks[it.Key()]; ticked {
			m.Choices = append(m.Choices, Choice{Label: t.tr.T("policy.untick", "Item", name), Value: uncheckValue(it.Key())})
		} else {
			m.Choices = append(m.Choices, Choice{Label: t.tr.T("policy.tick", "Item", name), Value: checklistValue(it.Key())})
		}
	}
	return m, nil
}

// checks returns the ticked-off items by key.
func (t *turn) checks() (map[string]Check, error) {
	list, err := t.tx.Checks()
	if err != nil {
		return nil, err
	}
	out := map[string]Check{}
	for _, c := range list {
		out[c.Item] = c
	}
	return out, nil
}

// tick ticks a set-up item off, or with on false opens it again, and
// redraws the checklist.
func (t *turn) tick(key string, on bool) error {
	item, found := t.b.org.setupItem(key)
	if !found {
		return t.reply(Message{Text: t.tr.T("action.unknown")})
	}
	if !t.b.org.mayTick(t.person, item) {
		return t.reply(Message{Text: t.tr.T("policy.not_yours", "Role", t.tr.T("role."+string(item.Row.Role)))})
	}
	checks, err := t.checks()
	if err != nil {
		return err
	}
	c, ticked := checks[key]
	switch {
	case on && ticked:
		return t.reply(Message{Text: t.tr.T("policy.already", "Item", item.Row.ID, "Name", t.b.org.NameOf(c.By))})
	case !on && !ticked:
		return t.reply(Message{Text: t.tr.T("policy.already_open", "Item", item.Row.ID)})
	case on:
		c = Check{Item: key, By: t.person.Email, At: t.now}
		if err := t.tx.PutCheck(c); err != nil {
			return err
		}
		checks[key] = c
		t.b.log.Info().Str("item", key).Str("by", string(t.person.Email)).Msg("set-up item ticked off")
	default:
		if err := t.tx.DeleteCheck(key); err != nil {
			return err
		}
		delete(checks, key)
		t.b.log.Info().Str("item", key).Str("by", string(t.person.Email)).Str("ticked_by", string(c.By)).Msg("set-up item opened again")
	}
	m, err := t.policyMessage(checks)
	if err != nil {
		return err
	}
	return t.update(t.ref, m)
}

// cycleState lists the recurring duties: overdue, open and recently done.
func (t *turn) cycleState() (string, error) {
	var overdue, open, done []Task
	for _, row := range policy.Matrix {
		if row.Kind != policy.KindRecurring && row.ID != "F3" {
			continue
		}
		tasks, err := t.tx.TasksOfRow(row.ID)
		if err != nil {
			return "", err
		}
		for _, task := range tasks {
			switch {
			case task.State == TaskScheduled:
			case task.Closed() && t.now.Sub(closingTime(task)) < 92*24*time.Hour:
				done = append(done, task)
			case task.Closed():
			case task.Due.Before(t.now):
				overdue = append(overdue, task)
			default:
				open = append(open, task)
			}
		}
	}
	var b strings.Builder
	b.WriteString(t.tr.T("policy.cycle") + "\n")
	if len(overdue)+len(open)+len(done) == 0 {
		b.WriteString(t.tr.T("policy.cycle_empty") + "\n")
	}
	section := func(key string, tasks []Task, line func(Task) string) {
		if len(tasks) == 0 {
			return
		}
		sort.Slice(tasks, func(i, j int) bool { return tasks[i].Due.Before(tasks[j].Due) })
		b.WriteString(t.tr.T(key) + "\n")
		for _, task := range tasks {
			b.WriteString("• " + line(task) + "\n")
		}
	}
	who := func(task Task) string { return t.b.org.NameOf(task.Assignee) }
	section("policy.overdue", overdue, func(task Task) string {
		return t.tr.T("policy.task_due", "Task", t.dutyTitle(task), "Name", who(task), "Due", t.tr.Time(task.Due))
	})
	section("policy.open", open, func(task Task) string {
		return t.tr.T("policy.task_due", "Task", t.dutyTitle(task), "Name", who(task), "Due", t.tr.Time(task.Due))
	})
	section("policy.done", done, func(task Task) string {
		closed := closingEvent(task)
		line := t.tr.T("policy.task_done", "Task", t.dutyTitle(task), "Name", t.b.org.NameOf(closed.By), "At", t.tr.Time(closed.At))
		if r := task.Outcome["result"]; r != "" {
			line += " — " + t.tr.T("policy.result."+r)
		}
		return line
	})
	return b.String(), nil
}

// dutyTitle names a task of the cycle in the reader's language, with its
// period and place: "F2 Alarmtest — Stadhuis (2026-11)".
func (t *turn) dutyTitle(task Task) string {
	title := taskTitle(task, t.tr)
	if task.Note != "" && task.Kind != TaskFollowUp {
		title += " — " + task.Note
	}
	if task.Period != "" {
		title += " (" + t.tr.Period(task.Period) + ")"
	}
	return fmt.Sprintf("*%s* %s", task.Row, title)
}

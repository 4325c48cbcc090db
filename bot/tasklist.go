package bot

import "sort"

// listTasks sends the person their open tasks (/incident taken), each with
// its buttons, earliest deadline first.
func (t *turn) listTasks() error {
	all, err := t.tx.TasksOf(t.person.Email)
	if err != nil {
		return err
	}
	var open []Task
	for _, task := range all {
		if task.Outstanding() {
			open = append(open, task)
		}
	}
	if len(open) == 0 {
		return t.reply(Message{Text: t.tr.T("tasks.none")})
	}
	sort.Slice(open, func(i, j int) bool { return open[i].Due.Before(open[j].Due) })
	if err := t.reply(Message{Text: t.tr.T("tasks.header", "Count", len(open))}); err != nil {
		return err
	}
	for _, task := range open {
		inc, err := t.incidentOf(task)
		if err != nil {
			return err
		}
		if err := t.sendTask(t.person.Email, task, renderTask(task, inc, t.b.org, t.tr)); err != nil {
			return err
		}
	}
	return nil
}

// lapsed reports whether a task is a check-in left unanswered: it stays
// open for a late answer, but is no longer something to do.
func (t Task) lapsed() bool { return t.Kind == TaskCheckIn && t.logged("lapsed") }
